//! `ApiJson`: axum's JSON extractor with our error body, so every malformed request gets the same
//! `{"error": {...}}` answer and a precise status (400, 413, 415 or 422 naming the field).

use app::AppError;
use axum::{
    Json,
    extract::{FromRequest, OptionalFromRequest, Request, rejection::JsonRejection},
    http::header,
};
use serde::{Serialize, de::DeserializeOwned};
use utoipa::ToSchema;

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        <Json<T> as FromRequest<S>>::from_request(request, state)
            .await
            .map(|Json(value)| ApiJson(value))
            .map_err(reject)
    }
}

/// An optional body: none at all is `None`, anything sent must be valid.
impl<T: DeserializeOwned, S: Send + Sync> OptionalFromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        let headers = request.headers();
        let empty = headers.get(header::CONTENT_TYPE).is_none()
            && headers
                .get(header::CONTENT_LENGTH)
                .is_none_or(|length| length.as_bytes() == b"0");
        if empty {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}

fn reject(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType {
            message: "Send the request body as JSON with Content-Type: application/json.".into(),
        },
        JsonRejection::JsonSyntaxError(_) => {
            AppError::bad_request("The request body is not valid JSON.")
        }
        JsonRejection::JsonDataError(error) => data_error(&error.body_text()),
        other if other.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => payload_too_large(),
        other => AppError::bad_request(other.body_text()),
    }
}

pub fn payload_too_large() -> AppError {
    AppError::PayloadTooLarge {
        message: "The request body is too large.".into(),
    }
}

/// Turns serde's message into one a person can act on, naming the field when serde does.
fn data_error(text: &str) -> AppError {
    let detail = text.split_once(": ").map_or(text, |(_, detail)| detail);
    let detail = detail.split(" at line ").next().unwrap_or(detail);
    let quoted = |prefix: &str| {
        detail
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(field) = quoted("missing field `") {
        return AppError::validation(field.clone(), format!("The field `{field}` is required."));
    }
    if let Some(field) = quoted("unknown field `") {
        return AppError::validation(
            field.clone(),
            format!("The field `{field}` is not accepted here."),
        );
    }
    // serde_path_to_error puts the path first: `display_name: invalid type: ...`.
    match detail.split_once(": ") {
        Some((path, problem)) if !path.contains(' ') => {
            AppError::validation(path, format!("`{path}`: {problem}."))
        }
        _ => AppError::Validation {
            field: None,
            message: format!("The request body does not fit: {detail}."),
        },
    }
}

/// The error body every endpoint answers with, for the OpenAPI document.
#[derive(Serialize, ToSchema)]
pub struct ErrorResponse {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
struct ErrorDetail {
    /// `bad_request`, `validation`, `unauthorized`, `forbidden`, `not_found`, `conflict`,
    /// `payload_too_large`, `unsupported_media_type`, `rate_limited`, `unavailable` or `internal`.
    code: String,
    message: String,
    /// The request field the message is about, for validation errors.
    field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_field_errors() {
        let missing = data_error(
            "Failed to deserialize the JSON body into the target type: missing field `email` at line 1 column 2",
        );
        assert_eq!(missing.field(), Some("email"));
        let unknown = data_error(
            "Failed to deserialize the JSON body into the target type: unknown field `role`, expected one of `email`, `password` at line 1 column 9",
        );
        assert_eq!(unknown.field(), Some("role"));
        let typed = data_error(
            "Failed to deserialize the JSON body into the target type: display_name: invalid type: integer `5`, expected a string at line 1 column 20",
        );
        assert_eq!(typed.field(), Some("display_name"));
        assert_eq!(typed.status_code(), 422);
    }
}
