//! Cleaning up what uploads leave behind: receipts never attached to an expense (the form was
//! abandoned) and files without a row (a crash between storing a file and committing its row).

use std::{collections::HashSet, time::Duration};

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, Query},
};

use super::{ReceiptStore, remove_files};
use crate::{
    AppError,
    server::entities::{
        expenses,
        prelude::{Expenses, Receipts},
        receipts,
    },
};

/// How long an unattached receipt waits for the expense it was uploaded for.
pub const UNATTACHED_GRACE: Duration = Duration::from_secs(24 * 60 * 60);
/// How long a file may exist without its row (an upload still committing has one briefly).
pub const UNRECORDED_GRACE: Duration = Duration::from_secs(60 * 60);
const BATCH: usize = 500;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub receipts_removed: u64,
    pub files_removed: u64,
}

/// One pass over the database and the store, as of `now`.
pub async fn sweep_orphans(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    now: DateTime<Utc>,
) -> Result<SweepReport, AppError> {
    let receipts_removed = remove_unattached(db, store, now - UNATTACHED_GRACE).await?;
    let files_removed = remove_unrecorded(db, store, now - UNRECORDED_GRACE).await?;
    Ok(SweepReport {
        receipts_removed,
        files_removed,
    })
}

fn not_on_any_expense() -> Expr {
    Expr::col((receipts::Entity, receipts::Column::Id)).not_in_subquery(
        Query::select()
            .column(expenses::Column::ReceiptId)
            .from(Expenses)
            .and_where(Expr::col(expenses::Column::ReceiptId).is_not_null())
            .to_owned(),
    )
}

async fn remove_unattached(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    cutoff: DateTime<Utc>,
) -> Result<u64, AppError> {
    let stale = Receipts::find()
        .filter(receipts::Column::CreatedAt.lt(cutoff))
        .filter(not_on_any_expense())
        .limit(BATCH as u64)
        .all(db)
        .await?;
    let mut removed = 0;
    for receipt in stale {
        // Re-checked in the delete itself: the user may have attached it since the select.
        let deleted = Receipts::delete_many()
            .filter(receipts::Column::Id.eq(receipt.id))
            .filter(not_on_any_expense())
            .exec(db)
            .await?;
        if deleted.rows_affected == 1 {
            remove_files(store, &receipt).await;
            removed += 1;
        }
    }
    Ok(removed)
}

async fn remove_unrecorded(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    cutoff: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut listing = store.inner().list(None);
    let mut batch = Vec::with_capacity(BATCH);
    let mut removed = 0;
    while let Some(object) = listing.next().await {
        let object = object.map_err(|error| {
            tracing::warn!(%error, "could not list the receipt store");
            AppError::Unavailable {
                message: "The receipt storage could not be listed.".into(),
            }
        })?;
        if object.last_modified < cutoff {
            batch.push(object.location.to_string());
        }
        if batch.len() == BATCH {
            removed += remove_unknown(db, store, std::mem::take(&mut batch)).await?;
        }
    }
    removed += remove_unknown(db, store, batch).await?;
    Ok(removed)
}

async fn remove_unknown(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    keys: Vec<String>,
) -> Result<u64, AppError> {
    if keys.is_empty() {
        return Ok(0);
    }
    let rows: Vec<(String, Option<String>)> = Receipts::find()
        .select_only()
        .column(receipts::Column::StorageKey)
        .column(receipts::Column::ThumbnailKey)
        .filter(
            Condition::any()
                .add(receipts::Column::StorageKey.is_in(keys.iter().cloned()))
                .add(receipts::Column::ThumbnailKey.is_in(keys.iter().cloned())),
        )
        .into_tuple()
        .all(db)
        .await?;
    let known: HashSet<String> = rows
        .into_iter()
        .flat_map(|(file, thumbnail)| std::iter::once(file).chain(thumbnail))
        .collect();
    let unknown: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|key| !known.contains(*key))
        .collect();
    store.delete(&unknown).await;
    Ok(unknown.len() as u64)
}
