//! Receipts: uploads are typed by their bytes, re-encoded and limited; files are served only to
//! their owner with headers that keep them inert; attaching, replacing and deleting keep the
//! database and the store in step; the sweep removes what uploads leave behind.

mod access;
mod attach;
mod formats;
mod limits;
mod rejected;
pub mod samples;
mod server_functions;
mod serving;
mod sweep;

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    sync::Arc,
};

use app::{
    receipts::service::ReceiptStore,
    server::entities::prelude::{Activity, Expenses, Receipts},
};
use object_store::local::LocalFileSystem;
use reqwest::{
    Response,
    header::HeaderMap,
    multipart::{Form, Part},
};
use sea_orm::EntityTrait;
use serde_json::Value;

use crate::expenses::body;
use crate::helpers::{TestApp, TestUser};

pub const RECEIPTS: &str = "/api/v1/receipts";

pub fn file_path(id: i64) -> String {
    format!("{RECEIPTS}/{id}")
}

pub fn thumbnail_path(id: i64) -> String {
    format!("{RECEIPTS}/{id}/thumbnail")
}

/// A form with one file in the `file` field, as a browser's file input sends it.
pub fn file_form(name: &str, bytes: Vec<u8>, content_type: &str) -> Form {
    let part = Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(content_type)
        .expect("a valid content type");
    Form::new().part("file", part)
}

/// `POST /api/v1/receipts` with one file; the browser's claimed type is deliberately vague.
pub async fn upload(user: &TestUser, name: &str, bytes: Vec<u8>) -> Response {
    user.post_multipart(RECEIPTS, file_form(name, bytes, "application/octet-stream"))
        .await
}

/// An upload that must succeed; answers with the `ReceiptView`.
pub async fn uploaded(user: &TestUser, name: &str, bytes: Vec<u8>) -> Value {
    let response = upload(user, name, bytes).await;
    let status = response.status();
    let receipt = body(response).await;
    assert_eq!(status, 201, "{name}: {receipt}");
    receipt
}

pub fn id_of(receipt: &Value) -> i64 {
    receipt["id"].as_i64().expect("receipt id")
}

/// A file as the server sends it: status, headers and bytes.
pub struct Fetched {
    pub status: u16,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Fetched {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .expect("a visible ASCII header")
    }
}

pub async fn fetch(user: &TestUser, path: &str) -> Fetched {
    let response = user.get(path).await;
    Fetched {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        bytes: response.bytes().await.expect("body").to_vec(),
    }
}

/// A receipt's stored file, which must be served.
pub async fn fetch_ok(user: &TestUser, path: &str) -> Fetched {
    let fetched = fetch(user, path).await;
    assert_eq!(
        fetched.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&fetched.bytes)
    );
    fetched
}

/// Asserts the status and `{"error": {"code"}}` of a refused REST call; answers the error.
pub async fn assert_refused(response: Response, status: u16, code: &str, context: &str) -> Value {
    let actual = response.status();
    let error = body(response).await;
    assert_eq!(actual, status, "{context}: {error}");
    assert_eq!(error["error"]["code"], code, "{context}: {error}");
    error
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

fn receipt_dir(app: &TestApp) -> PathBuf {
    app.data_dir().join("receipts")
}

/// Every file in the local receipt store, as paths relative to it.
pub fn stored_files(app: &TestApp) -> BTreeSet<String> {
    fn walk(dir: &Path, root: &Path, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("store readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, root, found);
            } else {
                let relative = path.strip_prefix(root).expect("inside the store");
                found.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let root = receipt_dir(app);
    let mut found = BTreeSet::new();
    walk(&root, &root, &mut found);
    found
}

/// Puts a file into the store behind the server's back (a crash's leftover).
pub fn write_stray_file(app: &TestApp, relative: &str) {
    let path = receipt_dir(app).join(relative);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("dir created");
    std::fs::write(path, b"left behind").expect("stray written");
}

/// The store the server uses, opened the way `receipt_store::open` opens it.
pub fn store(app: &TestApp) -> ReceiptStore {
    let local = LocalFileSystem::new_with_prefix(receipt_dir(app)).expect("store opens");
    ReceiptStore::new(Arc::new(local))
}

/// Everything an upload, attach or delete writes: rows and files.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub receipts: u64,
    pub expenses: u64,
    pub activity: u64,
    pub files: BTreeSet<String>,
}

pub async fn written(app: &TestApp) -> Written {
    Written {
        receipts: app.count::<Receipts>().await,
        expenses: app.count::<Expenses>().await,
        activity: app.count::<Activity>().await,
        files: stored_files(app),
    }
}

/// The store keys of a receipt's file and thumbnail, read from its row.
pub async fn files_of(app: &TestApp, id: i64) -> BTreeSet<String> {
    let receipt = Receipts::find_by_id(id)
        .one(&app.db)
        .await
        .expect("receipt read")
        .expect("the receipt's row");
    std::iter::once(receipt.storage_key)
        .chain(receipt.thumbnail_key)
        .collect()
}
