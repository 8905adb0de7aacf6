//! What read-only mode lets through: exactly one query (or an EXPLAIN of one), parsed in the
//! database's own dialect. The database enforces read-only again on its side (a read-only
//! transaction or connection), so this is the clear message, not the only lock.

use sea_orm::DatabaseBackend;
use sqlparser::{
    ast::{Query, SetExpr, Statement},
    dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect},
    parser::Parser,
};

use crate::AppError;

fn dialect(backend: DatabaseBackend) -> Box<dyn Dialect> {
    match backend {
        DatabaseBackend::Postgres => Box::new(PostgreSqlDialect {}),
        DatabaseBackend::MySql => Box::new(MySqlDialect {}),
        _ => Box::new(SQLiteDialect {}),
    }
}

fn refuse(message: impl Into<String>) -> AppError {
    AppError::validation("sql", message)
}

fn is_plain_query(statement: &Statement) -> bool {
    match statement {
        Statement::Query(query) => match query.body.as_ref() {
            SetExpr::Select(select) => select.into.is_none(),
            SetExpr::Insert(_) | SetExpr::Update(_) | SetExpr::Delete(_) | SetExpr::Merge(_) => {
                false
            }
            _ => true,
        },
        Statement::Explain { statement, .. } => is_plain_query(statement),
        _ => false,
    }
}

/// A single plain query (no EXPLAIN) with its syntax tree, for the plan view.
pub fn query(backend: DatabaseBackend, sql: &str) -> Result<(String, Query), AppError> {
    let sql = read_only(backend, sql)?;
    let statements = Parser::parse_sql(dialect(backend).as_ref(), &sql)
        .map_err(|error| refuse(format!("Syntax error: {error}")))?;
    match statements.into_iter().next() {
        Some(Statement::Query(query)) => Ok((sql, *query)),
        _ => Err(refuse("Give the query itself: the plan is asked for you.")),
    }
}

/// The statement to run, or why it may not run in read-only mode.
pub fn read_only(backend: DatabaseBackend, sql: &str) -> Result<String, AppError> {
    let sql = sql.trim().trim_end_matches(';').trim();
    if sql.is_empty() {
        return Err(refuse("Write a query to run."));
    }
    let statements = Parser::parse_sql(dialect(backend).as_ref(), sql)
        .map_err(|error| refuse(format!("Syntax error: {error}")))?;
    match statements.as_slice() {
        [statement] if is_plain_query(statement) => Ok(sql.to_string()),
        [_] => Err(refuse(
            "The console is read-only: only SELECT (or EXPLAIN of a SELECT) runs here.",
        )),
        _ => Err(refuse("Run one statement at a time.")),
    }
}

/// One statement of any kind, for write mode; and whether it answers with rows.
pub fn single(backend: DatabaseBackend, sql: &str) -> Result<(String, bool), AppError> {
    let sql = sql.trim().trim_end_matches(';').trim();
    if sql.is_empty() {
        return Err(refuse("Write a statement to run."));
    }
    let statements = Parser::parse_sql(dialect(backend).as_ref(), sql)
        .map_err(|error| refuse(format!("Syntax error: {error}")))?;
    match statements.as_slice() {
        [statement] => Ok((sql.to_string(), returns_rows(statement))),
        _ => Err(refuse("Run one statement at a time.")),
    }
}

fn returns_rows(statement: &Statement) -> bool {
    match statement {
        Statement::Insert(insert) => insert.returning.is_some(),
        Statement::Update(update) => update.returning.is_some(),
        Statement::Delete(delete) => delete.returning.is_some(),
        Statement::Query(_) | Statement::Explain { .. } | Statement::Pragma { .. } => true,
        other => other.to_string().to_ascii_uppercase().starts_with("SHOW"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_query_passes() {
        for backend in [
            DatabaseBackend::Sqlite,
            DatabaseBackend::Postgres,
            DatabaseBackend::MySql,
        ] {
            assert!(read_only(backend, "SELECT * FROM users;").is_ok());
            assert!(read_only(backend, "WITH x AS (SELECT 1) SELECT * FROM x").is_ok());
            assert!(read_only(backend, "EXPLAIN SELECT 1").is_ok());
            for refused in [
                "DELETE FROM users",
                "UPDATE users SET role = 'admin'",
                "INSERT INTO users (email) VALUES ('x')",
                "DROP TABLE users",
                "SELECT 1; DROP TABLE users",
                "EXPLAIN DELETE FROM users",
                "",
                "SELEC 1",
            ] {
                assert!(
                    read_only(backend, refused).is_err(),
                    "{backend:?}: {refused}"
                );
            }
        }
        assert!(read_only(DatabaseBackend::Sqlite, "PRAGMA writable_schema = ON").is_err());
        assert!(read_only(DatabaseBackend::Postgres, "SET statement_timeout = 0").is_err());
        assert!(read_only(DatabaseBackend::Postgres, "SELECT * INTO copy FROM users").is_err());
        assert!(
            read_only(
                DatabaseBackend::Postgres,
                "WITH gone AS (DELETE FROM users RETURNING *) SELECT * FROM gone"
            )
            .is_ok(),
            "a writable CTE parses as a query; the read-only transaction refuses it"
        );
    }
}
