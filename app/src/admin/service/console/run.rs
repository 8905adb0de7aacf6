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

pub async fn run(
    db: &DatabaseConnection,
    sql: &str,
    limits: &ConsoleLimits,
) -> Result<Rows, AppError> {
    let started = Instant::now();
    let outcome = tokio::time::timeout(
        limits.timeout + Duration::from_secs(1),
        run_on(db, sql, limits),
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

async fn run_on(
    db: &DatabaseConnection,
    sql: &str,
    limits: &ConsoleLimits,
) -> Result<Rows, sqlx::Error> {
    let statement = || sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()));
    let cap = limits.row_cap;
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let mut connection = db.get_postgres_connection_pool().acquire().await?.detach();
            sqlx::raw_sql("BEGIN READ ONLY")
                .execute(&mut connection)
                .await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "SET LOCAL statement_timeout = {}",
                limits.timeout.as_millis()
            )))
            .execute(&mut connection)
            .await?;
            let rows = collect(
                statement().fetch(&mut connection),
                cap,
                row_values::postgres,
            )
            .await;
            drop(connection.close().await);
            rows
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
            sqlx::raw_sql("START TRANSACTION READ ONLY")
                .execute(&mut connection)
                .await?;
            let rows = collect(statement().fetch(&mut connection), cap, row_values::mysql).await;
            drop(connection.close().await);
            rows
        }
        _ => {
            let mut connection = db.get_sqlite_connection_pool().acquire().await?.detach();
            sqlx::raw_sql("PRAGMA query_only = ON")
                .execute(&mut connection)
                .await?;
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
            let rows = collect(statement().fetch(&mut connection), cap, row_values::sqlite).await;
            drop(connection.close().await);
            rows
        }
    }
}
