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

/// `None` inside: switched off, every request computes afresh.
#[derive(Clone)]
pub struct AnalyticsCache {
    overview: Option<Cache<Key, Overview>>,
    trends: Option<Cache<Key, Trends>>,
}

fn bounded<V: Clone + Send + Sync + 'static>(entries: u64) -> Option<Cache<Key, V>> {
    (entries > 0).then(|| {
        Cache::builder()
            .max_capacity(entries)
            .time_to_idle(Duration::from_secs(15 * 60))
            .build()
    })
}

impl AnalyticsCache {
    /// Keeps up to `entries` of each kind; 0 keeps none.
    pub fn new(entries: u64) -> Self {
        Self {
            overview: bounded(entries),
            trends: bounded(entries),
        }
    }

    pub(super) fn overview(&self, key: &Key) -> Option<Overview> {
        self.overview.as_ref()?.get(key)
    }

    pub(super) fn keep_overview(&self, key: Key, overview: &Overview) {
        if let Some(cache) = &self.overview {
            cache.insert(key, overview.clone());
        }
    }

    pub(super) fn trends(&self, key: &Key) -> Option<Trends> {
        self.trends.as_ref()?.get(key)
    }

    pub(super) fn keep_trends(&self, key: Key, trends: &Trends) {
        if let Some(cache) = &self.trends {
            cache.insert(key, trends.clone());
        }
    }
}
