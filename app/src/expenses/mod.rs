//! Expenses: the heart of the product. Shared types and rules here; the query model in `query`,
//! the database work in `service`, server functions in `api`, the page in `page`.

mod add;
pub mod api;
mod delete;
mod edit;
mod filters;
mod form;
mod page;
pub mod query;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
mod setup;
mod table;
pub mod transfer;

pub use edit::EditExpensePage;
pub use page::ExpensesPage;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An expense as its owner sees it. `amount` is a decimal string in major units; `amount_minor`
/// the exact integer it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExpenseView {
    pub id: i64,
    pub amount: String,
    pub amount_minor: i64,
    pub currency: String,
    pub spent_on: NaiveDate,
    pub category_id: i64,
    pub category_name: String,
    pub category_color: String,
    pub category_icon: String,
    pub merchant: String,
    pub note: String,
    pub tags: Vec<String>,
    pub receipt_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a client sends to create an expense; nothing else is accepted.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewExpense {
    /// Major units as typed, e.g. `"12.34"`.
    pub amount: String,
    /// ISO 4217; defaults to the user's base currency.
    #[serde(default)]
    pub currency: Option<String>,
    pub spent_on: NaiveDate,
    pub category_id: i64,
    #[serde(default)]
    pub merchant: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// A receipt uploaded with `POST /receipts` and not yet attached to another expense.
    #[serde(default)]
    pub receipt_id: Option<i64>,
}

/// A partial change: only the fields present are changed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ExpenseChanges {
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub spent_on: Option<NaiveDate>,
    pub category_id: Option<i64>,
    pub merchant: Option<String>,
    pub note: Option<String>,
    pub tags: Option<Vec<String>>,
    /// Attach this receipt; the one it replaces is deleted. (Delete the receipt itself to
    /// detach it.)
    pub receipt_id: Option<i64>,
}

/// The total of the filtered expenses in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CurrencyTotal {
    pub currency: String,
    pub amount: String,
    pub amount_minor: i64,
}

/// One page of the table: `next_cursor` continues it; `total` and `sums` cover the whole filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExpensePage {
    pub items: Vec<ExpenseView>,
    pub next_cursor: Option<String>,
    pub total: i64,
    pub sums: Vec<CurrencyTotal>,
}
