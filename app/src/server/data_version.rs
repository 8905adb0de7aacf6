//! The per-user data version (see the `add_user_data_version` migration): bumped in the same
//! transaction as every change to a user's expenses or categories, which also tells the user's
//! open event streams (see `live::feed`).

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use super::entities::{prelude::Users, users};
use crate::{AppError, live::feed};

/// Call it first in the transaction: the row lock it takes makes a user's writes wait their turn.
/// Without it, MySQL deadlocks two inserts whose foreign-key checks share-lock the user row this
/// updates. (SQLite's writers take turns anyway: see `db::begin_write`.)
pub async fn bump(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    Users::update_many()
        .col_expr(
            users::Column::DataVersion,
            Expr::col(users::Column::DataVersion).add(1),
        )
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    feed::announce(db, user_id).await
}
