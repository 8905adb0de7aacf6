//! The email page of the admin area: what was sent, what waits for a retry and why, what gave
//! up; and the events waiting in the outbox.

mod page;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use page::EmailsPage;

/// Emails listed, newest first.
pub const EMAILS_LISTED: u64 = 100;

/// One outgoing email as an administrator sees it (the addressee, never the body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EmailDelivery {
    pub id: i64,
    pub to_address: String,
    /// `welcome`, `budget_alert` or `password_changed`.
    pub kind: String,
    pub subject: String,
    /// `pending`, `sent` or `failed` (gave up; can be sent again).
    pub status: String,
    pub attempts: i32,
    /// When a pending email is tried next.
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EmailOverview {
    /// The newest emails with the status asked for (all when none).
    pub emails: Vec<EmailDelivery>,
    pub pending: u64,
    pub sent: u64,
    pub failed: u64,
    /// Activity events not yet handed to the handlers or the broker.
    pub outbox_backlog: u64,
    pub broker: BrokerState,
}

/// The message broker as this instance last saw it; readiness reports it too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BrokerState {
    /// No `AMQP_URL`: events are handled in-process.
    #[default]
    NotConfigured,
    Ok,
    /// Configured but not answering: events wait in the outbox.
    Unavailable,
}
