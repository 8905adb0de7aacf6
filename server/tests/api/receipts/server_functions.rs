//! The receipt server functions the expense form calls, as the hydrated browser calls them: the
//! upload as a multipart form, the others with form-encoded arguments and the session cookie.

use reqwest::Response;
use serde_json::{Value, json};

use super::{fetch, fetch_ok, file_form, file_path, id_of, samples, uploaded, written};
use crate::expenses::{category_id, create, days_ago, expense};
use crate::helpers::{TestUser, on_every_backend};

async fn call(user: &TestUser, url: &str, form: &[(&str, String)]) -> (u16, Value) {
    let response = user.client.post(url).form(form).send().await.expect("sent");
    json(response).await
}

async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

on_every_backend!(
    the_owner_can_upload_read_and_delete_through_the_server_functions,
    |app| {
        let user = app.user().await;
        let form = file_form("lunch.webp", samples::webp(30, 20), "image/webp");
        let response = user
            .client
            .post(app.url("/api/receipts/upload"))
            .multipart(form)
            .send()
            .await
            .expect("sent");
        let (status, receipt) = json(response).await;
        assert_eq!(status, 200, "{receipt}");
        assert_eq!(receipt["content_type"], "image/jpeg");
        assert_eq!(receipt["original_name"], "lunch.jpg");
        assert_eq!(receipt["has_thumbnail"], true);
        let id = id_of(&receipt);
        fetch_ok(&user, &file_path(id)).await;

        let (status, fetched) = call(
            &user,
            &app.url("/api/receipts/get"),
            &[("id", id.to_string())],
        )
        .await;
        assert_eq!((status, &fetched), (200, &receipt));

        let (status, _) = call(
            &user,
            &app.url("/api/receipts/delete"),
            &[("id", id.to_string())],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(fetch(&user, &file_path(id)).await.status, 404);
        let (status, error) = call(
            &user,
            &app.url("/api/receipts/get"),
            &[("id", id.to_string())],
        )
        .await;
        assert_eq!((status, error["code"].as_str()), (404, Some("not_found")));
        assert!(written(&app).await.files.is_empty());
    }
);

on_every_backend!(
    the_upload_server_function_refuses_what_the_api_refuses,
    |app| {
        let user = app.user().await;
        let before = written(&app).await;
        let url = app.url("/api/receipts/upload");
        let cases = [
            (
                file_form("a.jpg", samples::HTML.to_vec(), "image/jpeg"),
                415,
                "unsupported_media_type",
            ),
            (
                file_form("a.png", samples::pixel_bomb(100_000, 100_000), "image/png"),
                422,
                "validation",
            ),
            (
                file_form("a.pdf", Vec::new(), "application/pdf"),
                422,
                "validation",
            ),
            (
                file_form("a.png", samples::png(4, 4), "image/png").text("note", "x"),
                400,
                "bad_request",
            ),
        ];
        for (form, expected, code) in cases {
            let response = user
                .client
                .post(&url)
                .multipart(form)
                .send()
                .await
                .expect("sent");
            let (status, error) = json(response).await;
            assert_eq!(
                (status, error["code"].as_str()),
                (expected, Some(code)),
                "{error}"
            );
        }
        assert_eq!(written(&app).await, before);
    }
);

on_every_backend!(
    the_delete_expense_server_function_can_take_the_receipt_along,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let mut ids = Vec::new();
        for _ in 0..2 {
            let receipt = id_of(&uploaded(&user, "r.pdf", samples::pdf()).await);
            let mut body = expense(groceries, "3", days_ago(1));
            body["receipt_id"] = json!(receipt);
            let expense_id = create(&user, &body).await["id"].as_i64().expect("id");
            ids.push((expense_id, receipt));
        }
        let url = app.url("/api/expenses/delete");
        let (kept_expense, kept_receipt) = ids[0];
        let (status, deleted) = call(&user, &url, &[("id", kept_expense.to_string())]).await;
        assert_eq!(status, 200, "{deleted}");
        assert_eq!(deleted["receipt_id"], kept_receipt);
        fetch_ok(&user, &file_path(kept_receipt)).await;

        let (gone_expense, gone_receipt) = ids[1];
        let form = [
            ("id", gone_expense.to_string()),
            ("delete_receipt", "true".to_string()),
        ];
        let (status, deleted) = call(&user, &url, &form).await;
        assert_eq!(status, 200, "{deleted}");
        assert!(deleted["receipt_id"].is_null(), "{deleted}");
        assert_eq!(fetch(&user, &file_path(gone_receipt)).await.status, 404);
        assert_eq!(written(&app).await.receipts, 1);
    }
);

#[tokio::test]
async fn the_upload_server_function_refuses_a_body_that_is_not_multipart() {
    let app = crate::helpers::spawn_app().await;
    let user = app.user().await;
    for content_type in ["application/json", "multipart/form-data", "text/plain"] {
        let response = user
            .request(reqwest::Method::POST, &app.url("/api/receipts/upload"))
            .header("content-type", content_type)
            .body("{}")
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(response.status(), 415, "{content_type}");
    }
}
