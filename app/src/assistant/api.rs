//! Server functions for the assistant page: authenticate, call the service.

use leptos::prelude::*;

use super::{Ask, Reply};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "assistant/ask")]
pub async fn ask_question(ask: Ask) -> Result<Reply, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::ask(&state.db, &state.assistant, &viewer, &ask).await
}
