//! Expense rules over the database. Every query carries the viewer's `user_id`: another user's
//! expense is "not found", never visible, never changed.

mod cursor;
mod list;

pub(crate) use list::filter_condition;

pub use list::{TotalsCache, list_expenses};

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde_json::json;

use super::{ExpenseChanges, ExpenseView, NewExpense, rules};
use crate::{
    AppError,
    budgets::service::raise_alerts,
    categories::service::owned_category,
    money::Currency,
    receipts::service::{self as receipts, ReceiptStore},
    server::{
        Viewer, activity, clock, data_version, db,
        entities::{
            categories, expenses,
            prelude::{Categories, Expenses},
        },
    },
};

/// What the rules need to know about the user: their today and their base currency.
pub(crate) struct UserContext {
    pub today: NaiveDate,
    pub base_currency: Currency,
    pub data_version: i64,
}

pub(crate) fn user_context(viewer: &Viewer) -> UserContext {
    UserContext {
        today: Utc::now().with_timezone(&viewer.time_zone).date_naive(),
        base_currency: viewer.base_currency,
        data_version: viewer.data_version,
    }
}

pub(crate) fn view(expense: expenses::Model, category: &categories::Model) -> ExpenseView {
    let amount = Currency::find(&expense.currency).map_or_else(
        || expense.amount_minor.to_string(),
        |currency| currency.format_plain(expense.amount_minor),
    );
    ExpenseView {
        id: expense.id,
        amount,
        amount_minor: expense.amount_minor,
        currency: expense.currency,
        spent_on: expense.spent_on,
        category_id: expense.category_id,
        category_name: category.name.clone(),
        category_color: category.color.clone(),
        category_icon: category.icon.clone(),
        merchant: expense.merchant,
        note: expense.note,
        tags: serde_json::from_str(&expense.tags).unwrap_or_default(),
        receipt_id: expense.receipt_id,
        created_at: expense.created_at,
        updated_at: expense.updated_at,
    }
}

fn not_found() -> AppError {
    AppError::not_found("No such expense.")
}

/// A category the viewer may file an expense under: their own and not archived.
async fn usable_category(
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
            "This category is archived. Choose another one or restore it.",
        ));
    }
    Ok(category)
}

