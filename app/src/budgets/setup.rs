//! What the budgets page loads: once, the user's current month, base currency and categories;
//! per month shown, the budgets' status and the budgets themselves (their amount as typed, their
//! first month and rollover, which the status lines leave out).

use serde::{Deserialize, Serialize};

use super::{
    BudgetLine, BudgetStatus, BudgetView, Month, MonthError,
    api::{get_budget_status, list_budgets},
};
use crate::{
    AppError,
    categories::{CategoryView, api::list_categories},
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetSetup {
    /// The month the user is in, in their time zone.
    pub current_month: Month,
    pub base_currency: String,
    pub categories: Vec<CategoryView>,
}

/// Loaded on the server and sent along with the page.
pub async fn load_setup() -> Result<BudgetSetup, AppError> {
    let (current_month, base_currency) = month_and_currency().await?;
    Ok(BudgetSetup {
        current_month,
        base_currency,
        categories: list_categories().await?,
    })
}

#[cfg(feature = "ssr")]
async fn month_and_currency() -> Result<(Month, String), AppError> {
    let viewer = crate::server::viewer::require_viewer()?;
    let context = crate::expenses::service::user_context(&viewer);
    Ok((
        Month::of(context.today),
        context.base_currency.code.to_string(),
    ))
}

/// Only reached if the setup is loaded again in the browser: the server says which month it is.
#[cfg(not(feature = "ssr"))]
async fn month_and_currency() -> Result<(Month, String), AppError> {
    let user = crate::auth::api::current_user()
        .await?
        .ok_or_else(|| AppError::unauthorized("Your session has ended. Sign in again."))?;
    Ok((get_budget_status(None).await?.month, user.base_currency))
}

/// One month: how every budget stands, and the budget behind each line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthData {
    pub status: BudgetStatus,
    pub budgets: Vec<BudgetView>,
}

impl MonthData {
    /// The budget in force behind a status line.
    pub fn budget_of(&self, line: &BudgetLine) -> Option<BudgetView> {
        self.budgets
            .iter()
            .find(|budget| budget.id == line.budget_id)
            .cloned()
    }
}

/// `requested` is the `month` of the URL query, when it has one (else the current month).
pub async fn load_month(
    requested: Option<Result<Month, MonthError>>,
) -> Result<MonthData, AppError> {
    let month = requested
        .transpose()
        .map_err(|error| AppError::validation("month", error.to_string()))?;
    let status = get_budget_status(month).await?;
    let budgets = list_budgets(Some(status.month)).await?;
    Ok(MonthData { status, budgets })
}
