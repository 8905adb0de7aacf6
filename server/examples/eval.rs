//! `make eval`: how often the assistant answers the public evaluation set in `eval/` correctly.
//!
//! Loads `dataset.json` into a sandbox, asks every question of `questions.json` through the same
//! `answer` pipeline the server uses (follow-ups after their earlier turns, in one conversation),
//! judges each result by the conventions of `eval/README.md` and prints accuracy per kind, then
//! the failures. With `LLM_BASE_URL` or `LLM_API_KEY` set, the language model is evaluated too.
//! It is a report, not a test: it exits 0 unless the evaluation set cannot be read.
//!
//! ```text
//! cargo run -p server --example eval --features app/ssr -- [EVAL_DIR] [--verbose]
//! ```
//!
//! `--verbose` lists every answer, not only the failures.
//!
//! ```text
//! ```

#[path = "eval/budget.rs"]
mod budget;
#[path = "eval/compare.rs"]
mod compare;
#[path = "eval/dataset.rs"]
mod dataset;
#[path = "eval/report.rs"]
mod report;
#[path = "eval/table.rs"]
mod table;

use std::{path::Path, process::ExitCode, time::Duration};

use anyhow::Context as _;
use app::assistant::{
    Source,
    service::{
        Builtin, Context, Guard, Limits, LlmPlanner, LlmSettings, Names, Options, Planner,
        Previous, Sandbox, answer, builtin::Vocabulary, names_in,
    },
};

use self::{
    compare::judge,
    dataset::{Dataset, Question},
    report::Outcome,
    table::Got,
};

/// The evaluation set, loaded once for every planner.
struct Setup {
    dataset: Dataset,
    questions: Vec<Question>,
    sandbox: Sandbox,
    names: Names,
}

impl Setup {
    async fn load(dir: &Path) -> anyhow::Result<Self> {
        let mut dataset = Dataset::read(dir)?;
        let questions = dataset::questions(dir)?;
        let rows = (
            std::mem::take(&mut dataset.categories),
            std::mem::take(&mut dataset.budgets),
            std::mem::take(&mut dataset.expenses),
        );
        let sandbox = Sandbox::from_rows(rows.0, rows.1, rows.2)
            .await
            .context("filling the sandbox")?;
        let names = names_in(&sandbox).await.context("reading the names")?;
        Ok(Self {
            dataset,
            questions,
            sandbox,
            names,
        })
    }
}

/// The model of the server's configuration (`LLM_*`, `.env` included), if one is set.
fn model_settings() -> Option<LlmSettings> {
    let config = match server::Config::load() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("eval: the language model is skipped: {error}");
            return None;
        }
    };
    let (base_url, api_key) = config.llm_endpoint()?;
    Some(LlmSettings {
        base_url,
        api_key,
        model: config.llm_model.clone(),
        timeout: Duration::from_secs(config.llm_timeout_secs.get()),
        max_rows: Limits::default().max_rows,
    })
}

/// Asks every question, each conversation from its first turn, and judges the last answer.
async fn evaluate(setup: &Setup, model: Option<&impl Planner>) -> Vec<Outcome> {
    let vocabulary = Vocabulary {
        today: setup.dataset.today,
        base_currency: &setup.dataset.base_currency,
        categories: &setup.names.categories,
        merchants: &setup.names.merchants,
    };
    let options = Options {
        limits: Limits::default(),
        guard: Guard::On,
    };
    let mut outcomes = Vec::new();
    for question in &setup.questions {
        let mut previous: Option<Previous> = None;
        let mut last = None;
        for asked in question.turns.iter().chain([&question.question]) {
            let context = Context {
                vocabulary: &vocabulary,
                time_zone: &setup.dataset.time_zone,
                previous: previous.as_ref(),
                examples: &[],
            };
            let mut executed = Vec::new();
            let answered = answer(
                &setup.sandbox,
                &context,
                asked,
                model,
                options,
                &mut executed,
            )
            .await;
            previous = answered.as_ref().ok().map(|answered| Previous {
                question: asked.to_string(),
                sql: answered.reply.sql.clone(),
                plan: answered.plan.clone(),
            });
            last = Some(answered);
        }
        let (answer, sql, verdict, fell_back) = match last {
            Some(Ok(answered)) => {
                let reply = answered.reply;
                let got = Got {
                    ran: reply.sql.is_some(),
                    columns: &reply.columns,
                    rows: &reply.rows,
                };
                let verdict = judge(&question.kind, &question.question, &question.expected, &got);
                let fell_back = model.is_some() && reply.source == Source::Builtin;
                (reply.answer, reply.sql, verdict, fell_back)
            }
            // A refusal with an error ran nothing either.
            Some(Err(error)) => {
                let got = Got {
                    ran: false,
                    columns: &[],
                    rows: &[],
                };
                let verdict = judge(&question.kind, &question.question, &question.expected, &got);
                (format!("error: {error}"), None, verdict, false)
            }
            None => continue,
        };
        let mut asked = question.turns.clone();
        asked.push(question.question.clone());
        outcomes.push(Outcome {
            id: question.id.clone(),
            kind: question.kind.clone(),
            question: asked.join(" → "),
            expected: question.expected.clone(),
            answer,
            sql,
            verdict,
            fell_back,
        });
    }
    outcomes
}

#[tokio::main]
async fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let verbose = arguments.iter().any(|argument| argument == "--verbose");
    let dir = arguments
        .iter()
        .find(|argument| !argument.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "eval".into());
    let setup = match Setup::load(Path::new(&dir)).await {
        Ok(setup) => setup,
        Err(error) => {
            eprintln!("eval: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "# Assistant evaluation: {} questions over {} (today {})",
        setup.questions.len(),
        Path::new(&dir).join("dataset.json").display(),
        setup.dataset.today
    );
    let outcomes = evaluate(&setup, None::<&Builtin>).await;
    report::print("Built-in engine", &outcomes, verbose);
    if let Some(settings) = model_settings() {
        let title = format!("Language model {} at {}", settings.model, settings.base_url);
        let model = LlmPlanner::new(settings);
        let outcomes = evaluate(&setup, Some(&model)).await;
        report::print(&title, &outcomes, verbose);
    }
    ExitCode::SUCCESS
}
