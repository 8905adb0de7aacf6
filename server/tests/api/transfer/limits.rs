//! The edges of an upload: a mapping outside the file, options the server does not know, a file
//! larger than `max_import_bytes`, and a byte order mark.

use serde_json::json;

use super::{IMPORT, MAPPING, PREVIEW, expenses_of, import, imported, row};
use crate::expenses::{assert_invalid, body, written};
use crate::helpers::{Backend, on_every_backend, spawn_app_with};

const CSV: &str = "date,amount,merchant\n2025-01-10,5,Shop\n";

on_every_backend!(a_column_beyond_the_file_is_refused, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    for options in [
        "date_column=3&amount_column=1",
        "date_column=0&amount_column=3",
        "date_column=0&amount_column=1&merchant_column=3",
        "date_column=0&amount_column=1&category_column=99",
        "date_column=0&amount_column=1&note_column=18446744073709551615",
        MAPPING,
    ] {
        let response = import(&user, options, CSV).await;
        assert_invalid(response, "mapping", &options).await;
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(unknown_or_missing_options_are_refused, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    for options in [
        "date_column=0&amount_column=1&colour_column=2",
        "date_column=0&amount_column=1&date_format=yyyy-mm-dd",
        "date_column=0&amount_column=1&decimal_separator=space",
        "date_column=0&amount_column=1&create_categories=maybe",
        "date_column=-1&amount_column=1",
        "amount_column=1",
        "",
    ] {
        let response = import(&user, options, CSV).await;
        let status = response.status();
        let error = body(response).await;
        assert_eq!(status, 400, "?{options}: {error}");
        assert_eq!(error["error"]["code"], "bad_request", "?{options}: {error}");
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(a_byte_order_mark_is_ignored, |app| {
    let user = app.user().await;
    let csv = format!("\u{feff}{CSV}");
    imported(
        &user,
        "date_column=0&amount_column=1&merchant_column=2",
        &csv,
    )
    .await;
    assert_eq!(
        expenses_of(&user).await,
        [row("2025-01-10", 500, "Other", "Shop", "")]
    );
});

#[tokio::test]
async fn a_file_over_max_import_bytes_is_refused_with_413() {
    let app = spawn_app_with(Backend::Sqlite, |config| config.max_import_bytes = 2048)
        .await
        .expect("SQLite is always available");
    let user = app.user().await;
    let rows = "2025-01-10,5,Shop\n".repeat(200);
    let csv = format!("date,amount,merchant\n{rows}");
    assert!(csv.len() > 2048);
    let before = written(&app).await;
    for path in [
        PREVIEW.to_string(),
        format!("{IMPORT}?date_column=0&amount_column=1"),
    ] {
        let response = user.post_csv(&path, &csv).await;
        let status = response.status();
        let content_type = response.headers()["content-type"].clone();
        let error = body(response).await;
        assert_eq!(status, 413, "{path}: {error}");
        assert!(
            content_type.as_bytes().starts_with(b"application/json"),
            "{path}: {content_type:?}"
        );
        assert_eq!(error["error"]["code"], "payload_too_large", "{path}");
    }
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn a_file_larger_than_a_json_request_may_be_is_still_imported() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.max_request_body_bytes = 1024;
        config.max_import_bytes = 64 * 1024;
    })
    .await
    .expect("SQLite is always available");
    let user = app.user().await;
    let rows: String = (1..=28)
        .map(|day| format!("2025-02-{day:02},{day}.25,Shop number {day} in a long street name\n"))
        .collect();
    let csv = format!("date,amount,merchant\n{rows}");
    assert!(csv.len() > 1024);
    let preview = user.post_csv(PREVIEW, &csv).await;
    assert_eq!(preview.status(), 200);
    let outcome = imported(
        &user,
        "date_column=0&amount_column=1&merchant_column=2",
        &csv,
    )
    .await;
    assert_eq!(outcome["imported"], 28);
    let too_big_json = user
        .post(
            "/api/v1/expenses",
            &json!({ "amount": "1", "spent_on": "2025-01-01", "category_id": 1, "note": "n".repeat(2000) }),
        )
        .await;
    assert_eq!(
        too_big_json.status(),
        413,
        "the JSON routes keep their own limit"
    );
}
