//! The database console: every table with its columns and indexes, and SQL run read-only with a
//! timeout and a row cap, with password and token hashes masked. Every query is logged in
//! `query_log` (origin `console`) for the query analytics.

mod advice;
mod check;
mod explain;
mod history;
mod run;
mod tables;
mod write;

use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use serde_json::Value;

pub use explain::LARGE_TABLE_ROWS;
pub use history::history;
pub use write::{confirm_password, execute, write_mode};

use crate::{
    AppError,
    admin::console::{ConsoleQuery, ConsoleResult, ExplainResult, TableInfo},
    server::{
        Viewer,
        query_log::{self, Outcome},
    },
};

/// What one console query may cost (`ADMIN_SQL_TIMEOUT_SECS`, `ADMIN_SQL_ROW_CAP`).
#[derive(Clone, Copy, Debug)]
pub struct ConsoleLimits {
    pub timeout: Duration,
    pub row_cap: usize,
    /// `ADMIN_SQL_WRITE`: write mode may be opened.
    pub write: bool,
}

const ORIGIN: &str = "console";
const MASK: &str = "••••••";

pub async fn list_tables(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<Vec<TableInfo>, AppError> {
    viewer.require_admin()?;
    tables::tables(db).await
}

/// The plan of a query, with the expensive steps marked and advice.
pub async fn explain_query(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    viewer: &Viewer,
    query: &ConsoleQuery,
) -> Result<ExplainResult, AppError> {
    viewer.require_admin()?;
    explain::explain(db, limits, &query.sql).await
}

/// Columns whose values are never shown: named like a secret, or holding a password hash.
fn is_sensitive(name: &str, values: impl Iterator<Item = Value>) -> bool {
    let name = name.to_ascii_lowercase();
    ["hash", "password", "secret", "token"]
        .iter()
        .any(|word| name.contains(word))
        || values.into_iter().any(|value| {
            value
                .as_str()
                .is_some_and(|text| text.starts_with("$argon2"))
        })
}

pub async fn run_query(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    viewer: &Viewer,
    query: &ConsoleQuery,
) -> Result<ConsoleResult, AppError> {
    viewer.require_admin()?;
    let sql = check::read_only(db.get_database_backend(), &query.sql)?;
    let (mut rows, duration) = run_logged(db, limits, viewer, &sql, run::Access::ReadOnly).await?;
    for (index, column) in rows.columns.iter_mut().enumerate() {
        let values = rows.rows.iter().filter_map(|row| row.get(index).cloned());
        if is_sensitive(&column.name, values) {
            column.masked = true;
            for row in &mut rows.rows {
                if let Some(cell) = row.get_mut(index).filter(|cell| !cell.is_null()) {
                    *cell = MASK.into();
                }
            }
        }
    }
    Ok(result(rows, duration))
}

/// Runs `sql` and logs the run (also when it fails); the rows and how long it took.
async fn run_logged(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    viewer: &Viewer,
    sql: &str,
    access: run::Access,
) -> Result<(run::Rows, Duration), AppError> {
    let started = Instant::now();
    let outcome = run::run(db, sql, limits, access).await;
    let duration = started.elapsed();
    log(db, viewer, sql, duration, &outcome).await?;
    Ok((outcome?, duration))
}

fn result(rows: run::Rows, duration: Duration) -> ConsoleResult {
    ConsoleResult {
        columns: rows.columns,
        rows: rows.rows,
        truncated: rows.truncated,
        duration_ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
        rows_affected: rows.rows_affected,
    }
}

async fn log(
    db: &DatabaseConnection,
    viewer: &Viewer,
    sql: &str,
    duration: Duration,
    outcome: &Result<run::Rows, AppError>,
) -> Result<(), AppError> {
    let outcome = match outcome {
        Ok(rows) => Outcome::Ran {
            rows: rows.rows_affected.map_or(rows.rows.len(), |affected| {
                usize::try_from(affected).unwrap_or(usize::MAX)
            }),
        },
        Err(error) => {
            let error = error.to_string();
            let status = if error.contains("longer than") {
                "timeout"
            } else {
                "error"
            };
            Outcome::Failed { status, error }
        }
    };
    query_log::record(db, viewer.user_id, ORIGIN, sql, duration, outcome).await
}
