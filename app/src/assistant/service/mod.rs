//! From a question to an answer:
//! 1. validate it, find the conversation (and the plan of its last answer, for follow-ups);
//! 2. answer from the cache when the same question met the same data version before;
//! 3. plan it with the built-in engine into SQL built by sea-query;
//! 4. check the SQL with the guard, run it in the user's sandbox (a private copy of their rows);
//! 5. phrase the answer, suggest what to ask next, and log the exchange and the query.

mod fingerprint;
mod guard;
mod history;
mod sandbox;

pub mod builtin;

use std::{
    num::NonZeroU32,
    sync::Arc,
    time::{Duration, Instant},
};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use moka::sync::Cache;
use sea_orm::DatabaseConnection;

pub use sandbox::{Limits, SandboxCache};

use self::{
    builtin::{Plan, Vocabulary},
    history::Outcome,
    sandbox::{ResultSet, Sandbox, SandboxError},
};
use super::{Ask, MAX_QUESTION_CHARS, Reply, Source};
use crate::{AppError, expenses::service::user_context, server::Viewer};

/// Merchants offered to the engine for matching names: the user's most frequent ones.
const VOCABULARY_MERCHANTS: usize = 500;

/// Everything the assistant keeps between requests; one per application.
#[derive(Clone)]
pub struct Assistant {
    sandboxes: SandboxCache,
    answers: Cache<AnswerKey, (Reply, Option<Plan>)>,
    per_user: Arc<DefaultKeyedRateLimiter<i64>>,
    limits: Limits,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct AnswerKey {
    user_id: i64,
    data_version: i64,
    question: String,
    /// The follow-up context: the same words after a different answer mean something else.
    previous: Option<String>,
}

impl Assistant {
    pub fn new(questions_per_minute: NonZeroU32, limits: Limits) -> Self {
        Self {
            sandboxes: SandboxCache::new(32),
            answers: Cache::builder()
                .max_capacity(10_000)
                .time_to_idle(Duration::from_secs(30 * 60))
                .build(),
            per_user: Arc::new(RateLimiter::keyed(Quota::per_minute(questions_per_minute))),
            limits,
        }
    }
}

fn question_text(ask: &Ask) -> Result<String, AppError> {
    let question = ask
        .question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if question.is_empty() {
        return Err(AppError::validation(
            "question",
            "Ask a question about your spending.",
        ));
    }
    if question.chars().count() > MAX_QUESTION_CHARS {
        return Err(AppError::validation(
            "question",
            format!("Questions can be at most {MAX_QUESTION_CHARS} characters."),
        ));
    }
    Ok(question)
}

fn sandbox_error(error: SandboxError) -> AppError {
    match error {
        SandboxError::Copy(message) => {
            tracing::error!(%message, "the assistant's sandbox could not be built");
            AppError::Internal
        }
        other => AppError::validation("question", other.to_string()),
    }
}

/// The user's categories and most frequent merchants, read from their sandbox.
async fn vocabulary_of(sandbox: &Sandbox) -> Result<(Vec<(i64, String)>, Vec<String>), AppError> {
    let categories = sandbox
        .run(
            "SELECT id, name FROM categories ORDER BY name",
            Limits::default(),
        )
        .await
        .map_err(sandbox_error)?;
    let merchants = sandbox
        .run(
            &format!(
                "SELECT merchant FROM expenses WHERE merchant <> '' GROUP BY merchant \
                 ORDER BY count(*) DESC LIMIT {VOCABULARY_MERCHANTS}"
            ),
            Limits::default(),
        )
        .await
        .map_err(sandbox_error)?;
    let categories = categories
        .rows
        .into_iter()
        .filter_map(|row| Some((row.first()?.as_i64()?, row.get(1)?.as_str()?.to_string())))
        .collect();
    let merchants = merchants
        .rows
        .into_iter()
        .filter_map(|row| Some(row.first()?.as_str()?.to_string()))
        .collect();
    Ok((categories, merchants))
}

pub async fn ask(
    db: &DatabaseConnection,
    assistant: &Assistant,
    viewer: &Viewer,
    ask: &Ask,
) -> Result<Reply, AppError> {
    let started = Instant::now();
    let question = question_text(ask)?;
    if assistant.per_user.check_key(&viewer.user_id).is_err() {
        return Err(AppError::RateLimited {
            retry_after_secs: 60,
        });
    }
    let (conversation_id, previous) = match &ask.conversation_id {
        Some(id) => {
            if !history::owns_conversation(db, viewer, id).await? {
                return Err(AppError::not_found("No such conversation."));
            }
            let previous = history::last_plan(db, viewer, id)
                .await?
                .and_then(|plan| serde_json::from_value::<Plan>(plan).ok());
            (id.clone(), previous)
        }
        None => (uuid::Uuid::new_v4().to_string(), None),
    };
    let key = AnswerKey {
        user_id: viewer.user_id,
        data_version: viewer.data_version,
        question: question.to_lowercase(),
        previous: previous
            .as_ref()
            .and_then(|plan| serde_json::to_string(plan).ok()),
    };
    let (reply, plan) = match assistant.answers.get(&key) {
        Some((mut reply, plan)) => {
            reply.cached = true;
            (reply, plan)
        }
        None => {
            let answered = answer(db, assistant, viewer, &question, previous.as_ref()).await?;
            assistant.answers.insert(key, answered.clone());
            answered
        }
    };
    let reply = Reply {
        conversation_id,
        ..reply
    };
    let plan = plan.and_then(|plan| serde_json::to_value(plan).ok());
    history::record_exchange(db, viewer, &question, &reply, plan, started.elapsed()).await?;
    Ok(reply)
}

/// Plans, checks, runs and phrases one question.
async fn answer(
    db: &DatabaseConnection,
    assistant: &Assistant,
    viewer: &Viewer,
    question: &str,
    previous: Option<&Plan>,
) -> Result<(Reply, Option<Plan>), AppError> {
    let sandbox = assistant
        .sandboxes
        .for_viewer(db, viewer)
        .await
        .map_err(sandbox_error)?;
    let (categories, merchants) = vocabulary_of(&sandbox).await?;
    let vocabulary = Vocabulary {
        today: user_context(viewer).today,
        base_currency: viewer.base_currency.code,
        categories: &categories,
        merchants: &merchants,
    };
    let suggestions = builtin::suggestions(&vocabulary);
    let unanswered = |answer: String, suggestions: Vec<String>| Reply {
        conversation_id: String::new(),
        answer,
        sql: None,
        columns: Vec::new(),
        rows: Vec::new(),
        truncated: false,
        chart: None,
        source: Source::Builtin,
        cached: false,
        suggestions,
    };
    let plan = match builtin::understand(question, &vocabulary, previous) {
        Ok(plan) => plan,
        Err(not_understood) => {
            let mut offered = not_understood.suggestions;
            offered.extend(suggestions);
            offered.dedup();
            return Ok((unanswered(not_understood.message, offered), None));
        }
    };
    let sql = guard::check(
        &builtin::to_sql(&plan, &vocabulary),
        assistant.limits.max_rows as u64,
    )
    .map_err(|refusal| AppError::validation("question", refusal.0))?;
    let ran = Instant::now();
    let result: Result<ResultSet, SandboxError> = sandbox.run(&sql, assistant.limits).await;
    let outcome = match &result {
        Ok(result) => Outcome::Ran {
            rows: result.rows.len(),
        },
        Err(SandboxError::Timeout(_)) => Outcome::Failed {
            status: "timeout",
            error: "timed out",
        },
        Err(error) => Outcome::Failed {
            status: "error",
            error: &error.to_string(),
        },
    };
    history::log_query(db, viewer, &sql, ran.elapsed(), outcome).await?;
    let result = result.map_err(sandbox_error)?;
    let reply = Reply {
        answer: builtin::answer(&plan, &result.columns, &result.rows, &vocabulary),
        sql: Some(sql),
        chart: builtin::chart_for(&plan),
        columns: result.columns,
        rows: result.rows,
        truncated: result.truncated,
        ..unanswered(String::new(), suggestions)
    };
    Ok((reply, Some(plan)))
}
