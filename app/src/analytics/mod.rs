//! Analytics: the dashboard's headline numbers, time series of spending, and the questions users
//! ask most. Shared types and the range/grouping vocabulary here; the SQL in `service`, server
//! functions in `api`. Money is in minor units of the user's base currency: expenses in other
//! currencies are left out (there are no exchange rates to add them up honestly).

pub mod api;
mod range;
#[cfg(feature = "ssr")]
pub mod service;

pub use range::{Group, Period, Range, RangeError, RangeQuery, SeriesBy};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{budgets::BudgetStatus, expenses::ExpenseView};

/// The numbers on the dashboard's cards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Overview {
    pub currency: String,
    pub today: NaiveDate,
    /// From the first of this month to today.
    pub spent_this_month_minor: i64,
    /// Last month from its first day to the same day of the month (or its end).
    pub spent_same_point_last_month_minor: i64,
    /// Whole percent change against the same point last month; `null` when last month was 0.
    pub change_percent: Option<i64>,
    /// This month's spending divided by the days so far (today included).
    pub daily_average_minor: i64,
    /// What the overall budget has left this month; `null` without an overall budget.
    pub budget_left_minor: Option<i64>,
    pub largest_expense: Option<ExpenseView>,
    pub budgets: BudgetStatus,
}

/// One line of a chart: a category or a merchant, with a value per bucket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Series {
    /// The category id or the merchant name; `other` for everything outside the top ones.
    pub key: String,
    pub label: String,
    /// The category's colour; `null` for merchants.
    pub color: Option<String>,
    /// One value per entry of [`Trends::buckets`], in minor units.
    pub values: Vec<i64>,
    pub total_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Trends {
    pub currency: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group: Group,
    pub by: SeriesBy,
    /// Bucket labels, oldest first, every bucket of the range present: `YYYY-MM-DD` for days
    /// and weeks (the Monday), `YYYY-MM` for months.
    pub buckets: Vec<String>,
    /// Largest total first.
    pub series: Vec<Series>,
}

/// A question or query someone ran often, from the query log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TopQuery {
    pub fingerprint: String,
    /// The most recent text of it.
    pub sql: String,
    pub origin: String,
    pub count: i64,
    /// Runs that failed or timed out.
    pub errors: i64,
    /// Median and 95th-percentile duration in milliseconds.
    pub p50_ms: i64,
    pub p95_ms: i64,
    pub last_run_at: DateTime<Utc>,
}
