//! Where the assistant's SQL runs: a private in-memory SQLite database holding a copy of the
//! asking user's expenses, categories and budgets, and nothing else.
//!
//! Why a copy rather than views on the real database: scoping then holds by construction, on all
//! three backends alike, even when the SQL guard is switched off or wrong. There is no other
//! user's row, no `users` or `sessions` table, and no file to reach, because the connection may
//! not attach databases. On top of that, an authorizer refuses everything but reading the three
//! tables and calling allow-listed functions (no writes, pragmas, recursive CTEs), a progress
//! handler interrupts a query past its deadline, and length limits stop huge strings. One
//! dialect (SQLite) also means one grammar for the guard, the built-in engine and the model.
//!
//! The copy is cached per user and data version, so repeated questions skip the copy; any write
//! bumps the version and the next question copies afresh.

mod lock;
mod rows;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use futures_util::TryStreamExt;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;
use sqlx::{Column, Row, SqliteConnection};
use tokio::sync::Mutex;

pub use self::rows::{BudgetRow, CategoryRow, ExpenseRow};
use self::{lock::lock_down, rows::Filling};
use crate::server::{
    Viewer,
    entities::{budgets, categories, expenses, prelude::*},
    row_values,
};

/// The relations a question may read, as the model and the "show SQL" toggle see them.
pub const SCHEMA: &str = "\
CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL, archived INTEGER NOT NULL);
CREATE TABLE expenses (id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL REFERENCES categories(id), amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, spent_on TEXT NOT NULL, merchant TEXT NOT NULL, note TEXT NOT NULL, tags TEXT NOT NULL, has_receipt INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE budgets (id INTEGER PRIMARY KEY, category_id INTEGER REFERENCES categories(id), amount_minor INTEGER NOT NULL, currency TEXT NOT NULL, starts_on TEXT NOT NULL, rollover INTEGER NOT NULL);
CREATE INDEX expenses_spent_on ON expenses (spent_on);
CREATE INDEX expenses_category ON expenses (category_id, spent_on);";

/// Expenses copied per round trip.
const COPY_BATCH: u64 = 5_000;

pub const TABLES: [&str; 3] = ["expenses", "categories", "budgets"];

/// Functions a question may call (lower case). Everything else, `printf`, `randomblob`,
/// `zeroblob`, `load_extension` and the JSON table functions among them, is refused.
pub const FUNCTIONS: &[&str] = &[
    "abs",
    "avg",
    "coalesce",
    "count",
    "date",
    "datetime",
    "glob",
    "ifnull",
    "iif",
    "instr",
    "julianday",
    "length",
    "like",
    "lower",
    "ltrim",
    "max",
    "min",
    "nullif",
    "round",
    "rtrim",
    "strftime",
    "substr",
    "substring",
    "sum",
    "time",
    "total",
    "trim",
    "upper",
    "group_concat",
];

/// What one query may cost.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub timeout: Duration,
    pub max_rows: usize,
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(2),
            max_rows: 1_000,
            max_bytes: 1024 * 1024,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// More rows (or bytes) than the limits allow were produced; the rest were dropped.
    pub truncated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the query took longer than {0:?} and was stopped")]
    Timeout(Duration),
    #[error("{0}")]
    Refused(String),
    #[error("the user's data could not be copied: {0}")]
    Copy(String),
}

pub struct Sandbox {
    connection: Mutex<SqliteConnection>,
}

/// Copies of recently asking users' data, by (user, data version).
#[derive(Clone)]
pub struct SandboxCache(moka::future::Cache<(i64, i64), Arc<Sandbox>>);

impl SandboxCache {
    /// Keeps up to `users` copies (each about the size of that user's expenses).
    pub fn new(users: u64) -> Self {
        Self(
            moka::future::Cache::builder()
                .max_capacity(users)
                .time_to_idle(Duration::from_secs(10 * 60))
                .build(),
        )
    }

    pub async fn for_viewer(
        &self,
        db: &DatabaseConnection,
        viewer: &Viewer,
    ) -> Result<Arc<Sandbox>, SandboxError> {
        self.0
            .try_get_with((viewer.user_id, viewer.data_version), async {
                Sandbox::copy(db, viewer.user_id).await.map(Arc::new)
            })
            .await
            .map_err(|error: Arc<SandboxError>| SandboxError::Copy(error.to_string()))
    }
}

