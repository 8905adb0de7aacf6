//! The rows a sandbox is filled with, from the user's database rows or given directly (the
//! evaluation reads them from `eval/dataset.json`), and the one place they are inserted.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use sqlx::{ConnectOptions, SqliteConnection, sqlite::SqliteConnectOptions};
use tokio::sync::Mutex;

use super::{SCHEMA, Sandbox, SandboxError, copy_error, lock_down};
use crate::server::entities::{budgets, categories, expenses};

/// A category as the sandbox holds it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CategoryRow {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub archived: bool,
}

/// A budget row; `category_id: None` is the overall budget.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BudgetRow {
    pub id: i64,
    pub category_id: Option<i64>,
    pub amount_minor: i64,
    pub currency: String,
    pub starts_on: NaiveDate,
    pub rollover: bool,
}

/// An expense; `tags` is JSON array text (`["work","gift"]`), `created_at` RFC 3339.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ExpenseRow {
    pub id: i64,
    pub category_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub spent_on: NaiveDate,
    pub merchant: String,
    pub note: String,
    #[serde(deserialize_with = "tags_as_text")]
    pub tags: String,
    pub has_receipt: bool,
    pub created_at: String,
}

/// Tags read as a list (`["work"]`) or as the JSON text the table stores.
fn tags_as_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) => text,
        list => list.to_string(),
    })
}

impl From<categories::Model> for CategoryRow {
    fn from(category: categories::Model) -> Self {
        Self {
            id: category.id,
            name: category.name,
            color: category.color,
            archived: category.archived,
        }
    }
}

impl From<budgets::Model> for BudgetRow {
    fn from(budget: budgets::Model) -> Self {
        Self {
            id: budget.id,
            category_id: budget.category_id,
            amount_minor: budget.amount_minor,
            currency: budget.currency,
            starts_on: budget.starts_on,
            rollover: budget.rollover,
        }
    }
}

impl From<expenses::Model> for ExpenseRow {
    fn from(expense: expenses::Model) -> Self {
        Self {
            id: expense.id,
            category_id: expense.category_id,
            amount_minor: expense.amount_minor,
            currency: expense.currency,
            spent_on: expense.spent_on,
            merchant: expense.merchant,
            note: expense.note,
            tags: expense.tags,
            has_receipt: expense.receipt_id.is_some(),
            created_at: expense.created_at.to_rfc3339(),
        }
    }
}

/// The sandbox while its rows go in: an open transaction on a fresh database with the schema.
pub(super) struct Filling {
    connection: SqliteConnection,
}

impl Filling {
    pub(super) async fn new() -> Result<Self, SandboxError> {
        let mut connection = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(copy_error)?
            .connect()
            .await
            .map_err(copy_error)?;
        sqlx::raw_sql(SCHEMA)
            .execute(&mut connection)
            .await
            .map_err(copy_error)?;
        sqlx::raw_sql("BEGIN")
            .execute(&mut connection)
            .await
            .map_err(copy_error)?;
        Ok(Self { connection })
    }

    pub(super) async fn category(&mut self, category: CategoryRow) -> Result<(), SandboxError> {
        sqlx::query("INSERT INTO categories VALUES (?, ?, ?, ?)")
            .bind(category.id)
            .bind(category.name)
            .bind(category.color)
            .bind(category.archived)
            .execute(&mut self.connection)
            .await
            .map_err(copy_error)?;
        Ok(())
    }

    pub(super) async fn budget(&mut self, budget: BudgetRow) -> Result<(), SandboxError> {
        sqlx::query("INSERT INTO budgets VALUES (?, ?, ?, ?, ?, ?)")
            .bind(budget.id)
            .bind(budget.category_id)
            .bind(budget.amount_minor)
            .bind(budget.currency)
            .bind(budget.starts_on.to_string())
            .bind(budget.rollover)
            .execute(&mut self.connection)
            .await
            .map_err(copy_error)?;
        Ok(())
    }

    pub(super) async fn expense(&mut self, expense: ExpenseRow) -> Result<(), SandboxError> {
        sqlx::query("INSERT INTO expenses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(expense.id)
            .bind(expense.category_id)
            .bind(expense.amount_minor)
            .bind(expense.currency)
            .bind(expense.spent_on.to_string())
            .bind(expense.merchant)
            .bind(expense.note)
            .bind(expense.tags)
            .bind(expense.has_receipt)
            .bind(expense.created_at)
            .execute(&mut self.connection)
            .await
            .map_err(copy_error)?;
        Ok(())
    }

    /// Commits the rows and locks the database down for reading.
    pub(super) async fn finish(mut self) -> Result<Sandbox, SandboxError> {
        sqlx::raw_sql("COMMIT; PRAGMA query_only = ON")
            .execute(&mut self.connection)
            .await
            .map_err(copy_error)?;
        lock_down(&mut self.connection).await?;
        Ok(Sandbox {
            connection: Mutex::new(self.connection),
        })
    }
}
