//! The table query: filters, a stable sort, keyset pagination, and the count and sums of the
//! whole filtered set.

use chrono::{Datelike, Months, NaiveDate};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr},
};

use super::{
    UserContext,
    cursor::{Cursor, SortValue},
    user_context, view,
};
use crate::{
    AppError,
    expenses::{
        CurrencyTotal, ExpensePage,
        query::{ExpenseQuery, Order, Preset, SortKey},
        rules,
    },
    money::Currency,
    server::{
        Viewer,
        entities::{
            categories, expenses,
            prelude::{Categories, Expenses},
        },
        sql,
    },
};

/// The count and sums of a filter, which need every matching row: computed once per filter and
/// data version, then served from memory while the user pages and sorts. Per application, not
/// per process (tests run several applications side by side).
#[derive(Clone)]
pub struct TotalsCache(moka::sync::Cache<TotalsKey, Totals>);

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct TotalsKey {
    user_id: i64,
    data_version: i64,
    /// Presets move with the calendar.
    today: NaiveDate,
    /// Amount bounds are read in it, and changing it does not bump the data version.
    base_currency: &'static str,
    filter: String,
}

#[derive(Clone)]
struct Totals {
    total: i64,
    sums: Vec<CurrencyTotal>,
}

impl Default for TotalsCache {
    fn default() -> Self {
        Self(
            moka::sync::Cache::builder()
                .max_capacity(10_000)
                .time_to_idle(std::time::Duration::from_secs(15 * 60))
                .build(),
        )
    }
}

pub async fn list_expenses(
    db: &DatabaseConnection,
    totals_cache: &TotalsCache,
    viewer: &Viewer,
    query: &ExpenseQuery,
) -> Result<ExpensePage, AppError> {
    query.check()?;
    let context = user_context(viewer);
    let filter = filter_condition(viewer, query, &context)?;
    let cursor = query
        .cursor
        .as_deref()
        .map(|text| Cursor::decode(text, query.sort, query.order))
        .transpose()?;

    let mut page = Expenses::find()
        .find_also_related(Categories)
        .filter(filter.clone());
    if let Some(cursor) = &cursor {
        page = page.filter(after(cursor));
    }
    let rows = ordered(page, query.sort, query.order)
        .limit(u64::from(query.limit) + 1)
        .all(db)
        .await?;
    let has_more = rows.len() > query.limit as usize;
    let items: Vec<_> = rows
        .into_iter()
        .take(query.limit as usize)
        .filter_map(|(expense, category)| category.map(|category| (expense, category)))
        .collect();
    let next_cursor = has_more
        .then(|| {
            items
                .last()
                .map(|(expense, category)| next_cursor(query, expense, category))
        })
        .flatten();

    let key = TotalsKey {
        user_id: viewer.user_id,
        data_version: context.data_version,
        today: context.today,
        base_currency: context.base_currency.code,
        filter: ExpenseQuery {
            sort: SortKey::default(),
            order: Order::default(),
            limit: 1,
            ..query.first_page()
        }
        .to_query_string(),
    };
    let totals = match totals_cache.0.get(&key) {
        Some(totals) => totals,
        None => {
            let totals = Totals {
                total: count(db, filter.clone()).await?,
                sums: sums(db, filter).await?,
            };
            totals_cache.0.insert(key, totals.clone());
            totals
        }
    };
    Ok(ExpensePage {
        items: items
            .into_iter()
            .map(|(expense, category)| view(expense, &category))
            .collect(),
        next_cursor,
        total: totals.total,
        sums: totals.sums,
    })
}

/// The date range a preset or explicit dates select, in the user's calendar.
fn date_range(query: &ExpenseQuery, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let month_start = today.with_day(1).unwrap_or(today);
    match query.preset {
        Preset::ThisMonth => (Some(month_start), Some(today)),
        Preset::LastMonth => {
            let start = month_start
                .checked_sub_months(Months::new(1))
                .unwrap_or(month_start);
            (Some(start), month_start.pred_opt())
        }
        Preset::All => (query.from, query.to),
    }
}

