//! Server functions for categories: authenticate, call the service, map the error.

use leptos::prelude::*;

use super::{CategoryUpdate, CategoryView, NewCategory};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "categories/list")]
pub async fn list_categories() -> Result<Vec<CategoryView>, AppError> {
    let viewer = require_viewer()?;
    super::service::list_categories(&app_state()?.db, &viewer).await
}

#[server(endpoint = "categories/create")]
pub async fn create_category(input: NewCategory) -> Result<CategoryView, AppError> {
    let viewer = require_viewer()?;
    super::service::create_category(&app_state()?.db, &viewer, &input).await
}

#[server(endpoint = "categories/update")]
pub async fn update_category(id: i64, update: CategoryUpdate) -> Result<CategoryView, AppError> {
    let viewer = require_viewer()?;
    super::service::update_category(&app_state()?.db, &viewer, id, &update).await
}

/// Deletes a category, moving its expenses to `move_to` in the same transaction.
#[server(endpoint = "categories/delete")]
pub async fn delete_category(id: i64, move_to: Option<i64>) -> Result<(), AppError> {
    let viewer = require_viewer()?;
    super::service::delete_category(&app_state()?.db, &viewer, id, move_to).await
}
