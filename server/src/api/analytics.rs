//! `/api/v1/analytics`: the dashboard's numbers for API clients.

use app::{
    AppError,
    analytics::{Overview, RangeQuery, TopQuery, Trends, service},
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Query, State},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::ErrorResponse;

/// Spent this month, the change against the same point last month, the daily average, what the
/// overall budget has left, the largest expense, and every budget's status.
#[utoipa::path(get, path = "/analytics/overview", tag = "analytics", security(("bearer" = [])),
    responses((status = 200, body = Overview), (status = 401, body = ErrorResponse)),
)]
pub async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Overview>, AppError> {
    service::overview(&state.db, &state.analytics, &viewer)
        .await
        .map(Json)
}

/// Spending over time in the user's base currency, one series per category or merchant.
#[utoipa::path(get, path = "/analytics/trends", tag = "analytics", security(("bearer" = [])), params(RangeQuery),
    responses((status = 200, body = Trends), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn trends(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<RangeQuery>,
) -> Result<Json<Trends>, AppError> {
    service::trends(&state.db, &state.analytics, &viewer, &query)
        .await
        .map(Json)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TopQueryParams {
    /// `all` (administrators only) for every user's queries; default the caller's own.
    scope: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TopQueryList {
    items: Vec<TopQuery>,
}

/// The questions and queries run most often (empty until the assistant or console has run any).
#[utoipa::path(get, path = "/analytics/top-queries", tag = "analytics", security(("bearer" = [])), params(TopQueryParams),
    responses((status = 200, body = TopQueryList), (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn top_queries(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<TopQueryParams>,
) -> Result<Json<TopQueryList>, AppError> {
    let everyone = match params.scope.as_deref() {
        None | Some("mine") => false,
        Some("all") => true,
        Some(other) => {
            return Err(AppError::validation(
                "scope",
                format!("Unknown scope `{other}`; use one of: mine, all."),
            ));
        }
    };
    let items = service::top_queries(&state.db, &viewer, everyone).await?;
    Ok(Json(TopQueryList { items }))
}
