//! Server functions for expenses: authenticate, call the service, map the error.

use leptos::{prelude::*, server_fn::codec::Json};

use super::{
    ExpenseChanges, ExpensePage, ExpenseView, NewExpense,
    query::ExpenseQuery,
    transfer::{ImportOptions, ImportOutcome, ImportPreview},
};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "expenses/list")]
pub async fn list_expenses(query: ExpenseQuery) -> Result<ExpensePage, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::list_expenses(&state.db, &state.expense_totals, &viewer, &query).await
}

#[server(endpoint = "expenses/get")]
pub async fn get_expense(id: i64) -> Result<ExpenseView, AppError> {
    let viewer = require_viewer()?;
    super::service::get_expense(&app_state()?.db, &viewer, id).await
}

#[server(endpoint = "expenses/create")]
pub async fn create_expense(expense: NewExpense) -> Result<ExpenseView, AppError> {
    let viewer = require_viewer()?;
    super::service::create_expense(&app_state()?.db, &viewer, &expense).await
}

#[server(endpoint = "expenses/update")]
pub async fn update_expense(id: i64, changes: ExpenseChanges) -> Result<ExpenseView, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    let updated =
        super::service::update_expense(&state.db, &state.receipts, &viewer, id, &changes).await?;
    // Without JavaScript the edit page posted here: back to the list, not to the form.
    crate::server::respond::redirect_plain_form_post("/expenses");
    Ok(updated)
}

/// Deletes an expense, and its receipt too when `delete_receipt`.
#[server(endpoint = "expenses/delete")]
pub async fn delete_expense(
    id: i64,
    #[server(default)] delete_receipt: bool,
) -> Result<ExpenseView, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::delete_expense(&state.db, &state.receipts, &viewer, id, delete_receipt).await
}

/// Reads an uploaded CSV file and suggests how to import it; nothing is written. The file goes
/// as JSON: form encoding would triple every comma (`%2C`) against the request size limit.
#[server(endpoint = "expenses/import/preview", input = Json)]
pub async fn preview_import(csv: String) -> Result<ImportPreview, AppError> {
    let viewer = require_viewer()?;
    super::transfer::import::preview(&app_state()?.db, &viewer, &csv).await
}

/// Imports the file in one transaction: all rows, or none with the first bad line named.
#[server(endpoint = "expenses/import", input = Json)]
pub async fn import_expenses(
    csv: String,
    options: ImportOptions,
) -> Result<ImportOutcome, AppError> {
    let viewer = require_viewer()?;
    super::transfer::import::import(&app_state()?.db, &viewer, &csv, &options).await
}
