//! Server functions for the admin pages: authenticate, call the service (which checks the role).

use leptos::prelude::*;

use super::{
    ActivityFilter, ActivityPage, AdminUserPage, AdminUserView, UserChange,
    analytics::AdminAnalytics,
    console::{ConsoleHistory, ConsoleQuery, ConsoleResult, ExplainResult, TableInfo, WriteMode},
    emails::EmailOverview,
};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, client_info, require_viewer};

#[server(endpoint = "admin/users")]
pub async fn list_users(
    search: Option<String>,
    page: Option<u64>,
) -> Result<AdminUserPage, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::list_users(&state.db, &viewer, search.as_deref(), page).await
}

#[server(endpoint = "admin/users/update")]
pub async fn update_user(user_id: i64, change: UserChange) -> Result<AdminUserView, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::update_user(&state.db, &viewer, user_id, &change).await
}

#[server(endpoint = "admin/users/revoke_sessions")]
pub async fn revoke_user_sessions(user_id: i64) -> Result<u64, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::revoke_user_sessions(&state.db, &viewer, user_id).await
}

#[server(endpoint = "admin/users/delete")]
pub async fn delete_user(user_id: i64, confirm_email: String) -> Result<(), AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::delete_user(&state.db, &state.receipts, &viewer, user_id, &confirm_email).await
}

#[server(endpoint = "admin/activity")]
pub async fn list_activity(filter: ActivityFilter) -> Result<ActivityPage, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::list_activity(&state.db, &viewer, &filter).await
}

#[server(endpoint = "admin/db/tables")]
pub async fn list_tables() -> Result<Vec<TableInfo>, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::list_tables(&state.db, &viewer).await
}

#[server(endpoint = "admin/db/query")]
pub async fn run_query(query: ConsoleQuery) -> Result<ConsoleResult, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::run_query(&state.db, &state.console, &viewer, &query).await
}

#[server(endpoint = "admin/db/explain")]
pub async fn explain_query(query: ConsoleQuery) -> Result<ExplainResult, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::explain_query(&state.db, &state.console, &viewer, &query).await
}

#[server(endpoint = "admin/analytics")]
pub async fn load_analytics(days: Option<u32>) -> Result<AdminAnalytics, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::analytics(&state.db, &viewer, days).await
}

#[server(endpoint = "admin/db/write_mode")]
pub async fn load_write_mode() -> Result<WriteMode, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::write_mode(&state.db, &state.console, &viewer).await
}

#[server(endpoint = "admin/db/confirm_password")]
pub async fn confirm_password(password: String) -> Result<WriteMode, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::confirm_password(
        &state.db,
        &state.console,
        &viewer,
        &state.login_throttle,
        &client_info(),
        &password,
    )
    .await
}

#[server(endpoint = "admin/db/execute")]
pub async fn execute_statement(query: ConsoleQuery) -> Result<ConsoleResult, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::execute(&state.db, &state.console, &viewer, &query).await
}

#[server(endpoint = "admin/db/history")]
pub async fn load_console_history(
    search: Option<String>,
    before: Option<i64>,
) -> Result<ConsoleHistory, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::history(&state.db, &viewer, search.as_deref(), before, None).await
}

#[server(endpoint = "admin/emails")]
pub async fn list_emails(status: Option<String>) -> Result<EmailOverview, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::list_emails(&state.db, &state.broker, &viewer, status.as_deref()).await
}

#[server(endpoint = "admin/emails/retry")]
pub async fn retry_email(id: i64) -> Result<(), AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::retry_email(&state.db, &viewer, id).await
}
