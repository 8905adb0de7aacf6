//! CSV import and export (issue 4): a file imports whole or not at all, duplicates are skipped
//! unless kept, the preview guesses the file's notation, and an export holds only the caller's
//! expenses, safe to open in a spreadsheet. The expenses tests' shared steps are reused here.

mod access;
mod duplicates;
mod export;
mod import;
mod limits;
mod preview;
mod rejected;

use reqwest::Response;
use serde_json::{Value, json};

use crate::expenses::body;
use crate::helpers::TestUser;

pub const IMPORT: &str = "/api/v1/expenses/import";
pub const PREVIEW: &str = "/api/v1/expenses/import/preview";
pub const EXPORT: &str = "/api/v1/expenses/export";

/// The mapping of a file whose columns are date, amount, merchant and category.
pub const MAPPING: &str = "date_column=0&amount_column=1&merchant_column=2&category_column=3";

/// [`MAPPING`] and a note in the fifth column.
pub const MAPPING_WITH_NOTE: &str =
    "date_column=0&amount_column=1&merchant_column=2&category_column=3&note_column=4";

/// `POST /api/v1/expenses/import?{options}` with `csv` as the body.
pub async fn import(user: &TestUser, options: &str, csv: &str) -> Response {
    user.post_csv(&format!("{IMPORT}?{options}"), csv).await
}

/// An import that must succeed; answers with its outcome.
pub async fn imported(user: &TestUser, options: &str, csv: &str) -> Value {
    let response = import(user, options, csv).await;
    let status = response.status();
    let outcome = body(response).await;
    assert_eq!(status, 200, "?{options}\n{csv}\n{outcome}");
    outcome
}

/// Asserts the 422 a bad row gets: the `file` field, the line named first, and the promise that
/// nothing was imported.
pub async fn assert_refused_at_line(response: Response, line: u64, context: &str) -> String {
    let status = response.status();
    let error = body(response).await;
    assert_eq!(status, 422, "{context}: {error}");
    assert_eq!(error["error"]["code"], "validation", "{context}: {error}");
    assert_eq!(error["error"]["field"], "file", "{context}: {error}");
    let message = error["error"]["message"].as_str().expect("a message");
    assert!(
        message.starts_with(&format!("Line {line}: ")),
        "{context}: {message}"
    );
    assert!(
        message.ends_with("Nothing was imported."),
        "{context}: {message}"
    );
    message.to_string()
}

/// Every expense of the user, oldest first, as the fields an import writes.
pub async fn expenses_of(user: &TestUser) -> Vec<Value> {
    let response = user
        .get("/api/v1/expenses?sort=spent_on&order=asc&limit=100")
        .await;
    assert_eq!(response.status(), 200);
    let page = body(response).await;
    assert!(page["next_cursor"].is_null(), "fewer than 100 expenses");
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            json!({
                "spent_on": item["spent_on"],
                "amount_minor": item["amount_minor"],
                "currency": item["currency"],
                "category_name": item["category_name"],
                "merchant": item["merchant"],
                "note": item["note"],
            })
        })
        .collect()
}

/// One expense as [`expenses_of`] shows it, in US dollars (a new account's base currency).
pub fn row(spent_on: &str, amount_minor: i64, category: &str, merchant: &str, note: &str) -> Value {
    json!({
        "spent_on": spent_on,
        "amount_minor": amount_minor,
        "currency": "USD",
        "category_name": category,
        "merchant": merchant,
        "note": note,
    })
}
