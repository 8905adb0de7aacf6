//! Events: the activity outbox read as a stream of facts, and the handlers that act on them
//! (emails, per-day counters). The transports (in-process, or RabbitMQ through the worker) live
//! in the server crate and may deliver an event more than once, so every handler applies an
//! event at most once, by its id.

pub mod counters;
pub mod handlers;
pub mod lease;
pub mod outbox;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::server::entities::activity;

/// One activity row as it travels: the message body on the queue, and what handlers read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The activity row's id: unique, so it is also the idempotency key.
    pub id: i64,
    /// `user.registered`, `expense.created`, `budget.alert`, …; the routing key on the broker.
    pub kind: String,
    pub user_id: Option<i64>,
    pub payload: Value,
    pub created_at: DateTime<Utc>,
}

impl From<activity::Model> for Event {
    fn from(row: activity::Model) -> Self {
        Self {
            id: row.id,
            // Written by `activity::record` from a `Value`, so it parses; `Null` if someone
            // edited the row by hand.
            payload: serde_json::from_str(&row.payload).unwrap_or(Value::Null),
            kind: row.kind,
            user_id: row.user_id,
            created_at: row.created_at,
        }
    }
}
