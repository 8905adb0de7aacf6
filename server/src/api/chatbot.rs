//! `/api/v1/chatbot`: questions about the user's own spending, answered by the assistant.

use app::{
    AppError,
    assistant::{Ask, Reply, service},
    server::{AppState, Viewer},
};
use axum::{Json, extract::State};

use super::json::{ApiJson, ErrorResponse};

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
