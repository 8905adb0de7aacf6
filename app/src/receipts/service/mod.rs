//! Receipt rules over the database and the store. Every query carries the viewer's `user_id`:
//! another user's receipt is "not found", never served, never deleted.
//!
//! Files are written to the store before their row is committed and deleted after their row is
//! gone, so a crash in between leaves at worst an unreferenced file, which [`sweep`] removes.

mod inspect;
mod store;
mod sweep;

pub use inspect::clean_file_name;
pub use store::ReceiptStore;
pub use sweep::{SweepReport, sweep_orphans};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, sea_query::Expr,
};
use serde_json::json;

use super::ReceiptView;
use crate::{
    AppError,
    server::{
        Viewer, activity, clock, data_version, db,
        entities::{
            expenses,
            prelude::{Expenses, Receipts},
            receipts,
        },
        sql,
    },
};
use store::Keys;

/// An upload as it arrived: the bytes and the name the browser gave.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A receipt's bytes with what the HTTP layer needs to serve them safely.
pub struct ReceiptFile {
    pub content_type: String,
    pub download_name: String,
    pub bytes: Vec<u8>,
}

/// What a receipt upload that is not a multipart form gets.
pub fn not_multipart() -> AppError {
    AppError::UnsupportedMediaType {
        message: "Send the receipt as multipart/form-data with a `file` field.".into(),
    }
}

