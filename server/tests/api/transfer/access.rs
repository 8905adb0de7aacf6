//! Who may import and export: nobody without a session, and through the page's server functions
//! only into the signed-in user's own account.

use reqwest::{Method, Response};
use serde_json::{Value, json};

use super::{EXPORT, IMPORT, PREVIEW, expenses_of, row};
use crate::expenses::written;
use crate::helpers::{TestApp, TestUser, on_every_backend};

const CSV: &str = "date,amount,merchant,category\n2025-01-10,5,Shop,Books\n";

async fn status_and_json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

on_every_backend!(import_and_export_need_a_signed_in_user, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let import = format!("{IMPORT}?date_column=0&amount_column=1&create_categories=true");
    for (method, path) in [
        (Method::POST, PREVIEW.to_string()),
        (Method::POST, import),
        (Method::GET, EXPORT.to_string()),
    ] {
        let anonymous = app.client.request(method.clone(), app.url(&path));
        let forged = app
            .client
            .request(method.clone(), app.url(&path))
            .bearer_auth(format!("{}x", user.access_token));
        for request in [anonymous, forged] {
            let response = request
                .header("content-type", "text/csv")
                .body(CSV)
                .send()
                .await
                .expect("sent");
            let (status, error) = status_and_json(response).await;
            assert_eq!(status, 401, "{method} {path}: {error}");
            assert_eq!(error["error"]["code"], "unauthorized", "{method} {path}");
        }
    }
    assert_eq!(written(&app).await, before);
});

/// The import server function's arguments as the page posts them (JSON, so the file's commas
/// are not tripled by form encoding).
fn import_arguments(csv: &str) -> Value {
    json!({
        "csv": csv,
        "options": {
            "date_column": 0, "amount_column": 1, "merchant_column": 2, "category_column": 3,
            "date_format": "iso", "decimal_separator": "dot",
            "create_categories": true, "keep_duplicates": false,
        },
    })
}

async fn call(app: &TestApp, user: &TestUser, endpoint: &str, arguments: &Value) -> (u16, Value) {
    status_and_json(
        user.client
            .post(app.url(endpoint))
            .json(arguments)
            .send()
            .await
            .expect("sent"),
    )
    .await
}

on_every_backend!(
    the_import_server_functions_work_for_the_signed_in_user_only,
    |app| {
        let user = app.user().await;
        let other = app.user().await;

        let (status, preview) = call(
            &app,
            &user,
            "/api/expenses/import/preview",
            &json!({ "csv": CSV }),
        )
        .await;
        assert_eq!(status, 200, "{preview}");
        assert_eq!(
            preview["headers"],
            json!(["date", "amount", "merchant", "category"])
        );
        assert_eq!(preview["suggested"]["category_column"], 3);

        let (status, outcome) =
            call(&app, &user, "/api/expenses/import", &import_arguments(CSV)).await;
        assert_eq!(status, 200, "{outcome}");
        assert_eq!(
            outcome,
            json!({ "imported": 1, "skipped_duplicates": [], "created_categories": ["Books"] })
        );
        assert_eq!(
            expenses_of(&user).await,
            [row("2025-01-10", 500, "Books", "Shop", "")]
        );
        assert!(
            expenses_of(&other).await.is_empty(),
            "only the caller's account"
        );

        let before = written(&app).await;
        let bad =
            "date,amount,merchant,category\n2025-01-10,5,Shop,Books\n2025-02-30,5,Shop,Books\n";
        let (status, error) =
            call(&app, &user, "/api/expenses/import", &import_arguments(bad)).await;
        assert_eq!(status, 422, "{error}");
        assert_eq!(
            (&error["code"], &error["field"]),
            (&json!("validation"), &json!("file"))
        );
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|message| message.starts_with("Line 3: ")),
            "{error}"
        );
        assert_eq!(written(&app).await, before);

        for (endpoint, arguments) in [
            ("/api/expenses/import/preview", json!({ "csv": CSV })),
            ("/api/expenses/import", import_arguments(CSV)),
        ] {
            let response = app
                .client
                .post(app.url(endpoint))
                .json(&arguments)
                .send()
                .await
                .expect("sent");
            let (status, error) = status_and_json(response).await;
            assert_eq!(
                (status, error["code"].as_str()),
                (401, Some("unauthorized")),
                "{endpoint}"
            );
        }
        assert_eq!(written(&app).await, before);
    }
);

/// A bank export of a few megabytes goes through the server function as it does through REST;
/// one beyond the upload limit gets an error the browser side can decode.
#[tokio::test]
async fn the_preview_server_function_takes_files_of_several_megabytes() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, |config| {
        config.max_import_bytes = 8 * 1024 * 1024;
        config.receipt_max_bytes = std::num::NonZeroU64::new(1024 * 1024).expect("non-zero");
    })
    .await
    .expect("SQLite is always available");
    let user = app.user().await;
    let mut csv = String::from("date,amount,merchant,category\n");
    while csv.len() < 3 * 1024 * 1024 {
        csv.push_str("2025-01-10,5.00,A merchant with a long name,Books\n");
    }
    let (status, preview) = call(
        &app,
        &user,
        "/api/expenses/import/preview",
        &json!({ "csv": csv }),
    )
    .await;
    assert_eq!(status, 200, "{preview}");
    assert!(
        preview["row_count"]
            .as_i64()
            .is_some_and(|rows| rows > 50_000)
    );

    while csv.len() < 9 * 1024 * 1024 {
        csv.push_str("2025-01-10,5.00,A merchant with a long name,Books\n");
    }
    let response = user
        .client
        .post(app.url("/api/expenses/import/preview"))
        .json(&json!({ "csv": csv }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 413);
    // The server answers before reading the rest of the body and may close the connection while
    // the client still sends, so the body does not always arrive; when it does, it decodes.
    if let Ok(error) = response.json::<Value>().await {
        assert_eq!(error["code"], "payload_too_large", "{error}");
    }
}
