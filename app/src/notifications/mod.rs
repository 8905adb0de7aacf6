//! In-app notifications: the bell in the navigation with its unread count. Budget alerts are the
//! first kind; each is written in the transaction of the change that caused it.

pub mod api;
pub mod bell;
#[cfg(feature = "ssr")]
pub mod service;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many notifications the bell lists, newest first.
pub const LISTED: u64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: i64,
    /// `budget_alert`.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// Where the notification leads, an app path such as `/budgets?month=2026-11`.
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notifications {
    /// The newest notifications, read or not, at most thirty.
    pub items: Vec<NotificationView>,
    /// All unread notifications, including those beyond `items`.
    pub unread: u64,
}