/// Reads the one `file` field of a multipart form, refusing more than `max_bytes` as it streams
/// in rather than after buffering it all.
pub async fn read_upload(
    form: &mut multer::Multipart<'_>,
    max_bytes: u64,
) -> Result<Upload, AppError> {
    let malformed = |_| AppError::bad_request("The multipart form could not be read.");
    let mut upload = None;
    while let Some(mut field) = form.next_field().await.map_err(malformed)? {
        if field.name() != Some("file") || upload.is_some() {
            return Err(AppError::bad_request(
                "Send exactly one file, in a form field named `file`.",
            ));
        }
        let file_name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(malformed)? {
            if (bytes.len() + chunk.len()) as u64 > max_bytes {
                return Err(too_large(max_bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        upload = Some(Upload { file_name, bytes });
    }
    upload.ok_or_else(|| AppError::validation("file", "Choose a file to upload."))
}

fn not_found() -> AppError {
    AppError::not_found("No such receipt.")
}

pub(crate) fn view(receipt: &receipts::Model) -> ReceiptView {
    ReceiptView {
        id: receipt.id,
        content_type: receipt.content_type.clone(),
        byte_size: receipt.byte_size,
        original_name: receipt.original_name.clone(),
        has_thumbnail: receipt.thumbnail_key.is_some(),
        created_at: receipt.created_at,
    }
}

pub(crate) async fn owned_receipt(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<receipts::Model, AppError> {
    Receipts::find_by_id(id)
        .filter(receipts::Column::UserId.eq(viewer.user_id))
        .one(db)
        .await?
        .ok_or_else(not_found)
}

/// A size for people: `10 MiB`, `1.5 MiB`, `512 KiB`, `100 bytes`.
pub(crate) fn describe_bytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    match bytes {
        b if b >= MIB && b.is_multiple_of(MIB) => format!("{} MiB", b / MIB),
        b if b >= MIB => format!("{:.1} MiB", b as f64 / MIB as f64),
        b if b >= KIB => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

fn too_large(max_bytes: u64) -> AppError {
    AppError::PayloadTooLarge {
        message: format!("Receipts can be at most {}.", describe_bytes(max_bytes)),
    }
}

/// Checks, converts and stores an upload, and records it for the viewer.
pub async fn upload_receipt(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    viewer: &Viewer,
    upload: Upload,
) -> Result<ReceiptView, AppError> {
    if upload.bytes.is_empty() {
        return Err(AppError::validation("file", "The file is empty."));
    }
    if upload.bytes.len() as u64 > store.max_bytes {
        return Err(too_large(store.max_bytes));
    }
    let max_pixels = store.max_pixels;
    // Decoding a large photo takes a core and well over 100 MB: a few at a time, the rest wait.
    let _permit = store.decoding_permit().await;
    let checked = tokio::task::spawn_blocking(move || {
        inspect::inspect(&upload.bytes, max_pixels).map(|checked| (checked, upload.file_name))
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "receipt inspection panicked");
        AppError::Internal
    })??;
    let (checked, file_name) = checked;
    let keys = Keys::generate(viewer.user_id);
    let byte_size = checked.bytes.len() as i64;
    let sha256 = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&checked.bytes));
    let has_thumbnail = checked.thumbnail.is_some();
    store.put(&keys.file, checked.bytes).await?;
    if let Some(thumbnail) = checked.thumbnail {
        store.put(&keys.thumbnail, thumbnail).await?;
    }
    let recorded = record_upload(
        db,
        store,
        viewer,
        receipts::ActiveModel {
            user_id: Set(viewer.user_id),
            content_type: Set(checked.content_type.to_string()),
            byte_size: Set(byte_size),
            sha256: Set(sha256),
            storage_key: Set(keys.file.clone()),
            original_name: Set(clean_file_name(&file_name, checked.extension)),
            thumbnail_key: Set(has_thumbnail.then(|| keys.thumbnail.clone())),
            ocr_text: Set(None),
            created_at: Set(clock::now()),
            ..Default::default()
        },
    )
    .await;
    if recorded.is_err() {
        store.delete(&[&keys.file, &keys.thumbnail]).await;
    }
    recorded.map(|receipt| view(&receipt))
}

async fn record_upload(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    viewer: &Viewer,
    receipt: receipts::ActiveModel,
) -> Result<receipts::Model, AppError> {
    let txn = db::begin_write(db).await?;
    // The bump locks the user's row, so two uploads cannot both squeeze under the quota.
    data_version::bump(&txn, viewer.user_id).await?;
    let used = stored_bytes(&txn, viewer.user_id).await?;
    let size = u64::try_from(*receipt.byte_size.as_ref()).unwrap_or(u64::MAX);
    if used.saturating_add(size) > store.quota_bytes {
        return Err(AppError::validation(
            "file",
            format!(
                "Your receipts would use more than your {} of storage. Delete some old ones first.",
                describe_bytes(store.quota_bytes)
            ),
        ));
    }
    let receipt = receipt.insert(&txn).await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "receipt.uploaded",
        json!({ "receipt_id": receipt.id, "byte_size": receipt.byte_size }),
    )
    .await?;
    txn.commit().await?;
    Ok(receipt)
}

/// The bytes of the user's stored receipts.
pub async fn stored_bytes(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, AppError> {
    let sum = sql::sum_as_i64(
        db.get_database_backend(),
        Expr::col((receipts::Entity, receipts::Column::ByteSize)),
    );
    let total: Option<Option<i64>> = Receipts::find()
        .select_only()
        .column_as(sum, "total")
        .filter(receipts::Column::UserId.eq(user_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.flatten().map_or(0, |total| total.max(0) as u64))
}

pub async fn get_receipt(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<ReceiptView, AppError> {
    owned_receipt(db, viewer, id)
        .await
        .map(|receipt| view(&receipt))
}

/// Which of a receipt's objects to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rendition {
    Original,
    Thumbnail,
}

pub async fn open_receipt(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    viewer: &Viewer,
    id: i64,
    rendition: Rendition,
) -> Result<ReceiptFile, AppError> {
    let receipt = owned_receipt(db, viewer, id).await?;
    let (key, content_type, download_name) = match rendition {
        Rendition::Original => (
            receipt.storage_key,
            receipt.content_type,
            receipt.original_name,
        ),
        Rendition::Thumbnail => (
            receipt
                .thumbnail_key
                .ok_or_else(|| AppError::not_found("This receipt has no thumbnail."))?,
            "image/jpeg".to_string(),
            thumbnail_name(&receipt.original_name),
        ),
    };
    Ok(ReceiptFile {
        bytes: store.get(&key).await?,
        content_type,
        download_name,
    })
}

/// `bill.png` → `bill-thumbnail.jpg`: the name says what the bytes are.
fn thumbnail_name(original: &str) -> String {
    let stem = original.rsplit_once('.').map_or(original, |(stem, _)| stem);
    format!("{stem}-thumbnail.jpg")
}

/// Deletes a receipt and its files.
pub async fn delete_receipt(
    db: &DatabaseConnection,
    store: &ReceiptStore,
    viewer: &Viewer,
    id: i64,
) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    data_version::bump(&txn, viewer.user_id).await?;
    let receipt = owned_receipt(&txn, viewer, id).await?;
    remove_row(&txn, viewer, &receipt).await?;
    txn.commit().await?;
    remove_files(store, &receipt).await;
    Ok(())
}

/// The row half of deleting a receipt, for callers that delete inside their own transaction;
/// they call [`remove_files`] after committing.
pub(crate) async fn remove_row(
    txn: &impl ConnectionTrait,
    viewer: &Viewer,
    receipt: &receipts::Model,
) -> Result<(), AppError> {
    // The expense that had it keeps everything else: the foreign key sets its receipt_id null.
    Receipts::delete_by_id(receipt.id)
        .filter(receipts::Column::UserId.eq(viewer.user_id))
        .exec(txn)
        .await?;
    activity::record(
        txn,
        Some(viewer.user_id),
        "receipt.deleted",
        json!({ "receipt_id": receipt.id }),
    )
    .await
}

pub(crate) async fn remove_files(store: &ReceiptStore, receipt: &receipts::Model) {
    let mut keys = vec![receipt.storage_key.as_str()];
    keys.extend(receipt.thumbnail_key.as_deref());
    store.delete(&keys).await;
}

/// A receipt the viewer may attach to `expense_id` (or to a new expense when `None`): theirs, and
/// not already on another expense.
pub(crate) async fn attachable_receipt(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    receipt_id: i64,
    expense_id: Option<i64>,
) -> Result<receipts::Model, AppError> {
    let receipt = owned_receipt(db, viewer, receipt_id)
        .await
        .map_err(|_| AppError::validation("receipt_id", "No such receipt."))?;
    let mut taken = Expenses::find()
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .filter(expenses::Column::ReceiptId.eq(receipt_id));
    if let Some(expense_id) = expense_id {
        taken = taken.filter(expenses::Column::Id.ne(expense_id));
    }
    if taken.one(db).await?.is_some() {
        return Err(AppError::validation(
            "receipt_id",
            "This receipt is already attached to another expense.",
        ));
    }
    Ok(receipt)
}
