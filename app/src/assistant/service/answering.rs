//! One question answered over one sandbox, with no database or HTTP around it: the production
//! path and the evaluation (`make eval`) share it, so the figures measure what users get.
//!
//! The model, when configured, proposes first; if it fails, times out, or proposes SQL that the
//! guard or the sandbox refuses, the built-in engine answers and the reply says so.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{
    builtin::{self, Plan, format_money},
    guard,
    planner::{Builtin, Context, Planned, Planner, Unplanned},
    sandbox::{Limits, ResultSet, Sandbox, SandboxError},
};
use crate::{
    AppError,
    assistant::{ChartHint, Reply, Source},
};

/// Whether SQL passes the guard before it runs. `Off` exists only so the tests can show the
/// sandbox holds on its own; no configuration reaches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    On,
    Off,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub limits: Limits,
    pub guard: Guard,
}

/// A query that ran (or was stopped), for the query log.
#[derive(Clone, Debug)]
pub struct Executed {
    pub sql: String,
    pub duration: Duration,
    pub outcome: Result<usize, Failure>,
}

#[derive(Clone, Debug)]
pub struct Failure {
    /// `timeout` or `error`, as the query log records it.
    pub status: &'static str,
    pub message: String,
}

/// A reply (without its conversation) and the built-in plan behind it.
pub struct Answered {
    pub reply: Reply,
    pub plan: Option<Plan>,
}

/// No question needs a longer query; longer ones are refused before they run.
const MAX_SQL_BYTES: usize = 8 * 1024;

/// Merchants offered to the engine for matching names: the user's most frequent ones.
const VOCABULARY_MERCHANTS: usize = 500;

/// The names a user uses, read from their sandbox: categories (most used first) and their most
/// frequent merchants.
pub struct Names {
    pub categories: Vec<(i64, String)>,
    pub merchants: Vec<String>,
}

pub async fn names_in(sandbox: &Sandbox) -> Result<Names, AppError> {
    let read = |sql: String| async move {
        sandbox.run(&sql, Limits::default()).await.map_err(|error| {
            tracing::error!(%error, "the assistant could not read the user's names");
            AppError::Internal
        })
    };
    let categories = read(
        "SELECT c.id, c.name FROM categories c LEFT JOIN expenses e ON e.category_id = c.id \
         GROUP BY c.id, c.name ORDER BY count(e.id) DESC, c.name"
            .into(),
    )
    .await?;
    let merchants = read(format!(
        "SELECT merchant FROM expenses WHERE merchant <> '' GROUP BY merchant \
         ORDER BY count(*) DESC, merchant LIMIT {VOCABULARY_MERCHANTS}"
    ))
    .await?;
    Ok(Names {
        categories: categories
            .rows
            .into_iter()
            .filter_map(|row| Some((row.first()?.as_i64()?, row.get(1)?.as_str()?.to_string())))
            .collect(),
        merchants: merchants
            .rows
            .into_iter()
            .filter_map(|row| Some(row.first()?.as_str()?.to_string()))
            .collect(),
    })
}

fn reply(answer: String, source: Source, suggestions: Vec<String>) -> Reply {
    Reply {
        conversation_id: String::new(),
        answer,
        sql: None,
        columns: Vec::new(),
        rows: Vec::new(),
        truncated: false,
        chart: None,
        source,
        cached: false,
        suggestions,
        notice: None,
    }
}

/// Checks and runs a proposal, logging it in `executed`; the error says why it was not usable.
async fn run(
    sandbox: &Sandbox,
    planned: &Planned,
    options: Options,
    executed: &mut Vec<Executed>,
) -> Result<(String, ResultSet), String> {
    // Kept whatever the guard says: the query log and the history store the text.
    if planned.sql.len() > MAX_SQL_BYTES {
        return Err(format!("the query is longer than {MAX_SQL_BYTES} bytes"));
    }
    let sql = match options.guard {
        Guard::On => guard::check(&planned.sql, options.limits.max_rows as u64)
            .map_err(|refusal| refusal.0)?,
        Guard::Off => planned.sql.clone(),
    };
    let started = Instant::now();
    let result = sandbox.run(&sql, options.limits).await;
    let outcome = match &result {
        Ok(result) => Ok(result.rows.len()),
        Err(error) => Err(Failure {
            status: match error {
                SandboxError::Timeout(_) => "timeout",
                _ => "error",
            },
            message: error.to_string(),
        }),
    };
    executed.push(Executed {
        sql: sql.clone(),
        duration: started.elapsed(),
        outcome,
    });
    match result {
        Ok(result) => Ok((sql, result)),
        Err(SandboxError::Copy(message)) => {
            tracing::error!(%message, "the assistant's sandbox failed");
            Err("the query could not run".into())
        }
        Err(error) => Err(error.to_string()),
    }
}

/// A chart suggestion is kept only when it names columns the result has.
fn usable_chart(chart: Option<ChartHint>, columns: &[String]) -> Option<ChartHint> {
    chart.filter(|chart| {
        columns.contains(&chart.label_column) && columns.contains(&chart.value_column)
    })
}

