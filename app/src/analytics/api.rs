//! Server functions for analytics: authenticate, call the service.

use leptos::prelude::*;

use super::{Overview, RangeQuery, TopQuery, Trends};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "analytics/overview")]
pub async fn get_overview() -> Result<Overview, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::overview(&state.db, &state.analytics, &viewer).await
}

#[server(endpoint = "analytics/trends")]
pub async fn get_trends(query: RangeQuery) -> Result<Trends, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::trends(&state.db, &state.analytics, &viewer, &query).await
}

#[server(endpoint = "analytics/top-queries")]
pub async fn get_top_queries(everyone: bool) -> Result<Vec<TopQuery>, AppError> {
    let viewer = require_viewer()?;
    super::service::top_queries(&app_state()?.db, &viewer, everyone, None).await
}
