//! `/api/v1/chatbot`: questions about the user's own spending, answered by the assistant.

use app::{
    AppError,
    assistant::{Ask, Conversation, ConversationPage, Reply, service},
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    json::{ApiJson, ErrorResponse},
    params::whole_number,
};

/// Ask a question in plain language ("how much did I spend on dining last month?"). The answer
/// carries the SQL that found it (run only over the asker's own rows), the result table and a
/// chart hint; `cached` when the same question met unchanged data before.
#[utoipa::path(post, path = "/chatbot/query", tag = "assistant", security(("bearer" = [])), request_body = Ask,
    responses((status = 200, body = Reply), (status = 401, body = ErrorResponse), (status = 404, body = ErrorResponse),
        (status = 422, body = ErrorResponse), (status = 429, body = ErrorResponse)),
)]
pub async fn query(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(ask): ApiJson<Ask>,
) -> Result<Json<Reply>, AppError> {
    Ok(Json(
        service::ask(&state.db, &state.assistant, &viewer, &ask).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryParams {
    /// The `next_before` of the previous page.
    before: Option<String>,
    /// Conversations per page, 1 to 100; default 20.
    limit: Option<String>,
}

/// The asker's conversations, most recently active first, a page at a time.
#[utoipa::path(get, path = "/chatbot/history", tag = "assistant", security(("bearer" = [])), params(HistoryParams),
    responses((status = 200, body = ConversationPage), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<HistoryParams>,
) -> Result<Json<ConversationPage>, AppError> {
    let before = whole_number("before", params.before.as_deref())?;
    let limit = whole_number("limit", params.limit.as_deref())?;
    Ok(Json(
        service::conversations(&state.db, &viewer, before, limit).await?,
    ))
}

/// One conversation's messages, oldest first, each answer with its table, SQL and chart.
#[utoipa::path(get, path = "/chatbot/history/{conversation_id}", tag = "assistant", security(("bearer" = [])),
    params(("conversation_id" = String, Path, description = "From a reply or the history list")),
    responses((status = 200, body = Conversation), (status = 401, body = ErrorResponse), (status = 404, body = ErrorResponse)),
)]
pub async fn conversation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(conversation_id): Path<String>,
) -> Result<Json<Conversation>, AppError> {
    Ok(Json(
        service::conversation(&state.db, &viewer, &conversation_id).await?,
    ))
}

/// Delete a conversation and everything said in it.
#[utoipa::path(delete, path = "/chatbot/history/{conversation_id}", tag = "assistant", security(("bearer" = [])),
    params(("conversation_id" = String, Path, description = "From a reply or the history list")),
    responses((status = 204), (status = 401, body = ErrorResponse), (status = 404, body = ErrorResponse)),
)]
pub async fn delete_conversation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(conversation_id): Path<String>,
) -> Result<StatusCode, AppError> {
    service::delete_conversation(&state.db, &viewer, &conversation_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Suggestions {
    /// Questions to try, built from the asker's own categories, merchants and months.
    suggestions: Vec<String>,
}

/// Questions to start a conversation with.
#[utoipa::path(get, path = "/chatbot/suggestions", tag = "assistant", security(("bearer" = [])),
    responses((status = 200, body = Suggestions), (status = 401, body = ErrorResponse)),
)]
pub async fn suggestions(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Suggestions>, AppError> {
    let suggestions = service::suggestions(&state.db, &state.assistant, &viewer).await?;
    Ok(Json(Suggestions { suggestions }))
}
