//! Budget rules over the database. Every query carries the viewer's `user_id`: another user's
//! budget is "not found", never visible, never changed.
//!
//! A budget is a series of rows for one user and one category (or none: the overall budget),
//! each starting on the first of a month. The row in force for a month is the latest one that
//! started on or before it. Changing a budget that started before this month adds a row from
//! this month on, so earlier months keep the amount they had.

mod alerts;
mod status;

pub use alerts::raise_alerts;
pub use status::budget_status;

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

use super::{BudgetChanges, BudgetView, Month, NewBudget};
use crate::{
    AppError,
    categories::service::owned_category,
    expenses::{rules, service::user_context},
    money::Currency,
    server::{
        Viewer, activity, clock, data_version, db,
        entities::{budgets, categories, prelude::Budgets},
    },
};

/// How far ahead a budget may be planned.
const MONTHS_AHEAD: u32 = 12;

fn not_found() -> AppError {
    AppError::not_found("No such budget.")
}

fn view(budget: budgets::Model, category: Option<&categories::Model>) -> BudgetView {
    let amount = Currency::find(&budget.currency).map_or_else(
        || budget.amount_minor.to_string(),
        |currency| currency.format_plain(budget.amount_minor),
    );
    BudgetView {
        id: budget.id,
        category_id: budget.category_id,
        category_name: category.map(|category| category.name.clone()),
        amount,
        amount_minor: budget.amount_minor,
        currency: budget.currency,
        month: Month::of(budget.starts_on),
        rollover: budget.rollover,
        created_at: budget.created_at,
        updated_at: budget.updated_at,
    }
}

fn this_month(viewer: &Viewer) -> Month {
    Month::of(user_context(viewer).today)
}

fn positive_amount(text: &str, currency: Currency) -> Result<i64, AppError> {
    let minor = rules::amount(text, currency)?;
    if minor <= 0 {
        return Err(AppError::validation(
            "amount",
            "A budget must be more than zero.",
        ));
    }
    Ok(minor)
}

/// The viewer's budget rows up to `month`, oldest first, with their categories.
pub(crate) async fn rows_until(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    month: Month,
) -> Result<Vec<(budgets::Model, Option<categories::Model>)>, AppError> {
    Ok(Budgets::find()
        .find_also_related(categories::Entity)
        .filter(budgets::Column::UserId.eq(viewer.user_id))
        .filter(budgets::Column::StartsOn.lte(month.first_day()))
        .order_by_asc(budgets::Column::StartsOn)
        .order_by_asc(budgets::Column::Id)
        .all(db)
        .await?)
}

/// The row in force for `month` of every budget: the latest per category.
pub async fn list_budgets(
    db: &DatabaseConnection,
    viewer: &Viewer,
    month: Option<Month>,
) -> Result<Vec<BudgetView>, AppError> {
    let month = month.unwrap_or_else(|| this_month(viewer));
    let mut current: HashMap<Option<i64>, BudgetView> = HashMap::new();
    for (budget, category) in rows_until(db, viewer, month).await? {
        current.insert(budget.category_id, view(budget, category.as_ref()));
    }
    let mut budgets: Vec<BudgetView> = current.into_values().collect();
    budgets.sort_by(|a, b| {
        (
            a.category_id.is_some(),
            a.category_name.as_deref().map(str::to_lowercase),
        )
            .cmp(&(
                b.category_id.is_some(),
                b.category_name.as_deref().map(str::to_lowercase),
            ))
    });
    Ok(budgets)
}

