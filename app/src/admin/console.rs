//! The database console's wire types: the tables with their columns and indexes, a query to
//! run, and its result.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ColumnInfo {
    pub name: String,
    /// As the database names it (`INTEGER`, `character varying`, `bigint`, …).
    pub data_type: String,
    pub nullable: bool,
    pub default: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndexInfo {
    pub name: String,
    pub columns: Vec<String>,
    pub unique: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TableInfo {
    pub name: String,
    pub row_count: u64,
    /// Bytes on disk with indexes, where the database reports it (PostgreSQL, MySQL).
    pub size_bytes: Option<u64>,
    pub columns: Vec<ColumnInfo>,
    pub indexes: Vec<IndexInfo>,
}

/// SQL for the console: one statement, read-only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsoleQuery {
    pub sql: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResultColumn {
    pub name: String,
    pub data_type: String,
    /// Its values are hidden (password or token hashes).
    pub masked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsoleResult {
    pub columns: Vec<ResultColumn>,
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<Object>>))]
    pub rows: Vec<Vec<Value>>,
    /// More rows than the row cap; the rest were not read.
    pub truncated: bool,
    pub duration_ms: u64,
    /// Rows changed, for a statement run in write mode that returns none.
    #[serde(default)]
    pub rows_affected: Option<u64>,
}

/// Whether the console may change data, and until when this session may without typing the
/// password again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WriteMode {
    /// `ADMIN_SQL_WRITE=true` on the server.
    pub enabled: bool,
    /// `null` until the password is confirmed, and again five minutes after.
    pub confirmed_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// The administrator's password, typed again to open write mode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordConfirmation {
    pub password: String,
}

/// One step of a query plan, in tree order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanStep {
    /// 0 for the top of the tree.
    pub depth: u32,
    /// What the database does here, e.g. `SCAN expenses` or `Seq Scan on expenses`.
    pub detail: String,
    /// The table read, when this step reads one.
    pub table: Option<String>,
    /// A full scan of a large table: the step to look at first.
    pub expensive: bool,
}

/// Advice on a plan: an index to create, or a warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanAdvice {
    pub message: String,
    /// The statement that would follow the advice, e.g. `CREATE INDEX …`.
    pub sql: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExplainResult {
    pub steps: Vec<PlanStep>,
    pub advice: Vec<PlanAdvice>,
    /// The plan as the database gave it (rows for SQLite, JSON for PostgreSQL and MySQL).
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub raw: Value,
}

/// A console statement someone ran, from the query log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsoleRun {
    pub id: i64,
    pub sql: String,
    pub duration_ms: i64,
    /// Rows returned or changed; `null` when it failed.
    pub row_count: Option<i64>,
    /// `ok`, `error` or `timeout`.
    pub status: String,
    pub error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The administrator's own console runs, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsoleHistory {
    pub runs: Vec<ConsoleRun>,
    /// Pass as `before` for older runs; `null` on the last page.
    pub next_before: Option<i64>,
}

/// Runs shown per page of the history unless the caller asks for fewer.
pub const HISTORY_PER_PAGE: u64 = 20;
