//! The log of executed queries (the assistant's and the admin console's), which feeds the query
//! analytics: each row keeps the SQL, its fingerprint (the SQL with literals normalised, so runs
//! of one query with other values group together), duration, rows and outcome.

mod fingerprint;

use std::time::Duration;

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

pub use fingerprint::fingerprint;

use super::{clock, entities::query_log};
use crate::AppError;

/// How a logged query ended.
pub enum Outcome {
    Ran {
        rows: usize,
    },
    /// `status` is `timeout` or `error`.
    Failed {
        status: &'static str,
        error: String,
    },
}

pub async fn record(
    db: &impl ConnectionTrait,
    user_id: i64,
    origin: &str,
    sql: &str,
    duration: Duration,
    outcome: Outcome,
) -> Result<(), AppError> {
    let (status, row_count, error) = match outcome {
        Outcome::Ran { rows } => ("ok", i64::try_from(rows).ok(), None),
        Outcome::Failed { status, error } => (status, None, Some(error)),
    };
    query_log::ActiveModel {
        user_id: Set(Some(user_id)),
        origin: Set(origin.into()),
        fingerprint: Set(fingerprint(sql)),
        sql: Set(sql.to_string()),
        duration_ms: Set(i32::try_from(duration.as_millis()).unwrap_or(i32::MAX)),
        row_count: Set(row_count),
        status: Set(status.into()),
        error: Set(error),
        created_at: Set(clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
