//! server_fn 0.8 decodes a multipart server function by panicking when the request has no
//! multipart boundary; such requests are refused here with a 415 before they reach it.

use app::receipts::{api::UploadReceipt, service::not_multipart};
use axum::{
    extract::Request,
    http::header,
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::ServerFn;

pub async fn require_multipart_boundary(request: Request, next: Next) -> Response {
    let multipart_endpoint = request.uri().path() == <UploadReceipt as ServerFn>::PATH;
    let has_boundary = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| multer::parse_boundary(value).is_ok());
    if multipart_endpoint && !has_boundary {
        return not_multipart().into_response();
    }
    next.run(request).await
}
