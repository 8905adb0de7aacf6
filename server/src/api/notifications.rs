//! `/api/v1/notifications`: the bell's list, and marking notifications read.

use app::{
    AppError,
    notifications::{NotificationView, Notifications, service},
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Path, State},
};
use serde::Serialize;
use utoipa::ToSchema;

use super::json::ErrorResponse;

#[derive(Serialize, ToSchema)]
pub struct MarkedRead {
    /// How many notifications were unread before.
    marked: u64,
}

/// The newest thirty notifications (budget alerts), read or not, and the unread count.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = Notifications), (status = 401, body = ErrorResponse)),
)]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Notifications>, AppError> {
    Ok(Json(service::list_notifications(&state.db, &viewer).await?))
}

/// Mark one notification read; marking it again changes nothing.
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Notification id")),
    responses((status = 200, body = NotificationView), (status = 404, body = ErrorResponse)),
)]
pub async fn mark_read(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<NotificationView>, AppError> {
    Ok(Json(service::mark_read(&state.db, &viewer, id).await?))
}

/// Mark every notification read.
#[utoipa::path(post, path = "/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, body = MarkedRead), (status = 401, body = ErrorResponse)),
)]
pub async fn mark_all_read(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<MarkedRead>, AppError> {
    let marked = service::mark_all_read(&state.db, &viewer).await?;
    Ok(Json(MarkedRead { marked }))
}
