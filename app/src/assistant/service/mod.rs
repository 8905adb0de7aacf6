//! From a question to an answer:
//! 1. validate it, find the conversation (and its last exchange, for follow-ups);
//! 2. answer from the cache when the same question met the same data version before;
//! 3. plan it: the language model when configured, else (or when it fails) the built-in engine;
//! 4. check the SQL with the guard, run it in the user's sandbox (a private copy of their rows);
//! 5. phrase the answer, suggest what to ask next, and log the exchange and every query run.

mod answering;
mod guard;
mod history;
mod llm;
mod planner;
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

pub use answering::{Answered, Executed, Guard, Names, Options, answer, names_in};
pub use llm::{LlmPlanner, LlmSettings};
pub use planner::{Builtin, Context, Example, Planned, Planner, Previous, Unplanned};
pub use sandbox::{BudgetRow, CategoryRow, ExpenseRow, Limits, Sandbox, SandboxCache};

use self::builtin::{Plan, Vocabulary};
use super::{
    Ask, CONVERSATIONS_PER_PAGE, Conversation, ConversationPage, MAX_QUESTION_CHARS, Reply,
};
use crate::{AppError, expenses::service::user_context, server::Viewer};

/// Past questions shown to the model as worked examples.
const EXAMPLES: usize = 5;

/// How the assistant is set up (from the configuration).
pub struct AssistantSettings {
    pub questions_per_minute: NonZeroU32,
    pub limits: Limits,
    /// `None`: the built-in engine answers everything.
    pub llm: Option<LlmSettings>,
    pub guard: Guard,
}

/// Everything the assistant keeps between requests; one per application.
#[derive(Clone)]
pub struct Assistant {
    sandboxes: SandboxCache,
    answers: Cache<AnswerKey, (Reply, Option<Plan>)>,
    per_user: Arc<DefaultKeyedRateLimiter<i64>>,
    model: Option<Arc<LlmPlanner>>,
    options: Options,
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
    pub fn new(settings: AssistantSettings) -> Self {
        Self {
            sandboxes: SandboxCache::new(32),
            answers: Cache::builder()
                .max_capacity(10_000)
                .time_to_idle(Duration::from_secs(30 * 60))
                .build(),
            per_user: Arc::new(RateLimiter::keyed(Quota::per_minute(
                settings.questions_per_minute,
            ))),
            model: settings.llm.map(|llm| Arc::new(LlmPlanner::new(llm))),
            options: Options {
                limits: settings.limits,
                guard: settings.guard,
            },
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

/// The viewer's sandbox and the names in it.
async fn sandbox_and_names(
    db: &DatabaseConnection,
    assistant: &Assistant,
    viewer: &Viewer,
) -> Result<(Arc<Sandbox>, Names), AppError> {
    let sandbox = assistant
        .sandboxes
        .for_viewer(db, viewer)
        .await
        .map_err(|error| {
            tracing::error!(%error, "the assistant's sandbox could not be built");
            AppError::Internal
        })?;
    let names = names_in(&sandbox).await?;
    Ok((sandbox, names))
}

fn vocabulary<'a>(viewer: &'a Viewer, names: &'a Names) -> Vocabulary<'a> {
    Vocabulary {
        today: user_context(viewer).today,
        base_currency: viewer.base_currency.code,
        categories: &names.categories,
        merchants: &names.merchants,
    }
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
            (id.clone(), history::previous(db, viewer, id).await?)
        }
        None => (uuid::Uuid::new_v4().to_string(), None),
    };
    let key = AnswerKey {
        user_id: viewer.user_id,
        data_version: viewer.data_version,
        question: question.to_lowercase(),
        previous: previous
            .as_ref()
            .and_then(|previous| serde_json::to_string(&(&previous.sql, &previous.plan)).ok()),
    };
    let (reply, plan) = match assistant.answers.get(&key) {
        Some((mut reply, plan)) => {
            reply.cached = true;
            (reply, plan)
        }
        None => {
            let answered =
                answer_afresh(db, assistant, viewer, &question, previous.as_ref()).await?;
            let answered = (answered.reply, answered.plan);
            // A fallback after a model failure is not kept: the model may answer next time.
            if answered.0.notice.is_none() {
                assistant.answers.insert(key, answered.clone());
            }
            answered
        }
    };
    let reply = Reply {
        conversation_id,
        ..reply
    };
    history::record_exchange(
        db,
        viewer,
        &question,
        &reply,
        plan.as_ref(),
        started.elapsed(),
    )
    .await?;
    Ok(reply)
}

async fn answer_afresh(
    db: &DatabaseConnection,
    assistant: &Assistant,
    viewer: &Viewer,
    question: &str,
    previous: Option<&Previous>,
) -> Result<Answered, AppError> {
    let (sandbox, names) = sandbox_and_names(db, assistant, viewer).await?;
    let vocabulary = vocabulary(viewer, &names);
    let examples = match assistant.model {
        Some(_) => history::examples(db, viewer, EXAMPLES).await?,
        None => Vec::new(),
    };
    let context = Context {
        vocabulary: &vocabulary,
        time_zone: viewer.time_zone.name(),
        previous,
        examples: &examples,
    };
    let mut executed = Vec::new();
    let answered = answer(
        &sandbox,
        &context,
        question,
        assistant.model.as_deref(),
        assistant.options,
        &mut executed,
    )
    .await;
    for query in &executed {
        history::log_query(db, viewer, query).await?;
    }
    answered
}

/// Questions to start with, built from the viewer's own data.
pub async fn suggestions(
    db: &DatabaseConnection,
    assistant: &Assistant,
    viewer: &Viewer,
) -> Result<Vec<String>, AppError> {
    let (_, names) = sandbox_and_names(db, assistant, viewer).await?;
    Ok(builtin::suggestions(&vocabulary(viewer, &names)))
}

/// The viewer's conversations, newest activity first; `before` continues from a page's
/// `next_before`.
pub async fn conversations(
    db: &DatabaseConnection,
    viewer: &Viewer,
    before: Option<i64>,
    limit: Option<u64>,
) -> Result<ConversationPage, AppError> {
    let limit = match limit {
        None => CONVERSATIONS_PER_PAGE,
        Some(limit @ 1..=100) => limit,
        Some(_) => {
            return Err(AppError::validation(
                "limit",
                "limit must be between 1 and 100.",
            ));
        }
    };
    history::conversations(db, viewer, before, limit).await
}

fn no_such_conversation() -> AppError {
    AppError::not_found("No such conversation.")
}

pub async fn conversation(
    db: &DatabaseConnection,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<Conversation, AppError> {
    history::conversation(db, viewer, conversation_id)
        .await?
        .ok_or_else(no_such_conversation)
}

pub async fn delete_conversation(
    db: &DatabaseConnection,
    viewer: &Viewer,
    conversation_id: &str,
) -> Result<(), AppError> {
    match history::delete_conversation(db, viewer, conversation_id).await? {
        true => Ok(()),
        false => Err(no_such_conversation()),
    }
}
