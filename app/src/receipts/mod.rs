//! Receipts: a photo or PDF attached to an expense. Shared types here; the checks, the image
//! work and the storage in `service`, server functions in `api`, the upload field and the viewer
//! in `upload` and `viewer`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod service;
mod upload;
mod viewer;

pub use upload::{ReceiptChoice, ReceiptField};
pub use viewer::ReceiptViewer;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the file picker offers; the server decides by the file's bytes, not by this.
pub const ACCEPTED_TYPES: &str = "image/jpeg,image/png,image/webp,application/pdf";

/// A stored receipt as its owner sees it. The file itself is at `/api/v1/receipts/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReceiptView {
    pub id: i64,
    /// What the stored bytes are (after re-encoding): `image/jpeg`, `image/png` or
    /// `application/pdf`.
    pub content_type: String,
    pub byte_size: i64,
    /// The uploaded file's name, cleaned of paths and control characters.
    pub original_name: String,
    /// Images have a small JPEG preview at `/api/v1/receipts/{id}/thumbnail`; PDFs do not.
    pub has_thumbnail: bool,
    pub created_at: DateTime<Utc>,
}

impl ReceiptView {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

/// Where the browser fetches a receipt's file and preview.
pub fn file_url(id: i64) -> String {
    format!("/api/v1/receipts/{id}")
}

pub fn thumbnail_url(id: i64) -> String {
    format!("/api/v1/receipts/{id}/thumbnail")
}
