//! What the assistant remembers: every question and answer in `chat_messages` (by conversation),
//! every query it ran in `query_log` (for the top-queries analytics and the admin's view of what
//! the engine could not answer).

use std::time::Duration;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::fingerprint::fingerprint;
use crate::{
    AppError,
    assistant::Reply,
    server::{
        Viewer, clock,
        entities::{chat_messages, prelude::ChatMessages, query_log},
    },
};

/// The origin the admin analytics group assistant queries under.
const ORIGIN: &str = "assistant";

fn millis(duration: Duration) -> i32 {
    i32::try_from(duration.as_millis()).unwrap_or(i32::MAX)
}

/// Whether `conversation_id` is one of the viewer's conversations.
pub async fn owns_conversation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<bool, AppError> {
    Ok(ChatMessages::find()
        .filter(chat_messages::Column::UserId.eq(viewer.user_id))
        .filter(chat_messages::Column::ConversationId.eq(conversation_id))
        .one(db)
        .await?
        .is_some())
}

/// The last answer in a conversation with the plan it followed (for follow-up questions).
pub async fn last_plan(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<Option<serde_json::Value>, AppError> {
    let last = ChatMessages::find()
        .filter(chat_messages::Column::UserId.eq(viewer.user_id))
        .filter(chat_messages::Column::ConversationId.eq(conversation_id))
        .filter(chat_messages::Column::Role.eq("assistant"))
        .order_by_desc(chat_messages::Column::Id)
        .one(db)
        .await?;
    Ok(last
        .and_then(|message| message.result_json)
        .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
        .and_then(|mut result| result.get_mut("plan").map(serde_json::Value::take))
        .filter(|plan| !plan.is_null()))
}

/// Stores the question and its reply (with the plan, for follow-ups).
pub async fn record_exchange(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    question: &str,
    reply: &Reply,
    plan: Option<serde_json::Value>,
    latency: Duration,
) -> Result<(), AppError> {
    let now = clock::now();
    chat_messages::ActiveModel {
        user_id: Set(viewer.user_id),
        conversation_id: Set(reply.conversation_id.clone()),
        role: Set("user".into()),
        content: Set(question.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let result = serde_json::json!({ "reply": reply, "plan": plan });
    chat_messages::ActiveModel {
        user_id: Set(viewer.user_id),
        conversation_id: Set(reply.conversation_id.clone()),
        role: Set("assistant".into()),
        content: Set(reply.answer.clone()),
        sql: Set(reply.sql.clone()),
        result_json: Set(Some(result.to_string())),
        source: Set(Some(if reply.cached {
            "cache".into()
        } else {
            serde_json::to_value(reply.source)
                .ok()
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default()
        })),
        latency_ms: Set(Some(millis(latency))),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How a query ended, for the query log.
pub enum Outcome<'a> {
    Ran {
        rows: usize,
    },
    Failed {
        status: &'static str,
        error: &'a str,
    },
}

pub async fn log_query(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    sql: &str,
    duration: Duration,
    outcome: Outcome<'_>,
) -> Result<(), AppError> {
    let (status, rows, error) = match outcome {
        Outcome::Ran { rows } => ("ok", i64::try_from(rows).ok(), None),
        Outcome::Failed { status, error } => (status, None, Some(error.to_string())),
    };
    query_log::ActiveModel {
        user_id: Set(Some(viewer.user_id)),
        origin: Set(ORIGIN.into()),
        fingerprint: Set(fingerprint(sql)),
        sql: Set(sql.to_string()),
        duration_ms: Set(millis(duration)),
        row_count: Set(rows),
        status: Set(status.into()),
        error: Set(error),
        created_at: Set(clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
