//! Live updates: a page open in one tab (or served by another instance) learns within a second
//! that the user's data changed, and reloads what it shows. The signal is the user's data
//! version, which every write bumps in its own transaction, so it works across instances and on
//! every database without a broker; on PostgreSQL the change is pushed (see `feed`).

pub mod client;
#[cfg(feature = "ssr")]
pub mod feed;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// The server-sent event name for [`DataChanged`].
pub const DATA_CHANGED: &str = "data_changed";

/// Sent on `/api/v1/events` when the user's data version moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DataChanged {
    pub data_version: i64,
}
