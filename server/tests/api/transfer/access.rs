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

/// The import server function's arguments as the page posts them (serde_qs).
fn import_form(csv: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csv", csv.to_string()),
        ("options[date_column]", "0".into()),
        ("options[amount_column]", "1".into()),
        ("options[merchant_column]", "2".into()),
        ("options[category_column]", "3".into()),
        ("options[date_format]", "iso".into()),
        ("options[decimal_separator]", "dot".into()),
        ("options[create_categories]", "true".into()),
        ("options[keep_duplicates]", "false".into()),
    ]
}

async fn call(
    app: &TestApp,
    user: &TestUser,
    endpoint: &str,
    form: &[(&str, String)],
) -> (u16, Value) {
    status_and_json(
        user.client
            .post(app.url(endpoint))
            .form(form)
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
            &[("csv", CSV.to_string())],
        )
        .await;
        assert_eq!(status, 200, "{preview}");
        assert_eq!(
            preview["headers"],
            json!(["date", "amount", "merchant", "category"])
        );
        assert_eq!(preview["suggested"]["category_column"], 3);

        let (status, outcome) = call(&app, &user, "/api/expenses/import", &import_form(CSV)).await;
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
        let (status, error) = call(&app, &user, "/api/expenses/import", &import_form(bad)).await;
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

        for (endpoint, form) in [
            (
                "/api/expenses/import/preview",
                vec![("csv", CSV.to_string())],
            ),
            ("/api/expenses/import", import_form(CSV)),
        ] {
            let response = app
                .client
                .post(app.url(endpoint))
                .form(&form)
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
