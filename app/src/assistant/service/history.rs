//! What the assistant remembers: every question and answer in `chat_messages` (by conversation),
//! every query it ran in `query_log` (for the top-queries analytics and the admin's view of what
//! the engine could not answer).

use std::{collections::HashMap, time::Duration};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::ExprTrait,
};
use serde::{Deserialize, Serialize};

use super::{
    answering::Executed,
    builtin::Plan,
    planner::{Example, Previous},
};
use crate::{
    AppError,
    assistant::{
        Conversation, ConversationPage, ConversationSummary, MESSAGES_SHOWN, Message, Reply,
        Source, Speaker,
    },
    server::{
        Viewer, clock,
        entities::{chat_messages, prelude::ChatMessages},
        query_log::{self, Outcome},
    },
};

/// The origin the admin analytics group assistant queries under.
const ORIGIN: &str = "assistant";
const USER: &str = "user";
const ASSISTANT: &str = "assistant";
/// The most of an answer kept in the history: MySQL's TEXT holds 64 KiB, and a reopened
/// conversation needs the gist, not every row of a large result.
const STORED_BYTES: usize = 48 * 1024;
/// Text cells longer than this are cut in the stored copy.
const STORED_CELL_CHARS: usize = 500;
/// A conversation's title in the history list: the start of its first question.
const TITLE_CHARS: usize = 80;
/// Recent answers looked through for few-shot examples.
const EXAMPLES_SCANNED: u64 = 50;

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
        .filter(viewers_conversation(viewer, conversation_id))
        .one(db)
        .await?
        .is_some())
}

/// What every assistant message keeps besides its sentence.
#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(default)]
    question: String,
    reply: Reply,
    plan: Option<Plan>,
}

fn stored(message: &chat_messages::Model) -> Option<Stored> {
    serde_json::from_str(message.result_json.as_deref()?).ok()
}

fn viewers_conversation(viewer: &Viewer, conversation_id: &str) -> Condition {
    Condition::all()
        .add(chat_messages::Column::UserId.eq(viewer.user_id))
        .add(chat_messages::Column::ConversationId.eq(conversation_id))
}

