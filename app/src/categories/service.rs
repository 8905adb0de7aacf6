//! The category rules over the database. Every query is scoped to the viewer's `user_id`.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use serde_json::json;

use super::{
    CategoryUpdate, CategoryView, DEFAULT_CATEGORIES, DEFAULT_COLOR, DEFAULT_ICON, NewCategory,
    rules,
};
use crate::{
    AppError,
    budgets::service::raise_alerts,
    server::{
        Viewer, activity, clock, data_version, db,
        entities::{
            categories, expenses,
            prelude::{Categories, Expenses},
        },
    },
};

fn view(category: categories::Model, expense_count: i64) -> CategoryView {
    CategoryView {
        id: category.id,
        name: category.name,
        color: category.color,
        icon: category.icon,
        archived: category.archived,
        expense_count,
    }
}

fn not_found() -> AppError {
    AppError::not_found("No such category.")
}

/// Seeds a new account's categories, inside its registration transaction.
pub async fn create_defaults(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    let now = clock::now();
    let rows = DEFAULT_CATEGORIES
        .iter()
        .map(|(name, color, icon)| categories::ActiveModel {
            user_id: Set(user_id),
            name: Set((*name).to_string()),
            name_key: Set(rules::name_key(name)),
            color: Set((*color).to_string()),
            icon: Set((*icon).to_string()),
            archived: Set(false),
            created_at: Set(now),
            ..Default::default()
        });
    Categories::insert_many(rows).exec(db).await?;
    Ok(())
}

/// One of the viewer's categories; anyone else's id is "not found".
pub async fn owned_category(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<categories::Model, AppError> {
    Categories::find_by_id(id)
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .one(db)
        .await?
        .ok_or_else(not_found)
}

async fn expense_counts(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<HashMap<i64, i64>, AppError> {
    let counts: Vec<(i64, i64)> = Expenses::find()
        .select_only()
        .column(expenses::Column::CategoryId)
        .column_as(expenses::Column::Id.count(), "count")
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .group_by(expenses::Column::CategoryId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts.into_iter().collect())
}

/// The viewer's categories by name, archived ones last.
pub async fn list_categories(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<Vec<CategoryView>, AppError> {
    let counts = expense_counts(db, viewer).await?;
    let rows = Categories::find()
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .order_by_asc(categories::Column::Archived)
        .order_by_asc(categories::Column::NameKey)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|category| {
            let count = counts.get(&category.id).copied().unwrap_or(0);
            view(category, count)
        })
        .collect())
}

async fn ensure_name_free(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    name: &str,
    except: Option<i64>,
) -> Result<(), AppError> {
    let mut query = Categories::find()
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .filter(categories::Column::NameKey.eq(rules::name_key(name)));
    if let Some(id) = except {
        query = query.filter(categories::Column::Id.ne(id));
    }
    if query.count(db).await? > 0 {
        return Err(AppError::Conflict {
            message: format!("You already have a category named “{name}”."),
        });
    }
    Ok(())
}

pub async fn create_category(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: &NewCategory,
) -> Result<CategoryView, AppError> {
    let name = rules::name(&input.name)?;
    let color = rules::color(input.color.as_deref().unwrap_or(DEFAULT_COLOR))?;
    let icon = rules::icon(input.icon.as_deref().unwrap_or(DEFAULT_ICON))?;
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    ensure_name_free(&txn, viewer, &name, None).await?;
    let category = categories::ActiveModel {
        user_id: Set(viewer.user_id),
        name_key: Set(rules::name_key(&name)),
        name: Set(name),
        color: Set(color),
        icon: Set(icon),
        archived: Set(false),
        created_at: Set(clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "category.created",
        json!({ "category_id": category.id }),
    )
    .await?;
    txn.commit().await?;
    Ok(view(category, 0))
}

pub async fn update_category(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    update: &CategoryUpdate,
) -> Result<CategoryView, AppError> {
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let mut category = owned_category(&txn, viewer, id).await?.into_active_model();
    if let Some(name) = &update.name {
        let name = rules::name(name)?;
        ensure_name_free(&txn, viewer, &name, Some(id)).await?;
        category.name_key = Set(rules::name_key(&name));
        category.name = Set(name);
    }
    if let Some(color) = &update.color {
        category.color = Set(rules::color(color)?);
    }
    if let Some(icon) = &update.icon {
        category.icon = Set(rules::icon(icon)?);
    }
    if let Some(archived) = update.archived {
        category.archived = Set(archived);
    }
    let category = category.update(&txn).await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "category.updated",
        json!({ "category_id": id }),
    )
    .await?;
    txn.commit().await?;
    let count = expense_counts(db, viewer)
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0);
    Ok(view(category, count))
}

/// Deletes a category. Its expenses move to `move_to` in the same transaction; without a target,
/// a category that still has expenses is refused with a message asking for one.
pub async fn delete_category(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    move_to: Option<i64>,
) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    owned_category(&txn, viewer, id).await?;
    let in_use = Expenses::find()
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .filter(expenses::Column::CategoryId.eq(id))
        .count(&txn)
        .await?;
    if in_use > 0 {
        let target = move_to.ok_or_else(|| AppError::Conflict {
            message: format!(
                "This category has {in_use} expenses. Choose a category to move them to."
            ),
        })?;
        if target == id {
            return Err(AppError::validation(
                "move_to",
                "Move the expenses to a different category.",
            ));
        }
        owned_category(&txn, viewer, target).await.map_err(|_| {
            AppError::validation(
                "move_to",
                "Choose one of your categories to move the expenses to.",
            )
        })?;
        Expenses::update_many()
            .col_expr(expenses::Column::CategoryId, Expr::value(target))
            .col_expr(expenses::Column::UpdatedAt, Expr::value(clock::now()))
            .filter(expenses::Column::UserId.eq(viewer.user_id))
            .filter(expenses::Column::CategoryId.eq(id))
            .exec(&txn)
            .await?;
    }
    Categories::delete_by_id(id)
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .exec(&txn)
        .await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "category.deleted",
        json!({ "category_id": id, "moved_expenses_to": move_to, "moved": in_use }),
    )
    .await?;
    // Moved expenses can push the target category's budget over a threshold.
    raise_alerts(&txn, viewer).await?;
    txn.commit().await?;
    Ok(())
}
