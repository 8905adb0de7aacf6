//! The one error type of the application layer. Services return it, server functions send it to
//! the browser (serialised), and the REST layer turns it into `{"error": {...}}` with a status.

use leptos::server_fn::{
    Bytes, Encodes,
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// The request could not be read at all (malformed JSON, wrong content type, bad query).
    #[error("{message}")]
    BadRequest { message: String },
    /// The request was understood but a value breaks a rule; `field` names the offending input.
    #[error("{message}")]
    Validation {
        field: Option<String>,
        message: String,
    },
    #[error("{message}")]
    Unauthorized { message: String },
    #[error("{message}")]
    Forbidden { message: String },
    #[error("{message}")]
    NotFound { message: String },
    #[error("{message}")]
    MethodNotAllowed { message: String },
    #[error("{message}")]
    Conflict { message: String },
    #[error("{message}")]
    PayloadTooLarge { message: String },
    #[error("{message}")]
    UnsupportedMediaType { message: String },
    #[error("Too many requests. Try again in {retry_after_secs} seconds.")]
    RateLimited { retry_after_secs: u64 },
    #[error("{message}")]
    Unavailable { message: String },
    /// A real fault. The message is generic; the cause is logged where the error was made.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

impl AppError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest {
            message: message.into(),
        }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::Unauthorized {
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden {
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::NotFound {
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
        }
    }

    /// The machine-readable code sent to clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { .. } => "bad_request",
            Self::Validation { .. } => "validation",
            Self::Unauthorized { .. } => "unauthorized",
            Self::Forbidden { .. } => "forbidden",
            Self::NotFound { .. } => "not_found",
            Self::MethodNotAllowed { .. } => "method_not_allowed",
            Self::Conflict { .. } => "conflict",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType { .. } => "unsupported_media_type",
            Self::RateLimited { .. } => "rate_limited",
            Self::Unavailable { .. } => "unavailable",
            Self::Internal => "internal",
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            Self::BadRequest { .. } => 400,
            Self::Unauthorized { .. } => 401,
            Self::Forbidden { .. } => 403,
            Self::NotFound { .. } => 404,
            Self::MethodNotAllowed { .. } => 405,
            Self::Conflict { .. } => 409,
            Self::PayloadTooLarge { .. } => 413,
            Self::UnsupportedMediaType { .. } => 415,
            Self::Validation { .. } => 422,
            Self::RateLimited { .. } => 429,
            Self::Internal => 500,
            Self::Unavailable { .. } => 503,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Args(message)
            | ServerFnErrorErr::MissingArg(message)
            | ServerFnErrorErr::Deserialization(message) => Self::bad_request(message),
            ServerFnErrorErr::UnsupportedRequestMethod(message) => Self::bad_request(message),
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unavailable {
                message: "The server could not be reached. Check your connection and try again."
                    .into(),
            },
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        };
        #[cfg(feature = "ssr")]
        crate::server::http_error::set_server_fn_status(&error);
        error
    }

    /// Every error a server function answers with is encoded here, inside the request's context:
    /// where it gets its HTTP status (a refused sign-in is a 401, not the default 500).
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        crate::server::http_error::set_server_fn_status(self);
        <JsonEncoding as Encodes<Self>>::encode(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::AppError;

    #[test]
    fn validation_errors_are_unprocessable_and_name_their_field() {
        let error = AppError::validation("spent_on", "The date cannot be in the future.");
        assert_eq!(error.status_code(), 422);
        assert_eq!(error.code(), "validation");
        assert_eq!(error.field(), Some("spent_on"));
    }

    #[test]
    fn internal_errors_never_carry_details() {
        assert_eq!(
            AppError::Internal.to_string(),
            "Something went wrong on our side. Please try again."
        );
    }

    #[test]
    fn errors_survive_the_round_trip_to_the_browser() {
        let error = AppError::conflict("That email is already registered.");
        let json = serde_json::to_string(&error).expect("serialises");
        let back: AppError = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, error);
    }
}
