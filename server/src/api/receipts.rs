//! `/api/v1/receipts`: upload (multipart), the file, its thumbnail, delete. Files go out only to
//! their owner, as what they are (`nosniff`), under a CSP that sandboxes them.

use app::{
    AppError,
    receipts::{
        ReceiptView,
        service::{self, ReceiptFile, Rendition},
    },
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Path, Query, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::json::ErrorResponse;

/// The multipart form, as documentation: one file in a field named `file`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// JPEG, PNG, WebP or PDF; at most `RECEIPT_MAX_BYTES`.
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    file: String,
}

/// Upload a receipt; attach it by sending its id as `receipt_id` when creating or changing an
/// expense. Images are re-encoded (metadata removed) and get a thumbnail.
#[utoipa::path(post, path = "/receipts", tag = "receipts", security(("bearer" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = ReceiptView), (status = 413, body = ErrorResponse),
        (status = 415, body = ErrorResponse), (status = 422, body = ErrorResponse),
    ),
)]
pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    request: Request,
) -> Result<(StatusCode, Json<ReceiptView>), AppError> {
    let boundary = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| multer::parse_boundary(value).ok())
        .ok_or_else(service::not_multipart)?;
    let mut form = multer::Multipart::new(request.into_body().into_data_stream(), boundary);
    let upload = service::read_upload(&mut form, state.receipts.max_bytes).await?;
    let receipt = service::upload_receipt(&state.db, &state.receipts, &viewer, upload).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FileParams {
    /// `true` asks the browser to save the file instead of showing it.
    #[serde(default)]
    download: bool,
}

/// The receipt's file (the re-encoded image or the PDF). PDFs are always sent as downloads.
#[utoipa::path(get, path = "/receipts/{id}", tag = "receipts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Receipt id"), FileParams),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 404, body = ErrorResponse),
    ),
)]
pub async fn file(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<FileParams>,
) -> Result<Response, AppError> {
    let file =
        service::open_receipt(&state.db, &state.receipts, &viewer, id, Rendition::Original).await?;
    Ok(serve(file, params.download))
}

/// A JPEG preview, at most 320 px on its longer side; 404 for PDFs.
#[utoipa::path(get, path = "/receipts/{id}/thumbnail", tag = "receipts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Receipt id")),
    responses(
        (status = 200, description = "The thumbnail", content_type = "image/jpeg"),
        (status = 404, body = ErrorResponse),
    ),
)]
pub async fn thumbnail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let file = service::open_receipt(
        &state.db,
        &state.receipts,
        &viewer,
        id,
        Rendition::Thumbnail,
    )
    .await?;
    Ok(serve(file, false))
}

/// Delete a receipt; an expense that had it keeps everything else.
#[utoipa::path(delete, path = "/receipts/{id}", tag = "receipts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Receipt id")),
    responses((status = 204), (status = 404, body = ErrorResponse)),
)]
pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    service::delete_receipt(&state.db, &state.receipts, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Even if a stored file were hostile, it is shown as what we say it is, cannot run script or
/// load anything, and only the owner's browser keeps a copy.
const RECEIPT_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

fn serve(file: ReceiptFile, download: bool) -> Response {
    let disposition = if download || !file.content_type.starts_with("image/") {
        "attachment"
    } else {
        "inline"
    };
    let headers = [
        (header::CONTENT_TYPE, header_value(&file.content_type)),
        (
            header::CONTENT_DISPOSITION,
            header_value(&content_disposition(disposition, &file.download_name)),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(RECEIPT_CSP),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=3600, immutable"),
        ),
    ];
    (headers, file.bytes).into_response()
}

fn header_value(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

/// RFC 6266: an ASCII `filename` for old clients and the exact name as RFC 8187 `filename*`.
fn content_disposition(disposition: &str, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b".-_".contains(&byte) {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect();
    format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn names_are_quoted_safely_and_encoded_exactly() {
        assert_eq!(
            content_disposition("inline", "Café \"bill\";.jpg"),
            "inline; filename=\"Caf_ _bill__.jpg\"; filename*=UTF-8''Caf%C3%A9%20%22bill%22%3B.jpg"
        );
    }
}
