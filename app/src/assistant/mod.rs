//! The assistant: questions about the user's own money in plain language, answered with a
//! sentence, the SQL that found it, the result table and, when the result has a shape for one, a
//! chart. See `service` for how a question becomes an answer without ever reaching another
//! user's rows.

mod answer;
pub mod api;
mod chart;
mod chat;
mod delete;
mod history;
mod page;
mod question;
#[cfg(feature = "ssr")]
pub mod service;
mod table;

pub use page::AssistantPage;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Longer questions are refused: nobody asks about their spending in an essay.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Conversations per history page unless the caller asks for fewer.
pub const CONVERSATIONS_PER_PAGE: u64 = 20;
/// The newest messages of a conversation that are shown when it is reopened.
pub const MESSAGES_SHOWN: u64 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Ask {
    pub question: String,
    /// Continue this conversation (follow-ups such as "and the month before?"); a new one
    /// without.
    #[serde(default)]
    pub conversation_id: Option<String>,
}

/// Who answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The built-in engine (no network).
    Builtin,
    /// The language model configured by `LLM_*`.
    Llm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Line,
    Bar,
    Donut,
}

/// How to draw a result: labels from one column, values from another, both named as in
/// `columns`. Data, never code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChartHint {
    pub kind: ChartKind,
    pub label_column: String,
    pub value_column: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Reply {
    pub conversation_id: String,
    /// One sentence, money formatted in its currency; or why the question was not understood.
    pub answer: String,
    /// The query that produced `rows`; `null` when nothing was run.
    pub sql: Option<String>,
    pub columns: Vec<String>,
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<Object>>))]
    pub rows: Vec<Vec<Value>>,
    /// More rows than could be shown.
    pub truncated: bool,
    pub chart: Option<ChartHint>,
    pub source: Source,
    /// Answered from the cache: the same question on unchanged data.
    pub cached: bool,
    /// Questions to try next, built from the user's own data.
    pub suggestions: Vec<String>,
    /// Said alongside the answer, e.g. that the language model failed and the built-in engine
    /// answered instead.
    pub notice: Option<String>,
}

/// A conversation in the history list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConversationSummary {
    pub conversation_id: String,
    /// Its first question.
    pub title: String,
    pub questions: u64,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Conversations, most recently active first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConversationPage {
    pub conversations: Vec<ConversationSummary>,
    /// Pass as `before` for the next page; `null` on the last page.
    pub next_before: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    User,
    Assistant,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Message {
    pub speaker: Speaker,
    /// The question, or the answer's sentence.
    pub text: String,
    /// The whole answer (table, SQL, chart) for the assistant's messages.
    pub reply: Option<Reply>,
    pub created_at: DateTime<Utc>,
}

/// A conversation reopened: its newest messages, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Conversation {
    pub conversation_id: String,
    pub messages: Vec<Message>,
}