async fn owned_budget(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<budgets::Model, AppError> {
    Budgets::find_by_id(id)
        .filter(budgets::Column::UserId.eq(viewer.user_id))
        .one(db)
        .await?
        .ok_or_else(not_found)
}

fn same_series(viewer: &Viewer, category_id: Option<i64>) -> sea_orm::Condition {
    let condition = sea_orm::Condition::all().add(budgets::Column::UserId.eq(viewer.user_id));
    match category_id {
        Some(id) => condition.add(budgets::Column::CategoryId.eq(id)),
        None => condition.add(budgets::Column::CategoryId.is_null()),
    }
}

/// A category the viewer may budget for: their own and not archived.
async fn budgetable_category(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<categories::Model, AppError> {
    let category = owned_category(db, viewer, id)
        .await
        .map_err(|_| AppError::validation("category_id", "Choose one of your categories."))?;
    if category.archived {
        return Err(AppError::validation(
            "category_id",
            "This category is archived. Restore it to budget for it.",
        ));
    }
    Ok(category)
}

pub async fn create_budget(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: &NewBudget,
) -> Result<BudgetView, AppError> {
    let current = this_month(viewer);
    let month = input.month.unwrap_or(current);
    let mut latest = current;
    for _ in 0..MONTHS_AHEAD {
        latest = latest.next();
    }
    if month > latest {
        return Err(AppError::validation(
            "month",
            format!("Budgets can be planned up to {MONTHS_AHEAD} months ahead."),
        ));
    }
    let currency = viewer.base_currency;
    let amount_minor = positive_amount(&input.amount, currency)?;
    let txn = db::begin_write(db).await?;
    // Also serialises this user's budget writes, so the duplicate check below cannot race.
    data_version::bump(&txn, viewer.user_id).await?;
    let category = match input.category_id {
        Some(id) => Some(budgetable_category(&txn, viewer, id).await?),
        None => None,
    };
    let taken = Budgets::find()
        .filter(same_series(viewer, input.category_id))
        .filter(budgets::Column::StartsOn.eq(month.first_day()))
        .one(&txn)
        .await?;
    if taken.is_some() {
        let what = category
            .as_ref()
            .map_or_else(|| "overall".to_string(), |category| category.name.clone());
        return Err(AppError::conflict(format!(
            "There is already a {what} budget for {month}. Change that one instead."
        )));
    }
    let now = clock::now();
    let budget = budgets::ActiveModel {
        user_id: Set(viewer.user_id),
        category_id: Set(input.category_id),
        period: Set("monthly".into()),
        amount_minor: Set(amount_minor),
        currency: Set(currency.code.to_string()),
        starts_on: Set(month.first_day()),
        rollover: Set(input.rollover),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "budget.created",
        json!({ "budget_id": budget.id }),
    )
    .await?;
    raise_alerts(&txn, viewer).await?;
    txn.commit().await?;
    Ok(view(budget, category.as_ref()))
}

/// Changes a budget from this month on. A row that started earlier is left as it was and a new
/// row for this month carries the change; the answer is the row now in force.
pub async fn update_budget(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    changes: &BudgetChanges,
) -> Result<BudgetView, AppError> {
    let current = this_month(viewer);
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let budget = owned_budget(&txn, viewer, id).await?;
    let newer = Budgets::find()
        .filter(same_series(viewer, budget.category_id))
        .filter(budgets::Column::StartsOn.gt(budget.starts_on))
        .filter(budgets::Column::StartsOn.lte(current.first_day()))
        .one(&txn)
        .await?;
    if newer.is_some() {
        return Err(AppError::conflict(
            "This budget was changed in a later month; change the one in force instead.",
        ));
    }
    let currency = Currency::find(&budget.currency).unwrap_or(viewer.base_currency);
    let amount_minor = match &changes.amount {
        Some(text) => positive_amount(text, currency)?,
        None => budget.amount_minor,
    };
    let rollover = changes.rollover.unwrap_or(budget.rollover);
    let category = match budget.category_id {
        Some(id) => Some(owned_category(&txn, viewer, id).await?),
        None => None,
    };
    if amount_minor == budget.amount_minor && rollover == budget.rollover {
        // Nothing to change: no new month row, no activity.
        return Ok(view(budget, category.as_ref()));
    }
    let now = clock::now();
    let updated = if Month::of(budget.starts_on) >= current {
        let mut active = budget.into_active_model();
        active.amount_minor = Set(amount_minor);
        active.rollover = Set(rollover);
        active.updated_at = Set(now);
        active.update(&txn).await?
    } else {
        budgets::ActiveModel {
            user_id: Set(viewer.user_id),
            category_id: Set(budget.category_id),
            period: Set(budget.period),
            amount_minor: Set(amount_minor),
            currency: Set(budget.currency),
            starts_on: Set(current.first_day()),
            rollover: Set(rollover),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?
    };
    activity::record(
        &txn,
        Some(viewer.user_id),
        "budget.updated",
        json!({ "budget_id": updated.id }),
    )
    .await?;
    raise_alerts(&txn, viewer).await?;
    txn.commit().await?;
    Ok(view(updated, category.as_ref()))
}

/// Deletes a budget with all its months.
pub async fn delete_budget(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let budget = owned_budget(&txn, viewer, id).await?;
    Budgets::delete_many()
        .filter(same_series(viewer, budget.category_id))
        .exec(&txn)
        .await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "budget.deleted",
        json!({ "budget_id": id, "category_id": budget.category_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
