//! Server functions for receipts. The files themselves are served by the REST routes
//! (`/api/v1/receipts/{id}`), which the browser loads like any image.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use super::ReceiptView;
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

/// Takes the form's `file` field (one file).
#[server(endpoint = "receipts/upload", input = MultipartFormData)]
pub async fn upload_receipt(data: MultipartData) -> Result<ReceiptView, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::bad_request("Expected a multipart form."))?;
    let upload = super::service::read_upload(&mut form, state.receipts.max_bytes).await?;
    super::service::upload_receipt(&state.db, &state.receipts, &viewer, upload).await
}

#[server(endpoint = "receipts/get")]
pub async fn get_receipt(id: i64) -> Result<ReceiptView, AppError> {
    let viewer = require_viewer()?;
    super::service::get_receipt(&app_state()?.db, &viewer, id).await
}

#[server(endpoint = "receipts/delete")]
pub async fn delete_receipt(id: i64) -> Result<(), AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::delete_receipt(&state.db, &state.receipts, &viewer, id).await
}
