//! Query analytics for administrators: what the assistant and the console run and how fast,
//! what the assistant could not answer, and how much the instance is used. Days are UTC days:
//! the figures are the instance's, not one user's.

mod page;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use page::AnalyticsPage;

use crate::analytics::TopQuery;

/// The window shown unless the caller asks for another.
pub const DEFAULT_DAYS: u32 = 30;
pub const MAX_DAYS: u32 = 365;

/// One count per day of [`DailyCounts::days`] for each named series.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DailyCounts {
    /// Every day of the window, oldest first.
    pub days: Vec<NaiveDate>,
    /// Largest total first.
    pub series: Vec<CountSeries>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountSeries {
    /// e.g. `assistant`, `console`; `active_users`, `expenses_created`.
    pub name: String,
    pub values: Vec<u64>,
    pub total: u64,
}

/// A single slow run, for the "slowest queries" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlowQuery {
    pub sql: String,
    pub origin: String,
    pub duration_ms: i64,
    /// `ok`, `error` or `timeout`.
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// A question the built-in engine did not understand, with how often it was asked: what to
/// teach it next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnansweredQuestion {
    pub question: String,
    pub times: u64,
    pub last_asked_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReceiptStorage {
    pub receipts: u64,
    pub bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminAnalytics {
    pub days: u32,
    /// Every user's queries grouped by fingerprint, most frequent first.
    pub top_queries: Vec<TopQuery>,
    /// Queries run per day, a series per origin.
    pub queries_per_day: DailyCounts,
    pub slowest: Vec<SlowQuery>,
    pub unanswered: Vec<UnansweredQuestion>,
    /// `active_users` (distinct users with any recorded activity) and `expenses_created`.
    pub usage_per_day: DailyCounts,
    pub receipt_storage: ReceiptStorage,
}
