//! Server functions for the assistant page: authenticate, call the service.

use leptos::prelude::*;

use super::{Ask, Conversation, ConversationPage, Reply};
use crate::AppError;

#[cfg(feature = "ssr")]
use crate::server::viewer::{app_state, require_viewer};

#[server(endpoint = "assistant/ask")]
pub async fn ask_question(ask: Ask) -> Result<Reply, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::ask(&state.db, &state.assistant, &viewer, &ask).await
}

#[server(endpoint = "assistant/suggestions")]
pub async fn assistant_suggestions() -> Result<Vec<String>, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::suggestions(&state.db, &state.assistant, &viewer).await
}

#[server(endpoint = "assistant/conversations")]
pub async fn list_conversations(before: Option<i64>) -> Result<ConversationPage, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::conversations(&state.db, &viewer, before, None).await
}

#[server(endpoint = "assistant/conversation")]
pub async fn load_conversation(conversation_id: String) -> Result<Conversation, AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::conversation(&state.db, &viewer, &conversation_id).await
}

#[server(endpoint = "assistant/conversation/delete")]
pub async fn delete_conversation(conversation_id: String) -> Result<(), AppError> {
    let viewer = require_viewer()?;
    let state = app_state()?;
    super::service::delete_conversation(&state.db, &viewer, &conversation_id).await
}
