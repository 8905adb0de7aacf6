//! Server functions for the bell: authenticate, call the service.

use leptos::prelude::*;

use super::{NotificationView, Notifications};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "notifications/list")]
pub async fn list_notifications() -> Result<Notifications, AppError> {
    let viewer = require_viewer()?;
    super::service::list_notifications(&app_state()?.db, &viewer).await
}

#[server(endpoint = "notifications/read")]
pub async fn mark_notification_read(id: i64) -> Result<NotificationView, AppError> {
    let viewer = require_viewer()?;
    super::service::mark_read(&app_state()?.db, &viewer, id).await
}

#[server(endpoint = "notifications/read_all")]
pub async fn mark_all_notifications_read() -> Result<u64, AppError> {
    let viewer = require_viewer()?;
    super::service::mark_all_read(&app_state()?.db, &viewer).await
}
