//! Another user's expense is "not found" on every endpoint, a list only ever holds the viewer's
//! own expenses, and nothing answers without a session.

use reqwest::Method;
use serde_json::{Value, json};

use super::{
    assert_error, assert_invalid, categories, category_id, create, days_ago, expense, get_expense,
    ids, list, written,
};
use crate::helpers::{ApiRequest, TestUser, assert_other_user_gets_404, on_every_backend};

async fn some_expense(user: &TestUser) -> i64 {
    let groceries = category_id(user, "Groceries").await;
    let mut body = expense(groceries, "12.34", days_ago(2));
    body["merchant"] = json!("Owner's shop");
    create(user, &body).await["id"].as_i64().expect("id")
}

on_every_backend!(another_users_expense_is_not_found_on_any_endpoint, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let id = some_expense(&owner).await;
    let others_category = category_id(&other, "Dining").await;
    let path = format!("/api/v1/expenses/{id}");
    let before = written(&app).await;
    let requests = [
        (Method::GET, None),
        (Method::PATCH, Some(json!({ "merchant": "Mallory" }))),
        (
            Method::PATCH,
            Some(json!({ "category_id": others_category })),
        ),
        (
            Method::PATCH,
            Some(json!({ "amount": "0.01", "currency": "JPY" })),
        ),
        (Method::DELETE, None),
    ];
    for (method, body) in requests {
        let request = ApiRequest {
            method,
            path: path.clone(),
            body,
        };
        assert_other_user_gets_404(&app, &owner, &other, &request, &path).await;
    }
    assert_eq!(written(&app).await, before, "no activity, no change");
    assert_eq!(get_expense(&owner, id).await["merchant"], "Owner's shop");
});

on_every_backend!(
    an_expense_cannot_be_moved_into_another_users_category,
    |app| {
        let owner = app.user().await;
        let other = app.user().await;
        let id = some_expense(&owner).await;
        let foreign = category_id(&other, "Dining").await;
        let before = get_expense(&owner, id).await;
        let response = owner
            .patch(
                &format!("/api/v1/expenses/{id}"),
                &json!({ "category_id": foreign }),
            )
            .await;
        assert_invalid(response, "category_id", &"a foreign category").await;
        assert_eq!(get_expense(&owner, id).await, before);
        let other_categories = categories(&other).await;
        assert!(
            other_categories
                .iter()
                .all(|category| category["expense_count"] == 0),
            "{other_categories:?}"
        );
    }
);

on_every_backend!(a_list_never_holds_another_users_expenses, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let mut owners = Vec::new();
    for _ in 0..3 {
        owners.push(some_expense(&owner).await);
    }
    let others = some_expense(&other).await;
    let owner_groceries = category_id(&owner, "Groceries").await;

    let page = list(&other, "limit=100").await;
    assert_eq!(ids(&page), [others]);
    assert_eq!(page["total"], 1);
    assert_eq!(page["sums"][0]["amount_minor"], 1234, "only their own sum");
    for query in [
        format!("category_id={owner_groceries}"),
        "q=owner".to_string(),
        "preset=this_month&q=shop&sort=merchant".to_string(),
    ] {
        let page = list(&other, &query).await;
        let found = ids(&page);
        assert!(
            found.iter().all(|id| !owners.contains(id)),
            "?{query}: {found:?}"
        );
    }
    assert_eq!(
        list(&other, &format!("category_id={owner_groceries}")).await["total"],
        0
    );
    // Paging with a cursor made on the owner's list still only walks the viewer's rows.
    let first = list(&owner, "limit=1").await;
    let cursor = first["next_cursor"].as_str().expect("more pages");
    let page = list(&other, &format!("limit=100&cursor={cursor}")).await;
    assert!(ids(&page).iter().all(|id| *id == others), "{page}");
    assert_eq!(list(&owner, "limit=100").await["total"], 3);
});

on_every_backend!(expenses_need_a_session, |app| {
    let user = app.user().await;
    let id = some_expense(&user).await;
    let before = written(&app).await;
    let body = expense(category_id(&user, "Groceries").await, "1", days_ago(1));
    let path = format!("/api/v1/expenses/{id}");
    let attempts = [
        app.client.get(app.url("/api/v1/expenses")),
        app.client.post(app.url("/api/v1/expenses")).json(&body),
        app.client.get(app.url(&path)),
        app.client
            .patch(app.url(&path))
            .json(&json!({ "note": "x" })),
        app.client.delete(app.url(&path)),
        app.client
            .get(app.url("/api/v1/expenses"))
            .bearer_auth("not-a-token"),
    ];
    for attempt in attempts {
        assert_error(attempt.send().await.expect("sent"), 401, "unauthorized").await;
    }
    assert_eq!(written(&app).await, before);
    let page: Value = list(&user, "").await;
    assert_eq!(ids(&page), [id]);
});

#[tokio::test]
async fn the_edit_page_of_another_users_expense_is_a_404_page() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.user().await;
    let other = app.user().await;
    let id = some_expense(&owner).await;

    assert_eq!(owner.get(&format!("/expenses/{id}")).await.status(), 200);

    for path in [format!("/expenses/{id}"), "/expenses/999999".to_string()] {
        let response = other.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains("Page not found"), "{path}");
        assert!(!html.contains("s shop"), "{path} leaks the owner's expense");
    }
}
