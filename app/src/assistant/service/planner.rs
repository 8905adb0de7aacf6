//! The two ways a question becomes SQL, behind one trait: the built-in engine (always there, no
//! network) and a language model (when `LLM_*` is configured). Whatever a planner returns is
//! only a proposal: the guard checks it and the sandbox runs it over the asker's rows alone.

use std::future::Future;

use super::builtin::{self, NotUnderstood, Plan, Vocabulary};
use crate::assistant::{ChartHint, Source};

/// The question before this one in the same conversation, for follow-ups.
#[derive(Clone, Debug, Default)]
pub struct Previous {
    pub question: String,
    pub sql: Option<String>,
    /// The built-in engine's understanding of it, when the engine answered.
    pub plan: Option<Plan>,
}

/// A question this user asked before whose SQL ran and found rows: few-shot material for the
/// model, in the user's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub question: String,
    pub sql: String,
}

/// What a planner is told besides the question.
pub struct Context<'a> {
    pub vocabulary: &'a Vocabulary<'a>,
    /// The IANA name of the user's time zone, in which `vocabulary.today` is today.
    pub time_zone: &'a str,
    pub previous: Option<&'a Previous>,
    pub examples: &'a [Example],
}

/// A proposed query with how to draw its result.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub sql: String,
    pub chart: Option<ChartHint>,
    /// Set by the built-in engine, whose plan also phrases the answer and carries follow-ups.
    pub plan: Option<Plan>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Unplanned {
    /// The question is outside what this planner understands; the user is told why.
    NotUnderstood(NotUnderstood),
    /// The planner broke (network, protocol, nonsense back); another planner may try.
    Failed(String),
}

pub trait Planner {
    fn source(&self) -> Source;

    fn plan(
        &self,
        question: &str,
        context: &Context<'_>,
    ) -> impl Future<Output = Result<Planned, Unplanned>> + Send;
}

/// The built-in engine as a planner.
pub struct Builtin;

impl Planner for Builtin {
    fn source(&self) -> Source {
        Source::Builtin
    }

    fn plan(
        &self,
        question: &str,
        context: &Context<'_>,
    ) -> impl Future<Output = Result<Planned, Unplanned>> + Send {
        let previous = context.previous.and_then(|previous| previous.plan.as_ref());
        let planned = builtin::understand(question, context.vocabulary, previous)
            .map(|plan| Planned {
                sql: builtin::to_sql(&plan, context.vocabulary),
                chart: builtin::chart_for(&plan),
                plan: Some(plan),
            })
            .map_err(Unplanned::NotUnderstood);
        std::future::ready(planned)
    }
}
