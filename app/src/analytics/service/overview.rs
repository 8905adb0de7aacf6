//! The dashboard's headline numbers.

use chrono::{Datelike, Duration};
use sea_orm::{Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{AnalyticsCache, cache::Key, in_base_currency};
use crate::{
    AppError,
    analytics::Overview,
    budgets::{Month, service::budget_status},
    expenses::service::{user_context, view},
    server::{
        Viewer,
        entities::{
            expenses,
            prelude::{Categories, Expenses},
        },
        sql,
    },
};

async fn total(db: &DatabaseConnection, condition: Condition) -> Result<i64, AppError> {
    let total: Option<Option<i64>> = Expenses::find()
        .select_only()
        .column_as(sql::sum_of_amounts(db.get_database_backend()), "total")
        .filter(condition)
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.flatten().unwrap_or(0))
}

pub async fn overview(
    db: &DatabaseConnection,
    cache: &AnalyticsCache,
    viewer: &Viewer,
) -> Result<Overview, AppError> {
    let context = user_context(viewer);
    let key = Key {
        user_id: viewer.user_id,
        data_version: context.data_version,
        today: context.today,
        currency: viewer.base_currency.code,
        question: String::new(),
    };
    if let Some(overview) = cache.overview(&key) {
        return Ok(overview);
    }
    let today = context.today;
    let month = Month::of(today);
    let last_month = month.previous();
    // "The same point": as many days into last month as today is into this one.
    let same_point = (last_month.first_day() + Duration::days(i64::from(today.day()) - 1))
        .min(last_month.last_day());
    let spent = total(db, in_base_currency(viewer, month.first_day(), today)).await?;
    let before = total(
        db,
        in_base_currency(viewer, last_month.first_day(), same_point),
    )
    .await?;
    let largest = Expenses::find()
        .find_also_related(Categories)
        .filter(in_base_currency(viewer, month.first_day(), today))
        .order_by_desc(expenses::Column::AmountMinor)
        .order_by_desc(expenses::Column::Id)
        .one(db)
        .await?
        .and_then(|(expense, category)| category.map(|category| view(expense, &category)));
    let budgets = budget_status(db, viewer, Some(month)).await?;
    let overview = Overview {
        currency: viewer.base_currency.code.to_string(),
        today,
        spent_this_month_minor: spent,
        spent_same_point_last_month_minor: before,
        change_percent: (before > 0).then(|| (spent - before).saturating_mul(100) / before),
        daily_average_minor: spent / i64::from(today.day()),
        budget_left_minor: budgets
            .lines
            .iter()
            .find(|line| line.category_id.is_none())
            .map(|line| line.left_minor),
        largest_expense: largest,
        budgets,
    };
    cache.keep_overview(key, &overview);
    Ok(overview)
}
