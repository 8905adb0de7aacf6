//! The REST API under `/api/v1`. Handlers are thin: read the request, call an app service, map
//! the result. The OpenAPI document is generated from the handlers, so it cannot drift.

mod system;

use app::{AppError, server::AppState};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};
use tower_http::limit::RequestBodyLimitLayer;
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::config::Config;

#[derive(OpenApi)]
#[openapi(
    info(title = "SpendWise API", description = "Expenses, budgets and the assistant, over JSON."),
    tags((name = "system", description = "Liveness, readiness and this document"))
)]
struct ApiDoc;

pub fn router(config: &Config) -> Router<AppState> {
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(system::health))
        .routes(routes!(system::ready))
        .split_for_parts();
    let document = openapi
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_string());
    router
        .route(
            "/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], document) }),
        )
        .fallback(unknown_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(RequestBodyLimitLayer::new(config.max_request_body_bytes))
        .layer(DefaultBodyLimit::max(config.max_request_body_bytes))
}

async fn unknown_route() -> Response {
    AppError::not_found("No such API endpoint.").into_response()
}

async fn method_not_allowed() -> Response {
    AppError::bad_request("This endpoint does not accept that HTTP method.").into_response()
}
