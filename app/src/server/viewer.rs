//! Who is asking: the signed-in user of a request, resolved once by the session middleware and
//! read by server functions, SSR components and REST handlers alike.

use std::net::IpAddr;

use axum::{
    extract::{FromRequestParts, OptionalFromRequestParts},
    http::request::Parts,
};
use chrono_tz::Tz;
use leptos::prelude::use_context;

use super::{AppState, tokens::invalid_session};
use crate::{AppError, auth::Role, money::Currency, ui::theme::Theme};

/// A request's live session: the middleware only inserts it after checking the session row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: i64,
    pub session_id: i64,
    pub role: Role,
    pub theme: Theme,
    /// The user's settings as of this request, read with the session (saves a lookup per request).
    pub time_zone: Tz,
    pub base_currency: Currency,
    /// See the `data_version` module: which version of the user's data this request started on.
    pub data_version: i64,
}

impl Viewer {
    /// Admin-only services call this first; the UI hiding a link is not a check.
    pub fn require_admin(&self) -> Result<(), AppError> {
        match self.role {
            Role::Admin => Ok(()),
            Role::User => Err(AppError::forbidden("Only administrators can do this.")),
        }
    }
}

/// Where a request came from, recorded on the sessions it starts.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or_else(invalid_session)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().cloned())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientInfo>()
            .cloned()
            .unwrap_or_default())
    }
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The signed-in user of the request being rendered or served, if any.
pub fn current_viewer() -> Option<Viewer> {
    request_parts()?.extensions.get::<Viewer>().cloned()
}

/// Every server function that touches user data starts here.
pub fn require_viewer() -> Result<Viewer, AppError> {
    current_viewer().ok_or_else(invalid_session)
}

pub fn client_info() -> ClientInfo {
    request_parts()
        .and_then(|parts| parts.extensions.get::<ClientInfo>().cloned())
        .unwrap_or_default()
}

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