fn copy_error(error: impl std::fmt::Display) -> SandboxError {
    SandboxError::Copy(error.to_string())
}

impl Sandbox {
    /// A fresh in-memory database with `user_id`'s rows, then locked down for reading.
    pub async fn copy(db: &DatabaseConnection, user_id: i64) -> Result<Self, SandboxError> {
        let mut filling = Filling::new().await?;
        for category in Categories::find()
            .filter(categories::Column::UserId.eq(user_id))
            .all(db)
            .await
            .map_err(copy_error)?
        {
            filling.category(category.into()).await?;
        }
        for budget in Budgets::find()
            .filter(budgets::Column::UserId.eq(user_id))
            .all(db)
            .await
            .map_err(copy_error)?
        {
            filling.budget(budget.into()).await?;
        }
        // In id order, a batch at a time: a large history never sits in memory twice.
        let mut after = 0_i64;
        loop {
            let batch = Expenses::find()
                .filter(expenses::Column::UserId.eq(user_id))
                .filter(expenses::Column::Id.gt(after))
                .order_by_asc(expenses::Column::Id)
                .limit(COPY_BATCH)
                .all(db)
                .await
                .map_err(copy_error)?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for expense in batch {
                filling.expense(expense.into()).await?;
            }
        }
        filling.finish().await
    }

    /// A sandbox over rows given directly, as the evaluation builds one from `eval/dataset.json`.
    pub async fn from_rows(
        categories: impl IntoIterator<Item = CategoryRow>,
        budgets: impl IntoIterator<Item = BudgetRow>,
        expenses: impl IntoIterator<Item = ExpenseRow>,
    ) -> Result<Self, SandboxError> {
        let mut filling = Filling::new().await?;
        for category in categories {
            filling.category(category).await?;
        }
        for budget in budgets {
            filling.budget(budget).await?;
        }
        for expense in expenses {
            filling.expense(expense).await?;
        }
        filling.finish().await
    }

    /// Runs one query within `limits`. Rows beyond `max_rows` (or `max_bytes` of cell text) are
    /// dropped and the result says it was truncated.
    pub async fn run(&self, sql: &str, limits: Limits) -> Result<ResultSet, SandboxError> {
        let mut connection = self.connection.lock().await;
        let deadline = Instant::now() + limits.timeout;
        connection
            .lock_handle()
            .await
            .map_err(refused)?
            .set_progress_handler(1_000, move || Instant::now() < deadline);
        let outcome = collect(&mut connection, sql, limits).await;
        if let Ok(mut handle) = connection.lock_handle().await {
            handle.remove_progress_handler();
        }
        match outcome {
            Err(_) if Instant::now() >= deadline => Err(SandboxError::Timeout(limits.timeout)),
            other => other,
        }
    }
}

fn refused(error: sqlx::Error) -> SandboxError {
    let message = match &error {
        sqlx::Error::Database(database) => database.message().to_string(),
        other => other.to_string(),
    };
    SandboxError::Refused(message)
}

async fn collect(
    connection: &mut SqliteConnection,
    sql: &str,
    limits: Limits,
) -> Result<ResultSet, SandboxError> {
    // The text is checked by the guard and, whatever it says, confined by the authorizer.
    let mut stream = sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).fetch(&mut *connection);
    let mut result = ResultSet {
        columns: Vec::new(),
        rows: Vec::new(),
        truncated: false,
    };
    let mut bytes = 0;
    while let Some(row) = stream.try_next().await.map_err(refused)? {
        if result.columns.is_empty() {
            result.columns = row.columns().iter().map(|c| c.name().to_string()).collect();
        }
        let cells = row_values::sqlite(&row);
        bytes += cells
            .iter()
            .map(|cell| cell.to_string().len())
            .sum::<usize>();
        if result.rows.len() == limits.max_rows || bytes > limits.max_bytes {
            result.truncated = true;
            break;
        }
        result.rows.push(cells);
    }
    Ok(result)
}
