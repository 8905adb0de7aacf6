//! Expressions written in each database's own dialect, so grouping and summing happen in SQL on
//! SQLite, PostgreSQL and MariaDB alike and read back as the same Rust types.

use sea_orm::{
    DatabaseBackend,
    sea_query::{Alias, Expr, ExprTrait, Func},
};

use super::entities::expenses;

/// `YYYY-MM` of `expenses.spent_on`. Expense dates are already the user's local calendar dates,
/// so bucketing them needs no time-zone conversion.
pub fn month_of_spent_on(backend: DatabaseBackend) -> Expr {
    Expr::cust(match backend {
        DatabaseBackend::Postgres => "to_char(expenses.spent_on, 'YYYY-MM')",
        DatabaseBackend::MySql => "DATE_FORMAT(expenses.spent_on, '%Y-%m')",
        _ => "strftime('%Y-%m', expenses.spent_on)",
    })
}

/// `YYYY-MM-DD` of `expenses.spent_on`.
pub fn day_of_spent_on(backend: DatabaseBackend) -> Expr {
    Expr::cust(match backend {
        DatabaseBackend::Postgres => "to_char(expenses.spent_on, 'YYYY-MM-DD')",
        DatabaseBackend::MySql => "DATE_FORMAT(expenses.spent_on, '%Y-%m-%d')",
        _ => "strftime('%Y-%m-%d', expenses.spent_on)",
    })
}

/// `YYYY-MM-DD` of the Monday of `expenses.spent_on`'s week (ISO weeks start on Monday).
pub fn week_of_spent_on(backend: DatabaseBackend) -> Expr {
    Expr::cust(match backend {
        DatabaseBackend::Postgres => "to_char(date_trunc('week', expenses.spent_on), 'YYYY-MM-DD')",
        DatabaseBackend::MySql => {
            "DATE_FORMAT(DATE_SUB(expenses.spent_on, INTERVAL WEEKDAY(expenses.spent_on) DAY), '%Y-%m-%d')"
        }
        _ => {
            "date(expenses.spent_on, '-' || ((CAST(strftime('%w', expenses.spent_on) AS INTEGER) + 6) % 7) || ' days')"
        }
    })
}

/// `SUM(column)` read back as a 64-bit integer: PostgreSQL answers NUMERIC and MySQL DECIMAL
/// for a sum of BIGINTs unless told otherwise.
pub fn sum_as_i64(backend: DatabaseBackend, column: Expr) -> Expr {
    let sum = Expr::expr(Func::sum(column));
    match backend {
        DatabaseBackend::Postgres => sum.cast_as(Alias::new("BIGINT")),
        DatabaseBackend::MySql => sum.cast_as(Alias::new("SIGNED")),
        _ => sum,
    }
}

/// `SUM(expenses.amount_minor)` as a 64-bit integer.
pub fn sum_of_amounts(backend: DatabaseBackend) -> Expr {
    sum_as_i64(
        backend,
        Expr::col((expenses::Entity, expenses::Column::AmountMinor)),
    )
}
