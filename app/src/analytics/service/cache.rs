//! Computed aggregates per user, keyed by the user's data version and today's date: a write
//! bumps the version and a new day changes "this month", so an entry is never served stale. Per
//! application; entries of old versions simply age out.

use std::time::Duration;

use chrono::NaiveDate;
use moka::sync::Cache;

use crate::analytics::{Overview, Trends};

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub(super) struct Key {
    pub user_id: i64,
    pub data_version: i64,
    pub today: NaiveDate,
    pub currency: &'static str,
    /// What was asked, e.g. the resolved period of a trends query.
    pub question: String,
}

#[derive(Clone)]
pub struct AnalyticsCache {
    pub(super) overview: Cache<Key, Overview>,
    pub(super) trends: Cache<Key, Trends>,
}

fn bounded<V: Clone + Send + Sync + 'static>() -> Cache<Key, V> {
    Cache::builder()
        .max_capacity(10_000)
        .time_to_idle(Duration::from_secs(15 * 60))
        .build()
}

impl Default for AnalyticsCache {
    fn default() -> Self {
        Self {
            overview: bounded(),
            trends: bounded(),
        }
    }
}
