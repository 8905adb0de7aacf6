//! The REST API under `/api/v1`. Handlers are thin: read the request, call an app service, map
//! the result. The OpenAPI document is generated from the handlers, so it cannot drift.

mod admin;
mod analytics;
mod auth;
mod budgets;
mod categories;
mod chatbot;
mod events;
mod expenses;
mod json;
mod notifications;
mod params;
mod receipts;
mod system;

use app::{AppError, server::AppState};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    extract::Request,
    http::{StatusCode, header},
    middleware::{Next, map_response},
    response::{IntoResponse, Response},
    routing::get,
};
use tower_http::limit::RequestBodyLimitLayer;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::config::Config;

#[derive(OpenApi)]
#[openapi(
    info(title = "SpendWise API", description = "Expenses, budgets and the assistant, over JSON. \
        Authenticate with `Authorization: Bearer <access_token>` from `POST /auth/login`, or the \
        session cookies a browser gets from the same call."),
    modifiers(&BearerAuth),
    tags(
        (name = "system", description = "Liveness, readiness and this document"),
        (name = "auth", description = "Accounts, sessions and tokens"),
        (name = "expenses", description = "Expenses: the paginated, filtered list and single expenses"),
        (name = "categories", description = "The user's categories"),
        (name = "receipts", description = "Receipt files: upload, view, delete"),
        (name = "budgets", description = "Monthly budgets and how they stand"),
        (name = "analytics", description = "The dashboard's numbers and time series"),
        (name = "assistant", description = "Questions about your own spending, in plain language"),
        (name = "notifications", description = "The bell: budget alerts, read and unread"),
        (name = "events", description = "Live updates as server-sent events"),
        (name = "admin", description = "Administrators only: users, the activity log, the database console, the mail queue"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

pub fn router(config: &Config) -> Router<AppState> {
    let receipt_body_limit = config.max_receipt_request_bytes();
    let (router, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(system::health))
        .routes(routes!(system::ready))
        .routes(routes!(auth::register))
        .routes(routes!(auth::login))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::logout_all))
        .routes(routes!(auth::profile, auth::update_profile))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::sessions))
        .routes(routes!(auth::revoke_session))
        .routes(routes!(expenses::list, expenses::create))
        .routes(routes!(expenses::get, expenses::update, expenses::delete))
        .routes(routes!(expenses::export))
        .routes(routes!(categories::list, categories::create))
        .routes(routes!(categories::update, categories::delete))
        .routes(routes!(receipts::file, receipts::delete))
        .routes(routes!(receipts::thumbnail))
        .routes(routes!(budgets::list, budgets::create))
        .routes(routes!(budgets::update, budgets::delete))
        .routes(routes!(budgets::status))
        .routes(routes!(analytics::overview))
        .routes(routes!(analytics::trends))
        .routes(routes!(analytics::top_queries))
        .routes(routes!(admin::list_users))
        .routes(routes!(admin::update_user, admin::delete_user))
        .routes(routes!(admin::revoke_sessions))
        .routes(routes!(admin::activity))
        .routes(routes!(admin::analytics))
        .routes(routes!(admin::tables))
        .routes(routes!(admin::query))
        .routes(routes!(admin::explain))
        .routes(routes!(admin::write_mode, admin::confirm_password))
        .routes(routes!(admin::execute))
        .routes(routes!(admin::history))
        .routes(routes!(admin::emails))
        .routes(routes!(admin::retry_email))
        .routes(routes!(chatbot::query))
        .routes(routes!(chatbot::history))
        .routes(routes!(chatbot::conversation, chatbot::delete_conversation))
        .routes(routes!(chatbot::suggestions))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::mark_read))
        .routes(routes!(notifications::mark_all_read))
        .routes(routes!(events::stream))
        .layer(RequestBodyLimitLayer::new(config.max_request_body_bytes))
        .layer(DefaultBodyLimit::max(config.max_request_body_bytes))
        // Files are bigger than any JSON request: the import routes get their own limit.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(expenses::import_preview))
                .routes(routes!(expenses::import))
                .layer(RequestBodyLimitLayer::new(config.max_import_bytes))
                .layer(DefaultBodyLimit::max(config.max_import_bytes)),
        )
        .merge(
            OpenApiRouter::new()
                .routes(routes!(receipts::upload))
                .layer(RequestBodyLimitLayer::new(receipt_body_limit))
                .layer(DefaultBodyLimit::max(receipt_body_limit)),
        )
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
        .layer(map_response(json_error_bodies))
}

async fn unknown_route() -> Response {
    AppError::not_found("No such API endpoint.").into_response()
}

async fn method_not_allowed() -> Response {
    AppError::MethodNotAllowed {
        message: "This endpoint does not accept that HTTP method.".into(),
    }
    .into_response()
}

/// axum's own rejections (the body-limit layer's 413, a path segment that is not a number) answer
/// in plain text before any handler runs; API clients get the usual JSON error body instead.
async fn json_error_bodies(response: Response) -> Response {
    match response.status() {
        _ if is_json(&response) => response,
        StatusCode::PAYLOAD_TOO_LARGE => json::payload_too_large().into_response(),
        StatusCode::BAD_REQUEST => {
            let text = axum::body::to_bytes(response.into_body(), 4096)
                .await
                .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_string())
                .unwrap_or_default();
            AppError::bad_request(text).into_response()
        }
        _ => response,
    }
}

/// The application-wide body limit (in `startup`) refuses an oversized request before any
/// handler runs, in plain text. REST clients get the usual JSON error body; server functions
/// get the error in the encoding their browser side decodes.
pub async fn payload_too_large_as_json(request: Request, next: Next) -> Response {
    let rest = request.uri().path().starts_with("/api/v1/");
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE || is_json(&response) {
        return response;
    }
    if rest {
        json::payload_too_large().into_response()
    } else {
        server_fn_error(&json::payload_too_large())
    }
}

/// An error as a server function answers it: the serialised `AppError`, with its status.
fn server_fn_error(error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    (
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"))
}
