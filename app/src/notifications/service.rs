//! Notifications over the database. Every query carries the viewer's `user_id`: another user's
//! notification is "not found".

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use super::{LISTED, NotificationView, Notifications};
use crate::{
    AppError,
    server::{
        Viewer, clock,
        entities::{notifications, prelude::Notifications as Rows},
    },
};

/// What a new notification says and where it leads.
pub struct Notice {
    pub kind: &'static str,
    /// Unique per user: a notice whose key was already used is not written again.
    pub dedupe_key: String,
    pub title: String,
    pub body: String,
    pub link: String,
}

fn view(row: notifications::Model) -> NotificationView {
    NotificationView {
        id: row.id,
        kind: row.kind,
        title: row.title,
        body: row.body,
        link: row.link,
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

/// Which of `keys` the user was already notified under.
pub async fn used_keys(
    db: &impl ConnectionTrait,
    user_id: i64,
    keys: Vec<String>,
) -> Result<Vec<String>, AppError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Rows::find()
        .select_only()
        .column(notifications::Column::DedupeKey)
        .filter(notifications::Column::UserId.eq(user_id))
        .filter(notifications::Column::DedupeKey.is_in(keys))
        .into_tuple()
        .all(db)
        .await?)
}

/// Writes a notice. Callers check [`used_keys`] first inside the user's write turn (see
/// `data_version::bump`); the unique index stands behind that check.
pub async fn notify(
    db: &impl ConnectionTrait,
    user_id: i64,
    notice: Notice,
) -> Result<(), AppError> {
    notifications::ActiveModel {
        user_id: Set(user_id),
        kind: Set(notice.kind.to_string()),
        dedupe_key: Set(notice.dedupe_key),
        title: Set(notice.title),
        body: Set(notice.body),
        link: Set(notice.link),
        created_at: Set(clock::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn list_notifications(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<Notifications, AppError> {
    let items = Rows::find()
        .filter(notifications::Column::UserId.eq(viewer.user_id))
        .order_by_desc(notifications::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect();
    let unread = Rows::find()
        .filter(notifications::Column::UserId.eq(viewer.user_id))
        .filter(notifications::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(Notifications { items, unread })
}

/// Marks one notification read; reading it twice is not an error.
pub async fn mark_read(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<NotificationView, AppError> {
    let row = Rows::find_by_id(id)
        .filter(notifications::Column::UserId.eq(viewer.user_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("No such notification."))?;
    if row.read_at.is_some() {
        return Ok(view(row));
    }
    let mut active: notifications::ActiveModel = row.into();
    active.read_at = Set(Some(clock::now()));
    Ok(view(active.update(db).await?))
}

/// Marks every unread notification of the viewer read; answers how many there were.
pub async fn mark_all_read(db: &DatabaseConnection, viewer: &Viewer) -> Result<u64, AppError> {
    let result = Rows::update_many()
        .col_expr(notifications::Column::ReadAt, Expr::value(clock::now()))
        .filter(notifications::Column::UserId.eq(viewer.user_id))
        .filter(notifications::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
