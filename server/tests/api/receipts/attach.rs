//! Receipts on expenses: attached when an expense is created or changed, at most one expense
//! each, replaced (the old one deleted with its files), and deleted with or without the expense.

use serde_json::{Value, json};

use super::{
    fetch, fetch_ok, file_path, files_of, id_of, samples, stored_files, uploaded, written,
};
use crate::expenses::{
    assert_invalid, body, category_id, create, days_ago, expense, get_expense, last_activity,
};
use crate::helpers::{TestUser, on_every_backend};

async fn new_expense(user: &TestUser, receipt_id: Option<i64>) -> Value {
    let mut body = expense(category_id(user, "Groceries").await, "4.20", days_ago(1));
    if let Some(receipt_id) = receipt_id {
        body["receipt_id"] = json!(receipt_id);
    }
    create(user, &body).await
}

fn expense_path(expense: &Value) -> String {
    format!("/api/v1/expenses/{}", expense["id"])
}

on_every_backend!(a_receipt_is_attached_when_the_expense_is_created, |app| {
    let user = app.user().await;
    let receipt = id_of(&uploaded(&user, "r.png", samples::png(8, 8)).await);
    let created = new_expense(&user, Some(receipt)).await;
    assert_eq!(created["receipt_id"], receipt);
    let id = created["id"].as_i64().expect("id");
    assert_eq!(get_expense(&user, id).await["receipt_id"], receipt);

    let before = written(&app).await;
    let mut again = expense(category_id(&user, "Dining").await, "1", days_ago(1));
    again["receipt_id"] = json!(receipt);
    let response = user.post("/api/v1/expenses", &again).await;
    assert_invalid(response, "receipt_id", &"already attached").await;
    again["receipt_id"] = json!(999_999);
    let response = user.post("/api/v1/expenses", &again).await;
    assert_invalid(response, "receipt_id", &"no such receipt").await;
    assert_eq!(written(&app).await, before);
});

on_every_backend!(a_receipt_is_attached_by_changing_the_expense, |app| {
    let user = app.user().await;
    let receipt = id_of(&uploaded(&user, "r.pdf", samples::pdf()).await);
    let first = new_expense(&user, None).await;
    assert!(first["receipt_id"].is_null());
    let response = user
        .patch(&expense_path(&first), &json!({ "receipt_id": receipt }))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(body(response).await["receipt_id"], receipt);

    // The same receipt again changes nothing; another expense cannot take it.
    let response = user
        .patch(&expense_path(&first), &json!({ "receipt_id": receipt }))
        .await;
    assert_eq!(body(response).await["receipt_id"], receipt);
    let second = new_expense(&user, None).await;
    let before = written(&app).await;
    let response = user
        .patch(&expense_path(&second), &json!({ "receipt_id": receipt }))
        .await;
    assert_invalid(response, "receipt_id", &"attached to the first").await;
    assert_eq!(written(&app).await, before);
    let unchanged = user.get(&expense_path(&second)).await;
    assert!(body(unchanged).await["receipt_id"].is_null());
    // A change of other fields keeps the receipt.
    let response = user
        .patch(&expense_path(&first), &json!({ "merchant": "Baker" }))
        .await;
    assert_eq!(body(response).await["receipt_id"], receipt);
    fetch_ok(&user, &file_path(receipt)).await;
});

on_every_backend!(a_replaced_receipt_is_deleted_with_its_files, |app| {
    let user = app.user().await;
    let old = id_of(&uploaded(&user, "old.png", samples::png(8, 8)).await);
    let new = id_of(&uploaded(&user, "new.jpg", samples::jpeg(8, 8)).await);
    let old_files = files_of(&app, old).await;
    let new_files = files_of(&app, new).await;
    let created = new_expense(&user, Some(old)).await;
    // A replacement that cannot be attached leaves the old receipt where it was.
    let before = written(&app).await;
    let response = user
        .patch(&expense_path(&created), &json!({ "receipt_id": 999_999 }))
        .await;
    assert_invalid(response, "receipt_id", &"no such receipt").await;
    assert_eq!(written(&app).await, before);
    let activity_before = before.activity;

    let response = user
        .patch(&expense_path(&created), &json!({ "receipt_id": new }))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(body(response).await["receipt_id"], new);
    assert_eq!(fetch(&user, &file_path(old)).await.status, 404);
    fetch_ok(&user, &file_path(new)).await;
    let after = written(&app).await;
    assert_eq!(after.receipts, 1);
    assert_eq!(
        after.files, new_files,
        "the old file and thumbnail are gone"
    );
    assert!(old_files.is_disjoint(&after.files));
    assert_eq!(
        after.activity,
        activity_before + 2,
        "receipt.deleted and the update"
    );
});

