//! The administrator's own console runs, from the query log: searchable, newest first, with
//! how long each took, how many rows and how it ended, so a query can be found and run again.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::ORIGIN;
use crate::{
    AppError,
    admin::console::{ConsoleHistory, ConsoleRun, HISTORY_PER_PAGE},
    server::{
        Viewer,
        entities::{prelude::QueryLog, query_log},
    },
};

pub async fn history(
    db: &DatabaseConnection,
    viewer: &Viewer,
    search: Option<&str>,
    before: Option<i64>,
    limit: Option<u64>,
) -> Result<ConsoleHistory, AppError> {
    viewer.require_admin()?;
    let limit = match limit {
        None => HISTORY_PER_PAGE,
        Some(limit @ 1..=100) => limit,
        Some(_) => {
            return Err(AppError::validation(
                "limit",
                "limit must be between 1 and 100.",
            ));
        }
    };
    let mut query = QueryLog::find()
        .filter(query_log::Column::UserId.eq(viewer.user_id))
        .filter(query_log::Column::Origin.eq(ORIGIN));
    if let Some(search) = search.map(str::trim).filter(|search| !search.is_empty()) {
        query = query.filter(query_log::Column::Sql.contains(search));
    }
    if let Some(before) = before {
        query = query.filter(query_log::Column::Id.lt(before));
    }
    let mut runs = query
        .order_by_desc(query_log::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = runs.len() as u64 > limit;
    runs.truncate(limit as usize);
    Ok(ConsoleHistory {
        next_before: runs.last().filter(|_| more).map(|run| run.id),
        runs: runs
            .into_iter()
            .map(|run| ConsoleRun {
                id: run.id,
                sql: run.sql,
                duration_ms: i64::from(run.duration_ms),
                row_count: run.row_count,
                status: run.status,
                error: run.error,
                created_at: run.created_at,
            })
            .collect(),
    })
}
