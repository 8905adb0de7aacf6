//! The activity outbox: every change worth telling the outside world about writes a row here, in
//! the same transaction as the change, so an event is never lost or invented.

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::Value;

use super::{clock, entities::activity};
use crate::AppError;

pub async fn record(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
    kind: &str,
    payload: Value,
) -> Result<(), AppError> {
    activity::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.to_string()),
        payload: Set(payload.to_string()),
        created_at: Set(clock::now()),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
