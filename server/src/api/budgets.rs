//! `/api/v1/budgets`: monthly budgets per category and overall, and how they stand.

use app::{
    AppError,
    budgets::{BudgetChanges, BudgetStatus, BudgetView, Month, NewBudget, service},
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::{ApiJson, ErrorResponse};

#[derive(Serialize, ToSchema)]
pub struct BudgetList {
    items: Vec<BudgetView>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MonthParams {
    /// `YYYY-MM`; default the current month in the user's time zone.
    month: Option<String>,
}

impl MonthParams {
    fn month(&self) -> Result<Option<Month>, AppError> {
        self.month
            .as_deref()
            .map(|text| {
                text.parse().map_err(|error: app::budgets::MonthError| {
                    AppError::validation("month", error.to_string())
                })
            })
            .transpose()
    }
}

/// The budgets in force in a month: the overall one first, then categories by name.
#[utoipa::path(get, path = "/budgets", tag = "budgets", security(("bearer" = [])), params(MonthParams),
    responses((status = 200, body = BudgetList), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<MonthParams>,
) -> Result<Json<BudgetList>, AppError> {
    let items = service::list_budgets(&state.db, &viewer, params.month()?).await?;
    Ok(Json(BudgetList { items }))
}

/// Create a budget for a category (or, without `category_id`, for the whole month) from a month
/// on, in the user's base currency.
#[utoipa::path(post, path = "/budgets", tag = "budgets", security(("bearer" = [])), request_body = NewBudget,
    responses((status = 201, body = BudgetView), (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NewBudget>,
) -> Result<(StatusCode, Json<BudgetView>), AppError> {
    let budget = service::create_budget(&state.db, &viewer, &input).await?;
    Ok((StatusCode::CREATED, Json(budget)))
}

/// Change the amount or rollover from this month on; earlier months keep theirs. The answer is
/// the row now in force (a new id when the budget started before this month).
#[utoipa::path(patch, path = "/budgets/{id}", tag = "budgets", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Budget id")), request_body = BudgetChanges,
    responses((status = 200, body = BudgetView), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(changes): ApiJson<BudgetChanges>,
) -> Result<Json<BudgetView>, AppError> {
    service::update_budget(&state.db, &viewer, id, &changes)
        .await
        .map(Json)
}

/// Delete a budget with all its months.
#[utoipa::path(delete, path = "/budgets/{id}", tag = "budgets", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Budget id")),
    responses((status = 204), (status = 404, body = ErrorResponse)),
)]
pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    service::delete_budget(&state.db, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Spent, left, percent, rollover and the daily amount that keeps each budget on track.
#[utoipa::path(get, path = "/budgets/status", tag = "budgets", security(("bearer" = [])), params(MonthParams),
    responses((status = 200, body = BudgetStatus), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn status(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<MonthParams>,
) -> Result<Json<BudgetStatus>, AppError> {
    service::budget_status(&state.db, &viewer, params.month()?)
        .await
        .map(Json)
}
