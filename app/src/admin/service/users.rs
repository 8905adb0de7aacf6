//! Managing users: the list with search and paging, role changes (never leaving the app without
//! an administrator), disabling (which ends every session at once), revoking sessions, and
//! deleting a user with all their data in one transaction. Every change writes an activity row
//! naming the administrator who made it.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, Func},
};
use serde_json::json;

use crate::{
    AppError,
    admin::{AdminUserPage, AdminUserView, USERS_PER_PAGE, UserChange},
    auth::{Role, service::end_all_sessions},
    live::feed,
    receipts::service::remove_files,
    server::{
        Viewer, activity, clock, db,
        entities::{
            budgets, categories, chat_messages, expenses, notifications, prelude::*, receipts,
            sessions, users,
        },
    },
};

/// Longest search text; longer input is cut rather than refused.
const SEARCH_CHARS: usize = 100;

fn no_such_user() -> AppError {
    AppError::not_found("No such user.")
}

/// `email` or display name containing `search`, ignoring case.
fn matching(search: Option<&str>) -> Condition {
    let Some(search) = search.map(str::trim).filter(|search| !search.is_empty()) else {
        return Condition::all();
    };
    let escaped: String = search
        .chars()
        .take(SEARCH_CHARS)
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => c.to_lowercase().collect(),
        })
        .collect();
    let pattern = format!("%{escaped}%");
    let like = |column: users::Column| {
        Expr::expr(Func::lower(Expr::col(column)))
            .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
    };
    Condition::any()
        .add(like(users::Column::Email))
        .add(like(users::Column::DisplayName))
}

/// Users matching `search`, newest first, a page at a time.
pub async fn list_users(
    db: &DatabaseConnection,
    viewer: &Viewer,
    search: Option<&str>,
    page: Option<u64>,
) -> Result<AdminUserPage, AppError> {
    viewer.require_admin()?;
    let page = page.unwrap_or(1);
    if page == 0 {
        return Err(AppError::validation("page", "Pages start at 1."));
    }
    let condition = matching(search);
    let total = Users::find().filter(condition.clone()).count(db).await?;
    let rows = Users::find()
        .filter(condition)
        .order_by_desc(users::Column::CreatedAt)
        .order_by_desc(users::Column::Id)
        .offset((page - 1).saturating_mul(USERS_PER_PAGE))
        .limit(USERS_PER_PAGE)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|user| user.id).collect();
    let expense_counts = counts_by_user(
        db,
        Expenses::find()
            .select_only()
            .column(expenses::Column::UserId)
            .column_as(expenses::Column::Id.count(), "count")
            .filter(expenses::Column::UserId.is_in(ids.clone()))
            .group_by(expenses::Column::UserId),
    )
    .await?;
    let now = clock::now();
    let live_sessions = counts_by_user(
        db,
        Sessions::find()
            .select_only()
            .column(sessions::Column::UserId)
            .column_as(sessions::Column::Id.count(), "count")
            .filter(sessions::Column::UserId.is_in(ids.clone()))
            .filter(sessions::Column::RevokedAt.is_null())
            .filter(sessions::Column::ExpiresAt.gt(now))
            .group_by(sessions::Column::UserId),
    )
    .await?;
    let last_active: HashMap<i64, chrono::DateTime<chrono::Utc>> = Sessions::find()
        .select_only()
        .column(sessions::Column::UserId)
        .column_as(sessions::Column::LastUsedAt.max(), "last_used_at")
        .filter(sessions::Column::UserId.is_in(ids))
        .group_by(sessions::Column::UserId)
        .into_tuple::<(i64, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let users = rows
        .into_iter()
        .map(|user| AdminUserView {
            expense_count: expense_counts.get(&user.id).copied().unwrap_or_default(),
            active_sessions: live_sessions.get(&user.id).copied().unwrap_or_default(),
            last_active_at: last_active.get(&user.id).copied(),
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: Role::parse(&user.role),
            created_at: user.created_at,
            disabled_at: user.disabled_at,
        })
        .collect();
    Ok(AdminUserPage {
        users,
        total,
        page,
        per_page: USERS_PER_PAGE,
    })
}

async fn counts_by_user<E: EntityTrait>(
    db: &DatabaseConnection,
    query: sea_orm::Select<E>,
) -> Result<HashMap<i64, u64>, AppError> {
    let rows: Vec<(i64, i64)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, count)| (user_id, u64::try_from(count).unwrap_or_default()))
        .collect())
}

/// The user to change, read inside the transaction; on PostgreSQL and MySQL the administrators'
/// rows are locked too, so two admins demoting each other at once cannot both succeed.
async fn target_and_admins(
    txn: &impl ConnectionTrait,
    user_id: i64,
) -> Result<(users::Model, u64), AppError> {
    let mut admins = Users::find()
        .filter(users::Column::Role.eq(Role::Admin.as_str()))
        .filter(users::Column::DisabledAt.is_null());
    if txn.get_database_backend() != DatabaseBackend::Sqlite {
        admins = admins.lock_exclusive();
    }
    let active_admins = admins.all(txn).await?.len() as u64;
    let user = Users::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or_else(no_such_user)?;
    Ok((user, active_admins))
}

