//! The activity log for administrators: every recorded change, newest first, filtered by user
//! and kind, a page at a time.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::{
    AppError,
    admin::{ACTIVITY_PER_PAGE, ActivityEntry, ActivityFilter, ActivityPage},
    server::{
        Viewer,
        entities::{activity, prelude::*, users},
    },
};

/// Characters of a payload shown in the list.
const SUMMARY_CHARS: usize = 200;

pub async fn list_activity(
    db: &DatabaseConnection,
    viewer: &Viewer,
    filter: &ActivityFilter,
) -> Result<ActivityPage, AppError> {
    viewer.require_admin()?;
    let limit = match filter.limit {
        None => ACTIVITY_PER_PAGE,
        Some(limit @ 1..=200) => limit,
        Some(_) => {
            return Err(AppError::validation(
                "limit",
                "limit must be between 1 and 200.",
            ));
        }
    };
    let mut query = Activity::find();
    if let Some(user_id) = filter.user_id {
        query = query.filter(activity::Column::UserId.eq(user_id));
    }
    if let Some(kind) = filter
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|kind| !kind.is_empty())
    {
        query = query.filter(activity::Column::Kind.starts_with(kind));
    }
    if let Some(before) = filter.before {
        query = query.filter(activity::Column::Id.lt(before));
    }
    let mut rows = query
        .order_by_desc(activity::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let emails: HashMap<i64, String> = Users::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Email)
        .filter(users::Column::Id.is_in(rows.iter().filter_map(|row| row.user_id)))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(ActivityPage {
        next_before: rows.last().filter(|_| more).map(|row| row.id),
        entries: rows
            .into_iter()
            .map(|row| ActivityEntry {
                id: row.id,
                user_email: row.user_id.and_then(|id| emails.get(&id).cloned()),
                user_id: row.user_id,
                kind: row.kind,
                summary: row.payload.chars().take(SUMMARY_CHARS).collect(),
                created_at: row.created_at,
            })
            .collect(),
    })
}
