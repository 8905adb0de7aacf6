//! `/api/v1/categories`: the user's own categories.

use app::{
    AppError,
    categories::{CategoryUpdate, CategoryView, NewCategory, service},
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::{ApiJson, ErrorResponse};

#[derive(Serialize, ToSchema)]
pub struct CategoryList {
    items: Vec<CategoryView>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DeleteParams {
    /// Where the category's expenses go; required when it has any.
    move_to: Option<i64>,
}

/// The user's categories, archived ones last, with their expense counts.
#[utoipa::path(get, path = "/categories", tag = "categories", security(("bearer" = [])), responses(
    (status = 200, body = CategoryList), (status = 401, body = ErrorResponse),
))]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<CategoryList>, AppError> {
    let items = service::list_categories(&state.db, &viewer).await?;
    Ok(Json(CategoryList { items }))
}

/// Create a category; names are unique per user regardless of case.
#[utoipa::path(post, path = "/categories", tag = "categories", security(("bearer" = [])), request_body = NewCategory, responses(
    (status = 201, body = CategoryView), (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse),
))]
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NewCategory>,
) -> Result<(StatusCode, Json<CategoryView>), AppError> {
    let category = service::create_category(&state.db, &viewer, &input).await?;
    Ok((StatusCode::CREATED, Json(category)))
}

/// Rename, recolour, change the icon, archive or restore.
#[utoipa::path(patch, path = "/categories/{id}", tag = "categories", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Category id")), request_body = CategoryUpdate,
    responses((status = 200, body = CategoryView), (status = 404, body = ErrorResponse), (status = 409, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(update): ApiJson<CategoryUpdate>,
) -> Result<Json<CategoryView>, AppError> {
    service::update_category(&state.db, &viewer, id, &update)
        .await
        .map(Json)
}

/// Delete a category, moving its expenses to `move_to` in the same transaction.
#[utoipa::path(delete, path = "/categories/{id}", tag = "categories", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Category id"), DeleteParams),
    responses((status = 204), (status = 404, body = ErrorResponse), (status = 409, description = "It has expenses and no move_to", body = ErrorResponse)),
)]
pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<DeleteParams>,
) -> Result<StatusCode, AppError> {
    service::delete_category(&state.db, &viewer, id, params.move_to).await?;
    Ok(StatusCode::NO_CONTENT)
}