fn is_active_admin(user: &users::Model) -> bool {
    Role::parse(&user.role) == Role::Admin && user.disabled_at.is_none()
}

/// Changes a user's role or disabled state.
pub async fn update_user(
    db: &DatabaseConnection,
    viewer: &Viewer,
    user_id: i64,
    change: &UserChange,
) -> Result<AdminUserView, AppError> {
    viewer.require_admin()?;
    if change.role.is_none() && change.disabled.is_none() {
        return Err(AppError::validation(
            "role",
            "Nothing to change: give a role or disabled.",
        ));
    }
    if user_id == viewer.user_id && change.disabled == Some(true) {
        return Err(AppError::conflict("You cannot disable your own account."));
    }
    let txn = db::begin_write(db).await?;
    let (user, active_admins) = target_and_admins(&txn, user_id).await?;
    let loses_admin = is_active_admin(&user)
        && (change.role == Some(Role::User) || change.disabled == Some(true));
    if loses_admin && active_admins <= 1 {
        return Err(AppError::conflict(
            "This is the last administrator: make someone else an administrator first.",
        ));
    }
    let email = user.email.clone();
    let mut active = user.into_active_model();
    if let Some(role) = change.role {
        active.role = Set(role.as_str().to_string());
    }
    match change.disabled {
        Some(true) => {
            if active.disabled_at.as_ref().is_none() {
                active.disabled_at = Set(Some(clock::now()));
            }
            end_all_sessions(&txn, user_id, None).await?;
        }
        Some(false) => active.disabled_at = Set(None),
        None => {}
    }
    active.update(&txn).await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "admin.user_changed",
        json!({ "admin_id": viewer.user_id, "user_id": user_id, "email": email,
                "role": change.role, "disabled": change.disabled }),
    )
    .await?;
    txn.commit().await?;
    one_user(db, viewer, user_id).await
}

/// The row of one user, as in the list.
async fn one_user(
    db: &DatabaseConnection,
    viewer: &Viewer,
    user_id: i64,
) -> Result<AdminUserView, AppError> {
    let email = Users::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(no_such_user)?
        .email;
    list_users(db, viewer, Some(&email), None)
        .await?
        .users
        .into_iter()
        .find(|user| user.id == user_id)
        .ok_or_else(no_such_user)
}

/// Ends every session of a user (they must sign in again); returns how many were live.
pub async fn revoke_user_sessions(
    db: &DatabaseConnection,
    viewer: &Viewer,
    user_id: i64,
) -> Result<u64, AppError> {
    viewer.require_admin()?;
    let txn = db::begin_write(db).await?;
    Users::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or_else(no_such_user)?;
    let revoked = end_all_sessions(&txn, user_id, None).await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "admin.sessions_revoked",
        json!({ "admin_id": viewer.user_id, "user_id": user_id, "revoked": revoked }),
    )
    .await?;
    txn.commit().await?;
    Ok(revoked)
}

/// Deletes a user and everything they own, once `confirm_email` matches their address. Their
/// activity and query-log rows stay, no longer linked to them; receipt files go after the commit
/// (the hourly sweep removes any a crash leaves behind).
pub async fn delete_user(
    db: &DatabaseConnection,
    store: &crate::receipts::service::ReceiptStore,
    viewer: &Viewer,
    user_id: i64,
    confirm_email: &str,
) -> Result<(), AppError> {
    viewer.require_admin()?;
    if user_id == viewer.user_id {
        return Err(AppError::conflict(
            "You cannot delete your own account here.",
        ));
    }
    let txn = db::begin_write(db).await?;
    let (user, active_admins) = target_and_admins(&txn, user_id).await?;
    if !confirm_email.trim().eq_ignore_ascii_case(&user.email) {
        return Err(AppError::validation(
            "confirm_email",
            "Type the user's email address to confirm.",
        ));
    }
    if is_active_admin(&user) && active_admins <= 1 {
        return Err(AppError::conflict(
            "The last administrator cannot be deleted.",
        ));
    }
    let receipts = Receipts::find()
        .filter(receipts::Column::UserId.eq(user_id))
        .all(&txn)
        .await?;
    // Children first: expenses point at categories and receipts without cascading.
    Expenses::delete_many()
        .filter(expenses::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    Budgets::delete_many()
        .filter(budgets::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    Receipts::delete_many()
        .filter(receipts::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    Categories::delete_many()
        .filter(categories::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    Notifications::delete_many()
        .filter(notifications::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    ChatMessages::delete_many()
        .filter(chat_messages::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    Sessions::delete_many()
        .filter(sessions::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    Users::delete_by_id(user_id).exec(&txn).await?;
    // Ends their open event streams, which would otherwise notice only at their next recheck.
    feed::announce(&txn, user_id).await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "admin.user_deleted",
        json!({ "admin_id": viewer.user_id, "user_id": user_id, "email": user.email,
                "receipts": receipts.len() }),
    )
    .await?;
    txn.commit().await?;
    for receipt in &receipts {
        remove_files(store, receipt).await;
    }
    Ok(())
}
