//! `/api/v1/admin`: user management for administrators (403 for everyone else).

use app::{
    AppError,
    admin::{
        ActivityFilter, ActivityPage, AdminUserPage, AdminUserView, DeleteUser, UserChange,
        analytics::AdminAnalytics,
        console::{
            ConsoleHistory, ConsoleQuery, ConsoleResult, ExplainResult, PasswordConfirmation,
            TableInfo, WriteMode,
        },
        emails::EmailOverview,
        service,
    },
    server::{AppState, ClientInfo, Viewer},
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    json::{ApiJson, ErrorResponse},
    params::whole_number,
};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserListParams {
    /// Part of an email address or display name, any case.
    search: Option<String>,
    /// 1-based page number; 25 users per page.
    page: Option<String>,
}

/// Users, newest first, with their activity, expense count and live sessions.
#[utoipa::path(get, path = "/admin/users", tag = "admin", security(("bearer" = [])), params(UserListParams),
    responses((status = 200, body = AdminUserPage), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn list_users(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<UserListParams>,
) -> Result<Json<AdminUserPage>, AppError> {
    let page = whole_number("page", params.page.as_deref())?;
    Ok(Json(
        service::list_users(&state.db, &viewer, params.search.as_deref(), page).await?,
    ))
}

/// Change a user's role or disable/enable them. Disabling ends their sessions at once; the last
/// administrator can be neither demoted nor disabled (409).
#[utoipa::path(patch, path = "/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")), request_body = UserChange,
    responses((status = 200, body = AdminUserView), (status = 403, body = ErrorResponse),
        (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn update_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(change): ApiJson<UserChange>,
) -> Result<Json<AdminUserView>, AppError> {
    Ok(Json(
        service::update_user(&state.db, &viewer, id, &change).await?,
    ))
}

/// Delete a user and all their data, confirmed by their email address.
#[utoipa::path(delete, path = "/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")), request_body = DeleteUser,
    responses((status = 204), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse),
        (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn delete_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(confirmation): ApiJson<DeleteUser>,
) -> Result<StatusCode, AppError> {
    service::delete_user(
        &state.db,
        &state.receipts,
        &viewer,
        id,
        &confirmation.confirm_email,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Revoked {
    /// Sessions that were live.
    revoked: u64,
}

/// End every session of a user.
#[utoipa::path(post, path = "/admin/users/{id}/revoke-sessions", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = Revoked), (status = 403, body = ErrorResponse), (status = 404, body = ErrorResponse)),
)]
pub async fn revoke_sessions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<Revoked>, AppError> {
    let revoked = service::revoke_user_sessions(&state.db, &viewer, id).await?;
    Ok(Json(Revoked { revoked }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityParams {
    /// Only this user's activity.
    user_id: Option<String>,
    /// A kind or its start: `admin.` lists every admin action.
    kind: Option<String>,
    /// The `next_before` of the previous page.
    before: Option<String>,
    /// Entries per page, 1 to 200; default 50.
    limit: Option<String>,
}

/// The activity log, newest first.
#[utoipa::path(get, path = "/admin/activity", tag = "admin", security(("bearer" = [])), params(ActivityParams),
    responses((status = 200, body = ActivityPage), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn activity(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<ActivityParams>,
) -> Result<Json<ActivityPage>, AppError> {
    let filter = ActivityFilter {
        user_id: whole_number("user_id", params.user_id.as_deref())?,
        kind: params.kind,
        before: whole_number("before", params.before.as_deref())?,
        limit: whole_number("limit", params.limit.as_deref())?,
    };
    Ok(Json(
        service::list_activity(&state.db, &viewer, &filter).await?,
    ))
}

/// Every table with its row count, columns, indexes and (where the database reports it) size.
#[utoipa::path(get, path = "/db/tables", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<TableInfo>), (status = 401, body = ErrorResponse), (status = 403, body = ErrorResponse)),
)]
pub async fn tables(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Vec<TableInfo>>, AppError> {
    Ok(Json(service::list_tables(&state.db, &viewer).await?))
}

/// Run one read-only statement (SELECT, or EXPLAIN of one) with the configured timeout and row
/// cap; password and token hashes come back masked. Syntax errors, refusals and timeouts are
/// 422 with the reason.
#[utoipa::path(post, path = "/db/query", tag = "admin", security(("bearer" = [])), request_body = ConsoleQuery,
    responses((status = 200, body = ConsoleResult), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn query(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(query): ApiJson<ConsoleQuery>,
) -> Result<Json<ConsoleResult>, AppError> {
    Ok(Json(
        service::run_query(&state.db, &state.console, &viewer, &query).await?,
    ))
}

/// The query's plan as a list of steps, the full scans of large tables marked, with advice:
/// the `CREATE INDEX` that would avoid each such scan, and a warning for a large result without
/// a LIMIT. The query itself is not run.
#[utoipa::path(post, path = "/db/explain", tag = "admin", security(("bearer" = [])), request_body = ConsoleQuery,
    responses((status = 200, body = ExplainResult), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn explain(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(query): ApiJson<ConsoleQuery>,
) -> Result<Json<ExplainResult>, AppError> {
    Ok(Json(
        service::explain_query(&state.db, &state.console, &viewer, &query).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsParams {
    /// Days back from today (UTC), 1 to 365; default 30.
    days: Option<String>,
}

/// Query analytics and usage: top queries with p50/p95 and error counts, queries per day by
/// origin, the slowest runs, questions the assistant could not answer, active users and
/// expenses per day, receipt storage.
#[utoipa::path(get, path = "/admin/analytics", tag = "admin", security(("bearer" = [])), params(AnalyticsParams),
    responses((status = 200, body = AdminAnalytics), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn analytics(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<AnalyticsParams>,
) -> Result<Json<AdminAnalytics>, AppError> {
    let days = whole_number("days", params.days.as_deref())?;
    Ok(Json(service::analytics(&state.db, &viewer, days).await?))
}

/// Whether the console may change data (`ADMIN_SQL_WRITE`) and until when this session may
/// without typing the password again.
#[utoipa::path(get, path = "/db/write-mode", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = WriteMode), (status = 401, body = ErrorResponse), (status = 403, body = ErrorResponse)),
)]
pub async fn write_mode(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<WriteMode>, AppError> {
    Ok(Json(
        service::write_mode(&state.db, &state.console, &viewer).await?,
    ))
}

/// Type the password again to open write mode for this session for five minutes (403 when
/// `ADMIN_SQL_WRITE` is off, 422 for a wrong password, 429 past the sign-in attempt limits).
#[utoipa::path(post, path = "/db/write-mode", tag = "admin", security(("bearer" = [])), request_body = PasswordConfirmation,
    responses((status = 200, body = WriteMode), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse),
        (status = 429, body = ErrorResponse)),
)]
pub async fn confirm_password(
    State(state): State<AppState>,
    viewer: Viewer,
    client: ClientInfo,
    ApiJson(confirmation): ApiJson<PasswordConfirmation>,
) -> Result<Json<WriteMode>, AppError> {
    Ok(Json(
        service::confirm_password(
            &state.db,
            &state.console,
            &viewer,
            &state.login_throttle,
            &client,
            &confirmation.password,
        )
        .await?,
    ))
}

/// Run one statement of any kind, committed and unmasked: write mode only (the server allows
/// it and the password was confirmed within five minutes), else 403.
#[utoipa::path(post, path = "/db/execute", tag = "admin", security(("bearer" = [])), request_body = ConsoleQuery,
    responses((status = 200, body = ConsoleResult), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn execute(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(query): ApiJson<ConsoleQuery>,
) -> Result<Json<ConsoleResult>, AppError> {
    Ok(Json(
        service::execute(&state.db, &state.console, &viewer, &query).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryParams {
    /// Part of the SQL, as typed (case-sensitive on PostgreSQL).
    search: Option<String>,
    /// Runs older than this id (the `next_before` of the previous page).
    before: Option<String>,
    /// 1 to 100; default 20.
    limit: Option<String>,
}

/// The calling administrator's console runs, newest first, with duration, rows and status.
#[utoipa::path(get, path = "/db/history", tag = "admin", security(("bearer" = [])), params(HistoryParams),
    responses((status = 200, body = ConsoleHistory), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<HistoryParams>,
) -> Result<Json<ConsoleHistory>, AppError> {
    let before = whole_number("before", params.before.as_deref())?;
    let limit = whole_number("limit", params.limit.as_deref())?;
    Ok(Json(
        service::history(&state.db, &viewer, params.search.as_deref(), before, limit).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmailParams {
    /// `pending`, `sent` or `failed`; all when absent.
    status: Option<String>,
}

/// The mail queue: counts by status, the newest 100 emails with attempts and last error, the
/// outbox backlog and the broker's state.
#[utoipa::path(get, path = "/admin/emails", tag = "admin", security(("bearer" = [])), params(EmailParams),
    responses((status = 200, body = EmailOverview), (status = 401, body = ErrorResponse),
        (status = 403, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn emails(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<EmailParams>,
) -> Result<Json<EmailOverview>, AppError> {
    Ok(Json(
        service::list_emails(&state.db, &state.broker, &viewer, params.status.as_deref()).await?,
    ))
}

/// Send a waiting or failed email at once, with a fresh set of attempts (409 if it was sent).
#[utoipa::path(post, path = "/admin/emails/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Email id")),
    responses((status = 204), (status = 401, body = ErrorResponse), (status = 403, body = ErrorResponse),
        (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse)),
)]
pub async fn retry_email(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    service::retry_email(&state.db, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