on_every_backend!(deleting_a_receipt_detaches_it_from_its_expense, |app| {
    let user = app.user().await;
    let receipt = id_of(&uploaded(&user, "r.png", samples::png(8, 8)).await);
    let created = new_expense(&user, Some(receipt)).await;
    let activity_before = written(&app).await.activity;

    let response = user.delete(&file_path(receipt)).await;
    assert_eq!(response.status(), 204);
    let (kind, user_id, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), user_id), ("receipt.deleted", Some(user.id)));
    assert_eq!(payload["receipt_id"], receipt);
    let after = written(&app).await;
    assert_eq!((after.receipts, after.expenses), (0, 1));
    assert_eq!(after.activity, activity_before + 1);
    assert!(after.files.is_empty(), "{:?}", after.files);

    let kept = user.get(&expense_path(&created)).await;
    let kept = body(kept).await;
    assert!(kept["receipt_id"].is_null(), "{kept}");
    assert_eq!(kept["amount"], created["amount"]);
    assert_eq!(fetch(&user, &file_path(receipt)).await.status, 404);
    assert_eq!(user.delete(&file_path(receipt)).await.status(), 404);
});

on_every_backend!(deleting_an_expense_keeps_its_receipt_unless_asked, |app| {
    let user = app.user().await;
    let receipt = id_of(&uploaded(&user, "r.png", samples::png(8, 8)).await);
    let created = new_expense(&user, Some(receipt)).await;
    let deleted = user.delete(&expense_path(&created)).await;
    assert_eq!(deleted.status(), 200);
    assert_eq!(body(deleted).await["receipt_id"], receipt);
    fetch_ok(&user, &file_path(receipt)).await;
    assert_eq!(written(&app).await.receipts, 1);

    // Free again, so a new expense can take it; this time it goes with the expense.
    let second = new_expense(&user, Some(receipt)).await;
    let files = files_of(&app, receipt).await;
    let deleted = user
        .delete(&format!("{}?delete_receipt=true", expense_path(&second)))
        .await;
    assert_eq!(deleted.status(), 200);
    assert!(body(deleted).await["receipt_id"].is_null());
    assert_eq!(fetch(&user, &file_path(receipt)).await.status, 404);
    let after = written(&app).await;
    assert_eq!((after.receipts, after.expenses), (0, 0));
    assert!(files.is_disjoint(&stored_files(&app)));
    assert!(after.files.is_empty(), "{:?}", after.files);

    // Asking to delete the receipt of an expense without one is fine.
    let bare = new_expense(&user, None).await;
    let deleted = user
        .delete(&format!("{}?delete_receipt=true", expense_path(&bare)))
        .await;
    assert_eq!(deleted.status(), 200);
});

on_every_backend!(simultaneous_expenses_cannot_share_a_receipt, |app| {
    let user = app.user().await;
    let receipt = id_of(&uploaded(&user, "r.png", samples::png(8, 8)).await);
    let groceries = category_id(&user, "Groceries").await;
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let mut body = expense(groceries, "1", days_ago(1));
        body["receipt_id"] = json!(receipt);
        let request = user
            .request(reqwest::Method::POST, &app.url("/api/v1/expenses"))
            .json(&body);
        requests.spawn(async move {
            let response = request.send().await.expect("sent");
            let status = response.status().as_u16();
            (status, response.text().await.unwrap_or_default())
        });
    }
    let answers = requests.join_all().await;
    let created = answers.iter().filter(|(status, _)| *status == 201).count();
    assert_eq!(created, 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(status, _)| matches!(status, 201 | 422)),
        "{answers:?}"
    );
    assert_eq!(written(&app).await.expenses, 1);
});
