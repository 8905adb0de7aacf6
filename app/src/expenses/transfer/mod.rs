//! CSV import and export. The browser uploads a file, sees a preview with the detected column
//! mapping, date format and decimal separator, adjusts them, and confirms; the whole import is
//! one transaction. Export writes the current filter, with spreadsheet formulas neutralised.
//! The import page (`/expenses/import`) is `page`, its steps in the modules beside it.

mod choices;
#[cfg(feature = "ssr")]
pub mod export;
mod file_picker;
#[cfg(feature = "ssr")]
pub mod import;
mod mapping;
mod outcome;
mod page;
#[cfg(feature = "ssr")]
mod parse;
mod review;

pub use page::ImportPage;

use serde::{Deserialize, Serialize};

use super::query::ExpenseQuery;

/// The CSV of every expense in the view's filter (`GET /api/v1/expenses/export`).
pub fn export_href(query: &ExpenseQuery) -> String {
    match query.first_page().to_query_string() {
        search if search.is_empty() => "/api/v1/expenses/export".into(),
        search => format!("/api/v1/expenses/export?{search}"),
    }
}

/// How dates are written in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// 2026-03-31
    #[default]
    Iso,
    /// 31/03/2026, 31.03.2026, 31-03-2026
    DayMonthYear,
    /// 03/31/2026
    MonthDayYear,
}

/// The character between whole and fractional units in the file's amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecimalSeparator {
    /// 1,234.56
    #[default]
    Dot,
    /// 1.234,56
    Comma,
}

/// Which column (0-based) holds what, and how to read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    pub date_column: usize,
    pub amount_column: usize,
    #[serde(default)]
    pub merchant_column: Option<usize>,
    #[serde(default)]
    pub category_column: Option<usize>,
    #[serde(default)]
    pub note_column: Option<usize>,
    /// ISO 4217 codes; empty cells (or no column) mean the user's base currency.
    #[serde(default)]
    pub currency_column: Option<usize>,
    /// Comma-separated tags.
    #[serde(default)]
    pub tags_column: Option<usize>,
    #[serde(default)]
    pub date_format: DateFormat,
    #[serde(default)]
    pub decimal_separator: DecimalSeparator,
    /// Create categories named in the file that the user does not have yet.
    #[serde(default)]
    pub create_categories: bool,
    /// Import rows that look like an expense already recorded (same date, amount and merchant).
    #[serde(default)]
    pub keep_duplicates: bool,
}

/// What the file looks like, and the options the server suggests for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub headers: Vec<String>,
    /// The first rows, as text.
    pub rows: Vec<Vec<String>>,
    pub row_count: i64,
    pub suggested: ImportOptions,
    /// Category names in the suggested category column that the user does not have yet (in
    /// the order the file first names them): the import creates them only if asked to.
    #[serde(default)]
    pub new_categories: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportOutcome {
    pub imported: i64,
    /// Lines (1-based, header = 1) skipped as duplicates.
    pub skipped_duplicates: Vec<i64>,
    pub created_categories: Vec<String>,
}
