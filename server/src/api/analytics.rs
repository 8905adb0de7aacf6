//! `/api/v1/analytics`: the dashboard's numbers for API clients.

use app::{
    AppError,
    admin::{self, analytics::DailyCounts},
    analytics::{Overview, RangeQuery, TopQuery, Trends, service},
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Query, RawQuery, State},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{json::ErrorResponse, params::whole_number};

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

/// What `GET /analytics/trends` answers, by `metric`.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum TrendsReply {
    Spending(Trends),
    Queries(DailyCounts),
}

/// Spending over time in the user's base currency, one series per category or merchant; with
/// `metric=queries` (administrators only), the queries run per day, a series per origin.
#[utoipa::path(get, path = "/analytics/trends", tag = "analytics", security(("bearer" = [])),
    params(
        ("metric" = Option<String>, Query, description = "`spending` (default) or `queries` (administrators)"),
        ("days" = Option<u32>, Query, description = "With `metric=queries`: days back from today, 1 to 365 (default 30)"),
        RangeQuery,
    ),
    responses((status = 200, body = TrendsReply), (status = 400, body = ErrorResponse), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn trends(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> Result<Json<TrendsReply>, AppError> {
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).map_err(bad_query)?;
    let mut take = |name: &str| {
        let at = pairs.iter().position(|(key, _)| key == name)?;
        Some(pairs.remove(at).1)
    };
    let metric = take("metric");
    let days = take("days");
    match metric.as_deref() {
        None | Some("spending") => {
            if days.is_some() {
                return Err(AppError::validation(
                    "days",
                    "days goes with metric=queries; spending takes a range.",
                ));
            }
            let rest = serde_urlencoded::to_string(&pairs).map_err(bad_query)?;
            let query: RangeQuery = serde_urlencoded::from_str(&rest).map_err(bad_query)?;
            let trends = service::trends(&state.db, &state.analytics, &viewer, &query).await?;
            Ok(Json(TrendsReply::Spending(trends)))
        }
        Some("queries") => {
            if let Some((name, _)) = pairs.first() {
                return Err(AppError::validation(
                    name,
                    "metric=queries takes only days.",
                ));
            }
            let days = whole_number("days", days.as_deref())?;
            let counts = admin::service::query_trends(&state.db, &viewer, days).await?;
            Ok(Json(TrendsReply::Queries(counts)))
        }
        Some(other) => Err(AppError::validation(
            "metric",
            format!("Unknown metric `{other}`; use one of: spending, queries."),
        )),
    }
}

fn bad_query(error: impl std::fmt::Display) -> AppError {
    AppError::BadRequest {
        message: format!("The query string is not valid: {error}."),
    }
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
    let items = service::top_queries(&state.db, &viewer, everyone, None).await?;
    Ok(Json(TopQueryList { items }))
}
