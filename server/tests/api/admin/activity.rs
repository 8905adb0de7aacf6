//! The activity log: newest first, filtered by user and kind, paged; administrators only.

use serde_json::{Value, json};

use crate::{
    budgets::{category_ids, spend, today_in_utc},
    expenses::{assert_error, assert_invalid, body},
    helpers::{TestUser, on_every_backend},
};

const ACTIVITY: &str = "/api/v1/admin/activity";

async fn activity(admin: &TestUser, query: &str) -> Value {
    let response = admin.get(&format!("{ACTIVITY}{query}")).await;
    let status = response.status();
    let page = body(response).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn kinds(page: &Value) -> Vec<String> {
    page["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|entry| entry["kind"].as_str().expect("kind").to_string())
        .collect()
}

on_every_backend!(the_activity_log_lists_filters_and_pages, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let (today, _) = today_in_utc().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    spend(&user, dining, "4.50", today).await;
    spend(&user, dining, "5.50", today).await;
    let revoked = admin
        .post(
            &format!("/api/v1/admin/users/{}/revoke-sessions", user.id),
            &json!({}),
        )
        .await;
    assert_eq!(revoked.status(), 200);

    let everything = activity(&admin, "").await;
    assert_eq!(
        kinds(&everything).first().map(String::as_str),
        Some("admin.sessions_revoked"),
        "newest first"
    );
    let first = &everything["entries"][0];
    assert_eq!(first["user_id"], admin.id);
    assert_eq!(first["user_email"], admin.email.as_str());
    assert!(
        first["summary"]
            .as_str()
            .is_some_and(|summary| summary.contains("revoked"))
    );

    let admin_only = activity(&admin, "?kind=admin.").await;
    assert_eq!(kinds(&admin_only), ["admin.sessions_revoked"]);
    let users_own = activity(&admin, &format!("?user_id={}&kind=expense.", user.id)).await;
    assert_eq!(
        users_own["entries"].as_array().map(Vec::len),
        Some(2),
        "{users_own}"
    );
    assert!(
        users_own["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .all(|entry| entry["user_id"] == user.id)
    );

    let page = activity(
        &admin,
        &format!("?user_id={}&kind=expense.&limit=1", user.id),
    )
    .await;
    let before = page["next_before"].as_i64().expect("a next page");
    let rest = activity(
        &admin,
        &format!("?user_id={}&kind=expense.&limit=1&before={before}", user.id),
    )
    .await;
    assert_eq!(rest["entries"].as_array().map(Vec::len), Some(1));
    assert_ne!(rest["entries"][0]["id"], page["entries"][0]["id"]);
    assert_eq!(rest["next_before"], Value::Null);

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=x", "limit"),
        ("?user_id=me", "user_id"),
    ] {
        assert_invalid(
            admin.get(&format!("{ACTIVITY}{query}")).await,
            field,
            &query,
        )
        .await;
    }
    let signed_in_again = app.log_in(&user.email, &user.password).await;
    assert_error(signed_in_again.get(ACTIVITY).await, 403, "forbidden").await;
    assert_error(app.get(ACTIVITY).await, 401, "unauthorized").await;
});