/// The last exchange in a conversation, for follow-up questions.
pub async fn previous(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<Option<Previous>, AppError> {
    let last = ChatMessages::find()
        .filter(viewers_conversation(viewer, conversation_id))
        .filter(chat_messages::Column::Role.eq(ASSISTANT))
        .order_by_desc(chat_messages::Column::Id)
        .one(db)
        .await?;
    Ok(last.as_ref().and_then(stored).map(|stored| Previous {
        question: stored.question,
        sql: stored.reply.sql,
        plan: stored.plan,
    }))
}

/// The viewer's latest distinct questions whose SQL ran and found rows, newest first.
pub async fn examples(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    wanted: usize,
) -> Result<Vec<Example>, AppError> {
    let recent = ChatMessages::find()
        .filter(chat_messages::Column::UserId.eq(viewer.user_id))
        .filter(chat_messages::Column::Role.eq(ASSISTANT))
        .filter(chat_messages::Column::Sql.is_not_null())
        .order_by_desc(chat_messages::Column::Id)
        .limit(EXAMPLES_SCANNED)
        .all(db)
        .await?;
    let mut examples: Vec<Example> = Vec::new();
    for stored in recent.iter().filter_map(stored) {
        let seen = examples
            .iter()
            .any(|example| example.question.eq_ignore_ascii_case(&stored.question));
        if let Some(sql) = stored.reply.sql
            && !stored.reply.rows.is_empty()
            && !stored.question.is_empty()
            && !seen
        {
            examples.push(Example {
                question: stored.question,
                sql,
            });
        }
        if examples.len() == wanted {
            break;
        }
    }
    Ok(examples)
}

/// Stores the question and its reply (with the plan, for follow-ups).
pub async fn record_exchange(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    question: &str,
    reply: &Reply,
    plan: Option<&Plan>,
    latency: Duration,
) -> Result<(), AppError> {
    let now = clock::now();
    chat_messages::ActiveModel {
        user_id: Set(viewer.user_id),
        conversation_id: Set(reply.conversation_id.clone()),
        role: Set(USER.into()),
        content: Set(question.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let stored = serde_json::json!({ "question": question, "reply": kept(reply), "plan": plan });
    let source = if reply.cached {
        "cache"
    } else {
        match reply.source {
            Source::Builtin => "builtin",
            Source::Llm => "llm",
        }
    };
    chat_messages::ActiveModel {
        user_id: Set(viewer.user_id),
        conversation_id: Set(reply.conversation_id.clone()),
        role: Set(ASSISTANT.into()),
        content: Set(reply.answer.clone()),
        sql: Set(reply.sql.clone()),
        result_json: Set(Some(stored.to_string())),
        source: Set(Some(source.into())),
        latency_ms: Set(Some(millis(latency))),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The reply as the history keeps it: long cells cut and rows dropped from the end until it
/// fits in [`STORED_BYTES`], marked truncated when anything was.
fn kept(reply: &Reply) -> Reply {
    let mut kept = reply.clone();
    for cell in kept.rows.iter_mut().flatten() {
        if let serde_json::Value::String(text) = cell
            && text.chars().count() > STORED_CELL_CHARS
        {
            *text = text.chars().take(STORED_CELL_CHARS).chain(['…']).collect();
            kept.truncated = true;
        }
    }
    let size = |reply: &Reply| serde_json::to_string(reply).map_or(usize::MAX, |json| json.len());
    while size(&kept) > STORED_BYTES && !kept.rows.is_empty() {
        let keep = kept.rows.len() / 2;
        kept.rows.truncate(keep);
        kept.truncated = true;
    }
    kept
}

/// The viewer's conversations, most recently active first, `limit` at a time.
pub async fn conversations(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    before: Option<i64>,
    limit: u64,
) -> Result<ConversationPage, AppError> {
    let last_id = chat_messages::Column::Id.max();
    let mut query = ChatMessages::find()
        .select_only()
        .column(chat_messages::Column::ConversationId)
        .column_as(chat_messages::Column::Id.min(), "first_id")
        .column_as(last_id.clone(), "last_id")
        .column_as(chat_messages::Column::Id.count(), "messages")
        .filter(chat_messages::Column::UserId.eq(viewer.user_id))
        .group_by(chat_messages::Column::ConversationId);
    if let Some(before) = before {
        query = query.having(last_id.clone().lt(before));
    }
    let mut rows: Vec<(String, i64, i64, i64)> = query
        .order_by_desc(last_id)
        .limit(limit + 1)
        .into_tuple()
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let ends: HashMap<i64, chat_messages::Model> = ChatMessages::find()
        .filter(chat_messages::Column::UserId.eq(viewer.user_id))
        .filter(
            chat_messages::Column::Id
                .is_in(rows.iter().flat_map(|(_, first, last, _)| [*first, *last])),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|message| (message.id, message))
        .collect();
    let conversations = rows
        .iter()
        .filter_map(|(conversation_id, first, last, messages)| {
            let (first, last) = (ends.get(first)?, ends.get(last)?);
            Some(ConversationSummary {
                conversation_id: conversation_id.clone(),
                title: first.content.chars().take(TITLE_CHARS).collect(),
                questions: (*messages as u64).div_ceil(2),
                started_at: first.created_at,
                updated_at: last.created_at,
            })
        })
        .collect();
    Ok(ConversationPage {
        conversations,
        next_before: rows.last().filter(|_| more).map(|(_, _, last, _)| *last),
    })
}

/// A conversation's newest messages, oldest first; `None` when the viewer has no such one.
pub async fn conversation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<Option<Conversation>, AppError> {
    let mut messages = ChatMessages::find()
        .filter(viewers_conversation(viewer, conversation_id))
        .order_by_desc(chat_messages::Column::Id)
        .limit(MESSAGES_SHOWN)
        .all(db)
        .await?;
    if messages.is_empty() {
        return Ok(None);
    }
    messages.reverse();
    let messages = messages
        .into_iter()
        .map(|message| {
            let assistant = message.role == ASSISTANT;
            Message {
                speaker: if assistant {
                    Speaker::Assistant
                } else {
                    Speaker::User
                },
                reply: stored(&message)
                    .filter(|_| assistant)
                    .map(|stored| stored.reply),
                text: message.content,
                created_at: message.created_at,
            }
        })
        .collect();
    Ok(Some(Conversation {
        conversation_id: conversation_id.to_string(),
        messages,
    }))
}

/// Deletes a conversation; `false` when the viewer has no such one.
pub async fn delete_conversation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<bool, AppError> {
    let deleted = ChatMessages::delete_many()
        .filter(viewers_conversation(viewer, conversation_id))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

pub async fn log_query(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    executed: &Executed,
) -> Result<(), AppError> {
    let outcome = match &executed.outcome {
        Ok(rows) => Outcome::Ran { rows: *rows },
        Err(failure) => Outcome::Failed {
            status: failure.status,
            error: failure.message.clone(),
        },
    };
    query_log::record(
        db,
        viewer.user_id,
        ORIGIN,
        &executed.sql,
        executed.duration,
        outcome,
    )
    .await
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn reply(rows: Vec<Vec<serde_json::Value>>) -> Reply {
        Reply {
            conversation_id: "c".into(),
            answer: "Here are the rows found.".into(),
            sql: Some("SELECT merchant FROM expenses".into()),
            columns: vec!["merchant".into()],
            rows,
            truncated: false,
            chart: None,
            source: Source::Builtin,
            cached: false,
            suggestions: Vec::new(),
            notice: None,
        }
    }

    #[test]
    fn large_answers_are_cut_to_fit_the_history() {
        let small = reply(vec![vec![json!("Cafe")]]);
        assert_eq!(kept(&small), small, "small answers are kept whole");

        let long_cell = kept(&reply(vec![vec![json!("x".repeat(10_000))]]));
        assert!(long_cell.truncated);
        assert_eq!(
            long_cell.rows[0][0]
                .as_str()
                .map(|text| text.chars().count()),
            Some(STORED_CELL_CHARS + 1)
        );

        let many = kept(&reply(vec![vec![json!("y".repeat(400))]; 1_000]));
        assert!(many.truncated && !many.rows.is_empty());
        assert!(serde_json::to_string(&many).expect("json").len() <= STORED_BYTES);
    }
}
