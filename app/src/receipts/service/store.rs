//! Where receipt files live: any `object_store` (a local directory by default, S3-compatible by
//! configuration), under keys we generate. Nothing a user sends becomes part of a key.

use std::{fmt, sync::Arc};

use object_store::{ObjectStore, ObjectStoreExt, PutPayload, path::Path};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::AppError;

/// Limits and the store, built by the server from its configuration.
#[derive(Clone)]
pub struct ReceiptStore {
    store: Arc<dyn ObjectStore>,
    /// The largest file a user may upload, in bytes.
    pub max_bytes: u64,
    /// The total of a user's stored receipts, in bytes.
    pub quota_bytes: u64,
    /// The most pixels an image may have (width × height); bigger is refused unread.
    pub max_pixels: u64,
    decoding: Arc<Semaphore>,
}

impl fmt::Debug for ReceiptStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiptStore")
            .field("store", &self.store.to_string())
            .field("max_bytes", &self.max_bytes)
            .field("quota_bytes", &self.quota_bytes)
            .field("max_pixels", &self.max_pixels)
            .finish()
    }
}

/// The keys of one receipt's objects.
pub(super) struct Keys {
    pub file: String,
    pub thumbnail: String,
}

impl Keys {
    /// Per-user folders keep a listing (the orphan sweep) cheap to scope.
    pub fn generate(user_id: i64) -> Self {
        let id = uuid::Uuid::new_v4().simple();
        Self {
            file: format!("u{user_id}/{id}"),
            thumbnail: format!("u{user_id}/{id}.thumb"),
        }
    }
}

fn storage_error(error: object_store::Error) -> AppError {
    tracing::error!(%error, "receipt storage failed");
    AppError::Unavailable {
        message: "The receipt storage is not available right now. Please try again.".into(),
    }
}

impl ReceiptStore {
    pub fn new(store: Arc<dyn ObjectStore>) -> Self {
        Self {
            store,
            max_bytes: 10 * 1024 * 1024,
            quota_bytes: 1024 * 1024 * 1024,
            max_pixels: 40_000_000,
            decoding: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(2, usize::from),
            )),
        }
    }

    /// Waits for a turn to decode an upload (one per core at a time).
    pub(super) async fn decoding_permit(&self) -> Option<SemaphorePermit<'_>> {
        self.decoding.acquire().await.ok()
    }

    pub(super) async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), AppError> {
        self.store
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(drop)
            .map_err(storage_error)
    }

    pub(super) async fn get(&self, key: &str) -> Result<Vec<u8>, AppError> {
        let result = self
            .store
            .get(&Path::from(key))
            .await
            .map_err(|error| match error {
                object_store::Error::NotFound { .. } => {
                    tracing::error!(key, "a receipt's file is missing from the store");
                    AppError::not_found("This receipt's file is missing.")
                }
                other => storage_error(other),
            })?;
        let bytes = result.bytes().await.map_err(storage_error)?;
        Ok(bytes.to_vec())
    }

    /// Deletes what exists of `keys`; a missing object is already what we want.
    pub(super) async fn delete(&self, keys: &[&str]) {
        for key in keys {
            match self.store.delete(&Path::from(*key)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(error) => {
                    // The orphan sweep retries it later.
                    tracing::warn!(%error, key, "could not delete a receipt object");
                }
            }
        }
    }

    pub(super) fn inner(&self) -> &Arc<dyn ObjectStore> {
        &self.store
    }
}
