//! Budgets: a monthly amount per category, or one for the whole month, in the user's base
//! currency. A budget's row applies from its month until a later row for the same category
//! replaces it, so changing this month's amount keeps last month's history. Shared types here;
//! the rules and the status maths in `service`, server functions in `api`.

pub mod api;
mod card;
mod delete;
mod edit;
mod form;
mod labels;
mod month;
mod page;
#[cfg(feature = "ssr")]
pub mod service;
mod setup;

pub use month::{Month, MonthError};
pub use page::BudgetsPage;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A budget as its owner sees it: the row in force for `month`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BudgetView {
    pub id: i64,
    /// `null` for the overall budget (every category).
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    /// Major units, e.g. `"400.00"`.
    pub amount: String,
    pub amount_minor: i64,
    pub currency: String,
    /// The first month this amount applies to.
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "2026-03"))]
    pub month: Month,
    /// Whether what is left (or overspent) at the end of a month carries into the next.
    pub rollover: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewBudget {
    /// Omit (or `null`) for the overall monthly budget.
    #[serde(default)]
    pub category_id: Option<i64>,
    /// Major units of the user's base currency, e.g. `"400"`.
    pub amount: String,
    /// The first month it applies to; default this month.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, example = "2026-03"))]
    pub month: Option<Month>,
    #[serde(default)]
    pub rollover: bool,
}

/// A change from this month on: a budget that started earlier keeps its past months.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct BudgetChanges {
    pub amount: Option<String>,
    pub rollover: Option<bool>,
}

/// How a budget stands: under 80 % used, 80–100 %, or over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BudgetState {
    Under,
    Warning,
    Over,
}

/// One budget in one month. Money in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub budget_id: i64,
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    pub category_color: Option<String>,
    pub currency: String,
    /// The month's own amount.
    pub budgeted_minor: i64,
    /// Carried from the previous month by rollover (negative when it was overspent).
    pub carried_minor: i64,
    /// `budgeted + carried`: what the month may spend.
    pub available_minor: i64,
    /// Expenses in the budget's currency (others cannot be compared without exchange rates).
    pub spent_minor: i64,
    pub left_minor: i64,
    /// Spent as a share of available, in whole percent (rounded down); `null` when nothing is
    /// available.
    pub percent_used: Option<i64>,
    pub state: BudgetState,
    /// What may be spent per remaining day (today included) to stay within budget; `null` for a
    /// past month or when nothing is left.
    pub daily_allowance_minor: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BudgetStatus {
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "2026-03"))]
    pub month: Month,
    /// Days of the month from today on (today included); 0 for past months.
    pub days_left: u32,
    /// The overall budget first, then categories by name.
    pub lines: Vec<BudgetLine>,
}

/// The share of a budget, in percent, from which it shows as nearly spent.
pub const WARNING_PERCENT: i64 = 80;
