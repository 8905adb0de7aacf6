//! Running a console query read-only on each engine, with a statement timeout and a row cap.
//! The connection is taken out of the pool for the query and closed afterwards, so the
//! read-only and timeout settings can never leak into the application's own connections.

use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use sea_orm::{DatabaseBackend, DatabaseConnection};
use serde_json::Value;
use sqlx::{Column, Connection, Row, TypeInfo};

use super::ConsoleLimits;
use crate::{AppError, admin::console::ResultColumn, server::row_values};

/// Columns and rows as read, before masking.
pub struct Rows {
    pub columns: Vec<ResultColumn>,
    pub rows: Vec<Vec<Value>>,
    pub truncated: bool,
    /// For a write that returns no rows.
    pub rows_affected: Option<u64>,
}

impl Rows {
    fn affected(rows: u64) -> Self {
        Self {
            columns: Vec::new(),
            rows: Vec::new(),
            truncated: false,
            rows_affected: Some(rows),
        }
    }
}

fn timed_out(limits: &ConsoleLimits) -> AppError {
    AppError::validation(
        "sql",
        format!(
            "The query took longer than {:?} and was stopped.",
            limits.timeout
        ),
    )
}

/// SQLSTATEs of a statement stopped by its timeout: PostgreSQL's `query_canceled` and
/// MariaDB's `max_statement_time` (SQLite is interrupted by the progress handler).
const TIMEOUT_STATES: [&str; 2] = ["57014", "70100"];

fn failed(error: sqlx::Error, limits: &ConsoleLimits, started: Instant) -> AppError {
    let stopped = error
        .as_database_error()
        .and_then(|error| error.code())
        .is_some_and(|code| TIMEOUT_STATES.contains(&code.as_ref()));
    if stopped || started.elapsed() >= limits.timeout {
        return timed_out(limits);
    }
    match error {
        sqlx::Error::Database(error) => AppError::validation("sql", error.message().to_string()),
        other => {
            tracing::error!(error = %other, "the console could not run a query");
            AppError::Unavailable {
                message: "The database could not be reached.".into(),
            }
        }
    }
}

fn columns_of<R: Row>(row: &R) -> Vec<ResultColumn> {
    row.columns()
        .iter()
        .map(|column| ResultColumn {
            name: column.name().to_string(),
            data_type: column.type_info().name().to_string(),
            masked: false,
        })
        .collect()
}

/// Reads rows from `stream` until it ends or the cap is passed.
async fn collect<R: Row>(
    mut stream: impl futures_util::Stream<Item = Result<R, sqlx::Error>> + Unpin,
    row_cap: usize,
    values: impl Fn(&R) -> Vec<Value>,
) -> Result<Rows, sqlx::Error> {
    let mut rows = Rows {
        columns: Vec::new(),
        rows: Vec::new(),
        truncated: false,
        rows_affected: None,
    };
    while let Some(row) = stream.try_next().await? {
        if rows.columns.is_empty() {
            rows.columns = columns_of(&row);
        }
        if rows.rows.len() == row_cap {
            rows.truncated = true;
            break;
        }
        rows.rows.push(values(&row));
    }
    Ok(rows)
}

/// How a statement runs: read-only (the console's default), or changing data in write mode,
/// committed when it succeeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    Write { returns_rows: bool },
}

pub async fn run(
    db: &DatabaseConnection,
    sql: &str,
    limits: &ConsoleLimits,
    access: Access,
) -> Result<Rows, AppError> {
    let started = Instant::now();
    let outcome = tokio::time::timeout(
        limits.timeout + Duration::from_secs(1),
        run_on(db, sql, limits, access),
    )
    .await
    .unwrap_or(Err(sqlx::Error::PoolTimedOut));
    // Some statements end quietly when interrupted (MariaDB's BENCHMARK returns 0): whatever
    // reached the limit is reported as stopped, never as a result.
    if outcome.is_ok() && started.elapsed() >= limits.timeout {
        return Err(timed_out(limits));
    }
    outcome.map_err(|error| failed(error, limits, started))
}

/// Runs the statement on `$connection` (a transaction is open) and commits in write mode.
macro_rules! statement_on {
    ($connection:ident, $sql:expr, $cap:expr, $access:expr, $values:expr) => {{
        let statement = sqlx::raw_sql(sqlx::AssertSqlSafe($sql.to_string()));
        let rows = match $access {
            Access::Write {
                returns_rows: false,
            } => statement
                .execute(&mut $connection)
                .await
                .map(|done| Rows::affected(done.rows_affected())),
            _ => collect(statement.fetch(&mut $connection), $cap, $values).await,
        };
        if rows.is_ok() && $access != Access::ReadOnly {
            sqlx::raw_sql("COMMIT").execute(&mut $connection).await?;
        }
        // Closing rolls back whatever was not committed.
        drop($connection.close().await);
        rows
    }};
}

async fn run_on(
    db: &DatabaseConnection,
    sql: &str,
    limits: &ConsoleLimits,
    access: Access,
) -> Result<Rows, sqlx::Error> {
    let cap = limits.row_cap;
    let read_only = access == Access::ReadOnly;
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let mut connection = db.get_postgres_connection_pool().acquire().await?.detach();
            let begin = if read_only {
                "BEGIN READ ONLY"
            } else {
                "BEGIN"
            };
            sqlx::raw_sql(begin).execute(&mut connection).await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "SET LOCAL statement_timeout = {}",
                limits.timeout.as_millis()
            )))
            .execute(&mut connection)
            .await?;
            statement_on!(connection, sql, cap, access, row_values::postgres)
        }
        DatabaseBackend::MySql => {
            let mut connection = db.get_mysql_connection_pool().acquire().await?.detach();
            let seconds = limits.timeout.as_secs_f64();
            // MariaDB counts in seconds, MySQL in milliseconds, each under its own name.
            if sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "SET SESSION max_statement_time = {seconds}"
            )))
            .execute(&mut connection)
            .await
            .is_err()
            {
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "SET SESSION max_execution_time = {}",
                    limits.timeout.as_millis()
                )))
                .execute(&mut connection)
                .await?;
            }
            let begin = if read_only {
                "START TRANSACTION READ ONLY"
            } else {
                "START TRANSACTION"
            };
            sqlx::raw_sql(begin).execute(&mut connection).await?;
            statement_on!(connection, sql, cap, access, row_values::mysql)
        }
        _ => {
            let mut connection = db.get_sqlite_connection_pool().acquire().await?.detach();
            if read_only {
                sqlx::raw_sql("PRAGMA query_only = ON")
                    .execute(&mut connection)
                    .await?;
            }
            // EXPLAIN QUERY PLAN is planned from the schema this connection last read, and
            // reading nothing it would not notice an index created since: read the schema first.
            sqlx::raw_sql("SELECT count(*) FROM sqlite_master")
                .execute(&mut connection)
                .await?;
            let deadline = Instant::now() + limits.timeout;
            connection
                .lock_handle()
                .await?
                .set_progress_handler(1_000, move || Instant::now() < deadline);
            if !read_only {
                sqlx::raw_sql("BEGIN IMMEDIATE")
                    .execute(&mut connection)
                    .await?;
            }
            statement_on!(connection, sql, cap, access, row_values::sqlite)
        }
    }
}
