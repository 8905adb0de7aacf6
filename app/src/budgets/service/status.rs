//! How each budget stands in a month: spent, left, percent, rollover from earlier months and the
//! daily amount that keeps the user on track. Spending is summed in SQL, grouped by category,
//! currency and month; only the carry-over chain is walked here, one step per month.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::rows_until;
use crate::{
    AppError,
    budgets::{BudgetLine, BudgetState, BudgetStatus, Month, WARNING_PERCENT},
    expenses::service::user_context,
    server::{
        Viewer,
        entities::{budgets, categories, expenses, prelude::Expenses},
        sql,
    },
};

/// How many months of carry-over are followed back (ten years is beyond any real chain).
const ROLLOVER_HISTORY_MONTHS: usize = 120;

/// Spending by (category, currency, `YYYY-MM`).
type Spending = HashMap<(i64, String, String), i64>;

async fn spending(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    from: Month,
    to: Month,
) -> Result<Spending, AppError> {
    let backend = db.get_database_backend();
    let bucket = sql::month_of_spent_on(backend);
    let rows: Vec<(i64, String, String, i64)> = Expenses::find()
        .select_only()
        .column(expenses::Column::CategoryId)
        .column(expenses::Column::Currency)
        .column_as(bucket.clone(), "month")
        .column_as(sql::sum_of_amounts(backend), "spent")
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .filter(expenses::Column::SpentOn.between(from.first_day(), to.last_day()))
        .group_by(expenses::Column::CategoryId)
        .group_by(expenses::Column::Currency)
        .group_by(bucket)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(category, currency, month, spent)| ((category, currency, month), spent))
        .collect())
}

fn spent_in(spending: &Spending, category_id: Option<i64>, currency: &str, month: Month) -> i64 {
    let month = month.to_string();
    spending
        .iter()
        .filter(|((category, spent_currency, spent_month), _)| {
            category_id.is_none_or(|id| id == *category)
                && spent_currency == currency
                && *spent_month == month
        })
        .map(|(_, spent)| spent)
        .sum()
}

type Series = Vec<(budgets::Model, Option<categories::Model>)>;

/// The status of one budget series in `month`, following its carry-over from its first month
/// (or from `from`, when it started earlier).
fn line(
    series: &Series,
    spending: &Spending,
    from: Month,
    month: Month,
    days_left: u32,
) -> Option<BudgetLine> {
    let mut carried = 0_i64;
    let mut cursor = Month::of(series.first()?.0.starts_on).max(from);
    let mut previous: Option<(&budgets::Model, i64, i64)> = None;
    loop {
        let (row, category) = series
            .iter()
            .rev()
            .find(|(row, _)| Month::of(row.starts_on) <= cursor)?;
        if let Some((previous_row, available, spent)) = previous {
            // Minor units of two currencies cannot be added without a rate.
            carried = if previous_row.rollover && previous_row.currency == row.currency {
                available - spent
            } else {
                0
            };
        }
        let available = row.amount_minor + carried;
        let spent = spent_in(spending, row.category_id, &row.currency, cursor);
        if cursor == month {
            return Some(BudgetLine {
                budget_id: row.id,
                category_id: row.category_id,
                category_name: category.as_ref().map(|category| category.name.clone()),
                category_color: category.as_ref().map(|category| category.color.clone()),
                currency: row.currency.clone(),
                budgeted_minor: row.amount_minor,
                carried_minor: carried,
                available_minor: available,
                spent_minor: spent,
                left_minor: available - spent,
                percent_used: (available > 0).then(|| spent.saturating_mul(100) / available),
                state: state(available, spent),
                daily_allowance_minor: (days_left > 0 && available > spent)
                    .then(|| (available - spent) / i64::from(days_left)),
            });
        }
        previous = Some((row, available, spent));
        cursor = cursor.next();
    }
}

fn state(available: i64, spent: i64) -> BudgetState {
    if spent > available {
        BudgetState::Over
    } else if available > 0 && spent.saturating_mul(100) >= available * WARNING_PERCENT {
        BudgetState::Warning
    } else {
        BudgetState::Under
    }
}

pub async fn budget_status(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    month: Option<Month>,
) -> Result<BudgetStatus, AppError> {
    let today = user_context(viewer).today;
    let current = Month::of(today);
    let month = month.unwrap_or(current);
    let days_left = if month == current {
        month.days() - chrono::Datelike::day(&today) + 1
    } else if month > current {
        month.days()
    } else {
        0
    };
    let mut series: BTreeMap<Option<i64>, Series> = BTreeMap::new();
    for (row, category) in rows_until(db, viewer, month).await? {
        series
            .entry(row.category_id)
            .or_default()
            .push((row, category));
    }
    if series.is_empty() {
        return Ok(BudgetStatus {
            month,
            days_left,
            lines: Vec::new(),
        });
    }
    let mut earliest = month;
    for _ in 0..ROLLOVER_HISTORY_MONTHS {
        earliest = earliest.previous();
    }
    // A series' history matters only through rollover; without it, only `month` is read.
    let from = series
        .values()
        .filter(|rows| rows.iter().any(|(row, _)| row.rollover))
        .filter_map(|rows| rows.first().map(|(row, _)| Month::of(row.starts_on)))
        .min()
        .map_or(month, |first| first.max(earliest));
    let spending = spending(db, viewer, from, month).await?;
    let mut lines: Vec<BudgetLine> = series
        .values()
        .filter_map(|rows| line(rows, &spending, from, month, days_left))
        .collect();
    lines.sort_by(|a, b| {
        (
            a.category_id.is_some(),
            a.category_name.as_deref().map(str::to_lowercase),
        )
            .cmp(&(
                b.category_id.is_some(),
                b.category_name.as_deref().map(str::to_lowercase),
            ))
    });
    Ok(BudgetStatus {
        month,
        days_left,
        lines,
    })
}
