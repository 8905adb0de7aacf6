//! Server functions for budgets: authenticate, call the service.

use leptos::prelude::*;

use super::{BudgetChanges, BudgetStatus, BudgetView, Month, NewBudget};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "budgets/list")]
pub async fn list_budgets(month: Option<Month>) -> Result<Vec<BudgetView>, AppError> {
    let viewer = require_viewer()?;
    super::service::list_budgets(&app_state()?.db, &viewer, month).await
}

#[server(endpoint = "budgets/status")]
pub async fn get_budget_status(month: Option<Month>) -> Result<BudgetStatus, AppError> {
    let viewer = require_viewer()?;
    super::service::budget_status(&app_state()?.db, &viewer, month).await
}

#[server(endpoint = "budgets/create")]
pub async fn create_budget(budget: NewBudget) -> Result<BudgetView, AppError> {
    let viewer = require_viewer()?;
    super::service::create_budget(&app_state()?.db, &viewer, &budget).await
}

#[server(endpoint = "budgets/update")]
pub async fn update_budget(id: i64, changes: BudgetChanges) -> Result<BudgetView, AppError> {
    let viewer = require_viewer()?;
    super::service::update_budget(&app_state()?.db, &viewer, id, &changes).await
}

#[server(endpoint = "budgets/delete")]
pub async fn delete_budget(id: i64) -> Result<(), AppError> {
    let viewer = require_viewer()?;
    super::service::delete_budget(&app_state()?.db, &viewer, id).await
}
