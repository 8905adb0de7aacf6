//! Another user's receipt is "not found" on every endpoint and server function, cannot be
//! attached to their expenses, and nothing answers without a session.

use reqwest::Method;
use serde_json::json;

use super::{
    RECEIPTS, fetch_ok, file_form, file_path, id_of, samples, thumbnail_path, uploaded, written,
};
use crate::expenses::{assert_error, assert_invalid, category_id, create, days_ago, expense};
use crate::helpers::{
    ApiRequest, TestUser, assert_other_user_gets_404, assert_other_user_gets_404_from_server_fn,
    on_every_backend,
};

/// A receipt of the user's on an expense of theirs: answers (receipt id, expense path).
async fn receipt_on_an_expense(user: &TestUser) -> (i64, String) {
    let receipt = id_of(&uploaded(user, "owner.png", samples::png(20, 10)).await);
    let mut body = expense(category_id(user, "Groceries").await, "9.99", days_ago(1));
    body["receipt_id"] = json!(receipt);
    let created = create(user, &body).await;
    assert_eq!(created["receipt_id"], receipt);
    (receipt, format!("/api/v1/expenses/{}", created["id"]))
}

on_every_backend!(another_users_receipt_is_not_found_on_any_endpoint, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let (id, expense_path) = receipt_on_an_expense(&owner).await;
    let original = fetch_ok(&owner, &file_path(id)).await.bytes;
    let before = written(&app).await;
    for (method, path) in [
        (Method::GET, file_path(id)),
        (Method::GET, format!("{}?download=true", file_path(id))),
        (Method::GET, thumbnail_path(id)),
        (Method::DELETE, file_path(id)),
    ] {
        let request = ApiRequest {
            method,
            path,
            body: None,
        };
        assert_other_user_gets_404(&app, &owner, &other, &request, &expense_path).await;
    }
    assert_eq!(
        written(&app).await,
        before,
        "no row, activity or file changed"
    );
    assert_eq!(fetch_ok(&owner, &file_path(id)).await.bytes, original);
    fetch_ok(&owner, &thumbnail_path(id)).await;
});

on_every_backend!(
    another_users_receipt_is_not_found_by_the_server_functions,
    |app| {
        let owner = app.user().await;
        let other = app.user().await;
        let (id, expense_path) = receipt_on_an_expense(&owner).await;
        let before = written(&app).await;
        for endpoint in ["/api/receipts/get", "/api/receipts/delete"] {
            assert_other_user_gets_404_from_server_fn(
                &app,
                &owner,
                &other,
                endpoint,
                &[("id", id.to_string())],
                &expense_path,
            )
            .await;
        }
        assert_eq!(written(&app).await, before);
        fetch_ok(&owner, &file_path(id)).await;
    }
);

on_every_backend!(another_users_receipt_cannot_be_attached, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let (id, expense_path) = receipt_on_an_expense(&owner).await;
    let loose = id_of(&uploaded(&owner, "loose.pdf", samples::pdf()).await);
    let dining = category_id(&other, "Dining").await;
    let theirs = create(&other, &expense(dining, "5", days_ago(1))).await;
    let their_path = format!("/api/v1/expenses/{}", theirs["id"]);
    let before = written(&app).await;
    for receipt_id in [id, loose] {
        let mut body = expense(dining, "5", days_ago(1));
        body["receipt_id"] = json!(receipt_id);
        let response = other.post("/api/v1/expenses", &body).await;
        assert_invalid(response, "receipt_id", &format!("create with {receipt_id}")).await;
        let response = other
            .patch(&their_path, &json!({ "receipt_id": receipt_id }))
            .await;
        assert_invalid(response, "receipt_id", &format!("patch with {receipt_id}")).await;
    }
    assert_eq!(
        written(&app).await,
        before,
        "nothing attached, nothing deleted"
    );
    let owners = owner.get(&expense_path).await;
    assert_eq!(crate::expenses::body(owners).await["receipt_id"], id);
    let theirs_now = other.get(&their_path).await;
    assert!(crate::expenses::body(theirs_now).await["receipt_id"].is_null());
    fetch_ok(&owner, &file_path(loose)).await;
});

on_every_backend!(receipts_need_a_session, |app| {
    let user = app.user().await;
    let id = id_of(&uploaded(&user, "mine.png", samples::png(8, 8)).await);
    let before = written(&app).await;
    let form = file_form("x.png", samples::png(4, 4), "image/png");
    let attempts = [
        app.client.get(app.url(&file_path(id))),
        app.client.get(app.url(&thumbnail_path(id))),
        app.client.delete(app.url(&file_path(id))),
        app.client.post(app.url(RECEIPTS)).multipart(form),
        app.client
            .get(app.url(&file_path(id)))
            .bearer_auth("not-a-token"),
    ];
    for attempt in attempts {
        assert_error(attempt.send().await.expect("sent"), 401, "unauthorized").await;
    }
    for endpoint in ["/api/receipts/get", "/api/receipts/delete"] {
        let response = app
            .client
            .post(app.url(endpoint))
            .form(&[("id", id.to_string())])
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 401, "{endpoint}");
    }
    assert_eq!(written(&app).await, before);
    fetch_ok(&user, &file_path(id)).await;
});