/// Answers `question`; every query run on the way is pushed to `executed`, also when the
/// answer is an error.
pub async fn answer(
    sandbox: &Sandbox,
    context: &Context<'_>,
    question: &str,
    model: Option<&impl Planner>,
    options: Options,
    executed: &mut Vec<Executed>,
) -> Result<Answered, AppError> {
    let suggestions = builtin::suggestions(context.vocabulary);
    let mut notice = None;
    if let Some(model) = model {
        let why = match model.plan(question, context).await {
            Ok(planned) => match run(sandbox, &planned, options, executed).await {
                Ok((sql, result)) => {
                    let answer = describe(&result, context.vocabulary.base_currency);
                    let reply = Reply {
                        sql: Some(sql),
                        chart: usable_chart(planned.chart, &result.columns),
                        columns: result.columns,
                        rows: result.rows,
                        truncated: result.truncated,
                        ..reply(answer, model.source(), suggestions)
                    };
                    return Ok(Answered { reply, plan: None });
                }
                Err(why) => format!("its query was not usable: {why}"),
            },
            Err(Unplanned::Failed(why)) => why,
            Err(Unplanned::NotUnderstood(not_understood)) => not_understood.message,
        };
        tracing::warn!(%why, "the language model did not answer; the built-in engine does");
        notice = Some(format!(
            "The language model could not answer ({why}), so the built-in engine did."
        ));
    }
    let planned = match Builtin.plan(question, context).await {
        Ok(planned) => planned,
        Err(Unplanned::NotUnderstood(not_understood)) => {
            let mut offered = not_understood.suggestions;
            offered.extend(suggestions);
            offered.dedup();
            return Ok(Answered {
                reply: Reply {
                    notice,
                    ..reply(not_understood.message, Source::Builtin, offered)
                },
                plan: None,
            });
        }
        Err(Unplanned::Failed(why)) => return Err(AppError::validation("question", why)),
    };
    let (sql, result) = run(sandbox, &planned, options, executed)
        .await
        .map_err(|why| AppError::validation("question", why))?;
    let plan = planned.plan.expect("the built-in engine always has a plan");
    let reply = Reply {
        answer: builtin::answer(&plan, &result.columns, &result.rows, context.vocabulary),
        sql: Some(sql),
        chart: usable_chart(planned.chart, &result.columns),
        columns: result.columns,
        rows: result.rows,
        truncated: result.truncated,
        notice,
        ..reply(String::new(), Source::Builtin, suggestions)
    };
    Ok(Answered {
        reply,
        plan: Some(plan),
    })
}

/// One sentence for a result the built-in engine did not plan (the model's): a single figure
/// read out, money in `_minor` columns formatted, anything larger counted.
fn describe(result: &ResultSet, base_currency: &str) -> String {
    let currency_of = |row: &[Value]| {
        result
            .columns
            .iter()
            .position(|column| column == "currency")
            .and_then(|index| row.get(index)?.as_str())
            .unwrap_or(base_currency)
            .to_string()
    };
    let cell = |row: &[Value], index: usize| match (
        &row[index],
        result.columns[index].ends_with("_minor"),
    ) {
        (Value::Number(number), true) if number.is_i64() => {
            format_money(number.as_i64().unwrap_or_default(), &currency_of(row))
        }
        (Value::String(text), _) => text.clone(),
        (Value::Null, _) => "nothing".into(),
        (other, _) => other.to_string(),
    };
    match result.rows.as_slice() {
        [] => "Nothing matches that.".into(),
        [row] if row.len() == 1 => format!("The answer is {}.", cell(row, 0)),
        [row] => {
            let parts = (0..row.len())
                .filter(|&index| result.columns[index] != "currency")
                .map(|index| {
                    format!(
                        "{}: {}",
                        result.columns[index].trim_end_matches("_minor"),
                        cell(row, index)
                    )
                })
                .collect::<Vec<_>>();
            format!("{}.", parts.join(", "))
        }
        rows if result.truncated => format!("Here are the first {} rows.", rows.len()),
        rows => format!("Here are the {} rows found.", rows.len()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn result(columns: &[&str], rows: Vec<Vec<Value>>, truncated: bool) -> ResultSet {
        ResultSet {
            columns: columns.iter().map(|column| column.to_string()).collect(),
            rows,
            truncated,
        }
    }

    #[test]
    fn model_results_are_read_out_in_one_sentence() {
        let total = result(&["total_minor"], vec![vec![json!(123_456)]], false);
        assert_eq!(describe(&total, "USD"), "The answer is 1,234.56 USD.");
        let count = result(&["n"], vec![vec![json!(7)]], false);
        assert_eq!(describe(&count, "USD"), "The answer is 7.");
        let in_yen = result(
            &["currency", "spent_minor"],
            vec![vec![json!("JPY"), json!(1200)]],
            false,
        );
        assert_eq!(describe(&in_yen, "USD"), "spent: 1,200 JPY.");
        let many = result(&["a"], vec![vec![json!(1)], vec![json!(2)]], false);
        assert_eq!(describe(&many, "USD"), "Here are the 2 rows found.");
        assert_eq!(
            describe(&result(&["a"], vec![], false), "USD"),
            "Nothing matches that."
        );
    }
}