pub(crate) fn filter_condition(
    viewer: &Viewer,
    query: &ExpenseQuery,
    context: &UserContext,
) -> Result<Condition, AppError> {
    let mut condition = Condition::all().add(expenses::Column::UserId.eq(viewer.user_id));
    let (from, to) = date_range(query, context.today);
    if let Some(from) = from {
        condition = condition.add(expenses::Column::SpentOn.gte(from));
    }
    if let Some(to) = to {
        condition = condition.add(expenses::Column::SpentOn.lte(to));
    }
    if !query.category_ids.is_empty() {
        condition = condition.add(expenses::Column::CategoryId.is_in(query.category_ids.clone()));
    }
    let bound = |field: &str, text: &Option<String>| -> Result<Option<i64>, AppError> {
        text.as_deref()
            .map(|text| {
                rules::amount(text, context.base_currency)
                    .map_err(|error| AppError::validation(field, error.to_string()))
            })
            .transpose()
    };
    if let Some(min) = bound("min_amount", &query.min_amount)? {
        condition = condition.add(expenses::Column::AmountMinor.gte(min));
    }
    if let Some(max) = bound("max_amount", &query.max_amount)? {
        condition = condition.add(expenses::Column::AmountMinor.lte(max));
    }
    if let Some(text) = &query.text {
        let pattern = format!("%{}%", escape_like(&text.trim().to_lowercase()));
        condition = condition.add(
            Expr::col((expenses::Entity, expenses::Column::SearchText))
                .like(LikeExpr::new(pattern).escape('\\')),
        );
    }
    Ok(condition)
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn sort_column(sort: SortKey) -> SimpleExpr {
    match sort {
        SortKey::SpentOn => Expr::col((expenses::Entity, expenses::Column::SpentOn)),
        SortKey::Amount => Expr::col((expenses::Entity, expenses::Column::AmountMinor)),
        SortKey::Merchant => Expr::col((expenses::Entity, expenses::Column::Merchant)),
        SortKey::Category => Expr::col((categories::Entity, categories::Column::NameKey)),
    }
}

fn ordered<E: EntityTrait, F: EntityTrait>(
    select: sea_orm::SelectTwo<E, F>,
    sort: SortKey,
    order: Order,
) -> sea_orm::SelectTwo<E, F> {
    let direction = match order {
        Order::Asc => sea_orm::Order::Asc,
        Order::Desc => sea_orm::Order::Desc,
    };
    select
        .order_by(sort_column(sort), direction.clone())
        .order_by(
            Expr::col((expenses::Entity, expenses::Column::Id)),
            direction,
        )
}

/// Rows strictly after the cursor in the current order, ties broken by id.
fn after(cursor: &Cursor) -> Condition {
    let value: SimpleExpr = match &cursor.value {
        SortValue::Date(date) => Expr::value(*date),
        SortValue::Number(number) => Expr::value(*number),
        SortValue::Text(text) => Expr::value(text.clone()),
    };
    // A row-value comparison, `(key, id) < (v, last_id)`: the databases seek the
    // (user_id, key, id) index to it, where the equivalent OR of two conditions may scan.
    let row = Expr::tuple([
        sort_column(cursor.sort),
        Expr::col((expenses::Entity, expenses::Column::Id)),
    ]);
    let last = Expr::tuple([value, Expr::value(cursor.id)]);
    Condition::all().add(match cursor.order {
        Order::Asc => row.gt(last),
        Order::Desc => row.lt(last),
    })
}

fn next_cursor(
    query: &ExpenseQuery,
    expense: &expenses::Model,
    category: &categories::Model,
) -> String {
    let value = match query.sort {
        SortKey::SpentOn => SortValue::Date(expense.spent_on),
        SortKey::Amount => SortValue::Number(expense.amount_minor),
        SortKey::Merchant => SortValue::Text(expense.merchant.clone()),
        SortKey::Category => SortValue::Text(category.name_key.clone()),
    };
    Cursor {
        sort: query.sort,
        order: query.order,
        value,
        id: expense.id,
    }
    .encode()
}

async fn count(db: &DatabaseConnection, filter: Condition) -> Result<i64, AppError> {
    let total: Option<i64> = Expenses::find()
        .select_only()
        .column_as(
            Expr::col((expenses::Entity, expenses::Column::Id)).count(),
            "total",
        )
        .filter(filter)
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.unwrap_or(0))
}

/// Sums per currency. PostgreSQL and MySQL widen SUM(bigint) to a decimal; cast it back.
async fn sums(db: &DatabaseConnection, filter: Condition) -> Result<Vec<CurrencyTotal>, AppError> {
    let sum = sql::sum_of_amounts(db.get_database_backend());
    let rows: Vec<(String, i64)> = Expenses::find()
        .select_only()
        .column(expenses::Column::Currency)
        .column_as(sum, "total")
        .filter(filter)
        .group_by(expenses::Column::Currency)
        .order_by_asc(expenses::Column::Currency)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(currency, amount_minor)| CurrencyTotal {
            amount: Currency::find(&currency).map_or_else(
                || amount_minor.to_string(),
                |c| c.format_plain(amount_minor),
            ),
            currency,
            amount_minor,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_follow_the_users_calendar() {
        let today: NaiveDate = "2026-03-15".parse().expect("date");
        let query = |preset| ExpenseQuery {
            preset,
            ..ExpenseQuery::default()
        };
        let range = |preset| date_range(&query(preset), today);
        assert_eq!(
            range(Preset::ThisMonth),
            (Some("2026-03-01".parse().expect("d")), Some(today))
        );
        assert_eq!(
            range(Preset::LastMonth),
            (
                Some("2026-02-01".parse().expect("d")),
                Some("2026-02-28".parse().expect("d"))
            )
        );
        assert_eq!(range(Preset::All), (None, None));
    }

    #[test]
    fn like_wildcards_in_search_text_are_literal() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
    }
}
