//! The queries run most often, from the query log (filled by the assistant and the admin
//! console); an empty list until they exist.

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func},
};

use crate::{
    AppError,
    analytics::TopQuery,
    server::{
        Viewer,
        entities::{prelude::QueryLog, query_log},
    },
};

const LIMIT: u64 = 20;

/// The viewer's own queries; with `everyone` (admins only) every user's.
pub async fn top_queries(
    db: &DatabaseConnection,
    viewer: &Viewer,
    everyone: bool,
) -> Result<Vec<TopQuery>, AppError> {
    if everyone {
        viewer.require_admin()?;
    }
    let mut query = QueryLog::find()
        .select_only()
        .column(query_log::Column::Fingerprint)
        .column_as(query_log::Column::Sql.max(), "sql")
        .column_as(query_log::Column::Origin.max(), "origin")
        .column_as(query_log::Column::Id.count(), "count")
        .group_by(query_log::Column::Fingerprint)
        .order_by_desc(Expr::expr(Func::count(Expr::col(query_log::Column::Id))))
        .order_by_asc(query_log::Column::Fingerprint)
        .limit(LIMIT);
    if !everyone {
        query = query.filter(query_log::Column::UserId.eq(viewer.user_id));
    }
    let rows: Vec<(String, String, String, i64)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(fingerprint, sql, origin, count)| TopQuery {
            fingerprint,
            sql,
            origin,
            count,
        })
        .collect())
}