async fn owned_expense(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<(expenses::Model, categories::Model), AppError> {
    let (expense, category) = Expenses::find_by_id(id)
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .find_also_related(Categories)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    Ok((expense, category.ok_or(AppError::Internal)?))
}

pub async fn get_expense(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<ExpenseView, AppError> {
    let (expense, category) = owned_expense(db, viewer, id).await?;
    Ok(view(expense, &category))
}

/// What the list's text search reads: lowercased here, because SQLite's `lower()` is ASCII-only.
pub(crate) fn search_text(merchant: &str, note: &str, tags: &[String]) -> String {
    let mut text = format!("{merchant}\n{note}");
    for tag in tags {
        text.push('\n');
        text.push_str(tag);
    }
    text.to_lowercase()
}

fn tags_json(tags: &[String]) -> String {
    serde_json::Value::from(tags).to_string()
}

pub async fn create_expense(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: &NewExpense,
) -> Result<ExpenseView, AppError> {
    let context = user_context(viewer);
    let currency = match &input.currency {
        Some(code) => rules::currency(code)?,
        None => context.base_currency,
    };
    let amount_minor = rules::amount(&input.amount, currency)?;
    let spent_on = rules::spent_on(input.spent_on, context.today)?;
    let merchant = rules::merchant(input.merchant.as_deref().unwrap_or_default())?;
    let note = rules::note(input.note.as_deref().unwrap_or_default())?;
    let tags = rules::tags(input.tags.as_deref().unwrap_or_default())?;
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let category = usable_category(&txn, viewer, input.category_id).await?;
    if let Some(receipt_id) = input.receipt_id {
        receipts::attachable_receipt(&txn, viewer, receipt_id, None).await?;
    }
    let now = clock::now();
    let expense = expenses::ActiveModel {
        user_id: Set(viewer.user_id),
        category_id: Set(category.id),
        amount_minor: Set(amount_minor),
        currency: Set(currency.code.to_string()),
        spent_on: Set(spent_on),
        search_text: Set(search_text(&merchant, &note, &tags)),
        merchant: Set(merchant),
        note: Set(note),
        tags: Set(tags_json(&tags)),
        receipt_id: Set(input.receipt_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "expense.created",
        json!({ "expense_id": expense.id }),
    )
    .await?;
    raise_alerts(&txn, viewer).await?;
    txn.commit().await?;
    Ok(view(expense, &category))
}

pub async fn update_expense(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    viewer: &Viewer,
    id: i64,
    changes: &ExpenseChanges,
) -> Result<ExpenseView, AppError> {
    let context = user_context(viewer);
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let (expense, mut category) = owned_expense(&txn, viewer, id).await?;
    let stored_currency = Currency::find(&expense.currency).unwrap_or(context.base_currency);
    let currency = match &changes.currency {
        Some(code) => rules::currency(code)?,
        None => stored_currency,
    };
    let mut active = expense.clone().into_active_model();
    if changes.amount.is_some() || changes.currency.is_some() {
        // A new currency alone keeps the amount as the user sees it ("12.34"), not its minor units.
        let amount = match &changes.amount {
            Some(amount) => amount.clone(),
            None => stored_currency.format_plain(expense.amount_minor),
        };
        active.amount_minor = Set(rules::amount(&amount, currency)?);
        active.currency = Set(currency.code.to_string());
    }
    if let Some(date) = changes.spent_on {
        active.spent_on = Set(rules::spent_on(date, context.today)?);
    }
    if let Some(merchant) = &changes.merchant {
        active.merchant = Set(rules::merchant(merchant)?);
    }
    if let Some(note) = &changes.note {
        active.note = Set(rules::note(note)?);
    }
    if let Some(tags) = &changes.tags {
        active.tags = Set(tags_json(&rules::tags(tags)?));
    }
    if let Some(category_id) = changes.category_id
        && category_id != expense.category_id
    {
        category = usable_category(&txn, viewer, category_id).await?;
        active.category_id = Set(category.id);
    }
    if changes.merchant.is_some() || changes.note.is_some() || changes.tags.is_some() {
        let (merchant, note, tags) = (
            active.merchant.as_ref(),
            active.note.as_ref(),
            active.tags.as_ref(),
        );
        let tags: Vec<String> = serde_json::from_str(tags).unwrap_or_default();
        active.search_text = Set(search_text(merchant, note, &tags));
    }
    let replaced_receipt_id = match changes.receipt_id {
        Some(receipt_id) if expense.receipt_id != Some(receipt_id) => {
            receipts::attachable_receipt(&txn, viewer, receipt_id, Some(id)).await?;
            active.receipt_id = Set(Some(receipt_id));
            expense.receipt_id
        }
        _ => None,
    };
    active.updated_at = Set(clock::now());
    let expense = active.update(&txn).await?;
    let replaced_receipt = match replaced_receipt_id {
        Some(old_id) => {
            let old = receipts::owned_receipt(&txn, viewer, old_id).await?;
            receipts::remove_row(&txn, viewer, &old).await?;
            Some(old)
        }
        None => None,
    };
    activity::record(
        &txn,
        Some(viewer.user_id),
        "expense.updated",
        json!({ "expense_id": id }),
    )
    .await?;
    raise_alerts(&txn, viewer).await?;
    txn.commit().await?;
    if let Some(old) = replaced_receipt {
        receipts::remove_files(store, &old).await;
    }
    Ok(view(expense, &category))
}

/// Deletes an expense and answers with what it was (the UI offers "undo" by re-creating it).
/// Its receipt goes too when `delete_receipt`; otherwise it stays, free to attach again.
pub async fn delete_expense(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    viewer: &Viewer,
    id: i64,
    delete_receipt: bool,
) -> Result<ExpenseView, AppError> {
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let (expense, category) = owned_expense(&txn, viewer, id).await?;
    Expenses::delete_by_id(id)
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .exec(&txn)
        .await?;
    let receipt = match expense.receipt_id {
        Some(receipt_id) if delete_receipt => {
            let receipt = receipts::owned_receipt(&txn, viewer, receipt_id).await?;
            receipts::remove_row(&txn, viewer, &receipt).await?;
            Some(receipt)
        }
        _ => None,
    };
    let mut deleted = view(expense, &category);
    if receipt.is_some() {
        deleted.receipt_id = None;
    }
    activity::record(
        &txn,
        Some(viewer.user_id),
        "expense.deleted",
        json!({ "expense": deleted }),
    )
    .await?;
    txn.commit().await?;
    if let Some(receipt) = receipt {
        receipts::remove_files(store, &receipt).await;
    }
    Ok(deleted)
}
