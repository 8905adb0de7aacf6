//! Reading the outbox: the rows not yet published, oldest first, and marking them published.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use super::Event;
use crate::server::entities::{activity, prelude::Activity};

/// The oldest `limit` events not yet published.
pub async fn unpublished(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Event>, DbErr> {
    Ok(Activity::find()
        .filter(activity::Column::PublishedAt.is_null())
        .order_by_asc(activity::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(Event::from)
        .collect())
}

/// Marks these events published (delivered to the broker, or handled in-process).
pub async fn mark_published(
    db: &impl ConnectionTrait,
    ids: &[i64],
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    Activity::update_many()
        .col_expr(activity::Column::PublishedAt, Expr::value(at))
        .filter(activity::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// How many events wait to be published.
pub async fn backlog(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Activity::find()
        .filter(activity::Column::PublishedAt.is_null())
        .count(db)
        .await
}
