//! Every field's rule, on create and on change: a 422 naming the field, and nothing written.

use chrono::{Days, Utc};
use serde_json::{Value, json};

use super::{
    assert_invalid, body, category_id, create, days_ago, expense, get_expense, new_category,
    set_timezone, today_at_offset, written,
};
use crate::helpers::on_every_backend;

/// `base` with `changes` merged over it (`null` removes a field).
fn with(base: &Value, changes: Value) -> Value {
    let mut merged = base.clone();
    for (key, value) in changes.as_object().expect("an object") {
        match value {
            Value::Null => {
                merged.as_object_mut().expect("an object").remove(key);
            }
            value => merged[key] = value.clone(),
        }
    }
    merged
}

fn tags(count: usize) -> Value {
    json!((0..count).map(|n| format!("tag{n}")).collect::<Vec<_>>())
}

/// Bad values for the fields both create and change take, with the field the error must name.
fn bad_fields(archived: i64, foreign: i64) -> Vec<(Value, &'static str)> {
    vec![
        (json!({ "amount": "0" }), "amount"),
        (json!({ "amount": "0.00" }), "amount"),
        (json!({ "amount": "-5" }), "amount"),
        (json!({ "amount": "abc" }), "amount"),
        (json!({ "amount": "1e5" }), "amount"),
        (json!({ "amount": "" }), "amount"),
        (json!({ "amount": "12.345" }), "amount"),
        (json!({ "amount": "10000000000.01" }), "amount"),
        (json!({ "amount": "99999999999999999999" }), "amount"),
        (json!({ "amount": 12.34 }), "amount"),
        (json!({ "amount": "1.5", "currency": "JPY" }), "amount"),
        (json!({ "amount": "1.2345", "currency": "BHD" }), "amount"),
        (json!({ "currency": "XYZ" }), "currency"),
        (json!({ "currency": "EURO" }), "currency"),
        (
            json!({ "spent_on": days_ago(1).to_string().replace('-', "/") }),
            "spent_on",
        ),
        (json!({ "spent_on": "2026-02-30" }), "spent_on"),
        (json!({ "spent_on": "1899-12-31" }), "spent_on"),
        (
            json!({ "spent_on": Utc::now().date_naive() + Days::new(2) }),
            "spent_on",
        ),
        (json!({ "merchant": "m".repeat(121) }), "merchant"),
        (json!({ "merchant": "two\nlines" }), "merchant"),
        (json!({ "note": "n".repeat(1001) }), "note"),
        (json!({ "tags": tags(11) }), "tags"),
        (json!({ "tags": ["t".repeat(31)] }), "tags"),
        (json!({ "tags": "food" }), "tags"),
        (json!({ "category_id": archived }), "category_id"),
        (json!({ "category_id": foreign }), "category_id"),
        (json!({ "category_id": 999_999 }), "category_id"),
        (json!({ "category_id": "1" }), "category_id"),
        (json!({ "user_id": 1 }), "user_id"),
        (json!({ "amount_minor": 100 }), "amount_minor"),
    ]
}

on_every_backend!(
    a_bad_new_expense_names_its_field_and_writes_nothing,
    |app| {
        let user = app.user().await;
        let other = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let archived = new_category(&user, "Old stuff", true).await;
        let foreign = category_id(&other, "Groceries").await;
        let valid = expense(groceries, "12.34", days_ago(1));
        let before = written(&app).await;

        let mut cases = bad_fields(archived, foreign);
        cases.extend([
            (json!({ "amount": null }), "amount"),
            (json!({ "spent_on": null }), "spent_on"),
            (json!({ "category_id": null }), "category_id"),
        ]);
        for (changes, field) in cases {
            let request = with(&valid, changes);
            let response = user.post("/api/v1/expenses", &request).await;
            assert_invalid(response, field, &request).await;
        }
        assert_eq!(written(&app).await, before, "nothing written");

        let boundaries = with(
            &valid,
            json!({
                "amount": "10000000000",
                "merchant": "m".repeat(120),
                "note": "n".repeat(1000),
                "tags": tags(10),
                "spent_on": "1900-01-01",
            }),
        );
        let created = create(&user, &boundaries).await;
        assert_eq!(created["amount_minor"], 1_000_000_000_000_i64);
        assert_eq!(created["tags"].as_array().map(Vec::len), Some(10));
    }
);

on_every_backend!(a_bad_change_names_its_field_and_changes_nothing, |app| {
    let user = app.user().await;
    let other = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let archived = new_category(&user, "Old stuff", true).await;
    let foreign = category_id(&other, "Groceries").await;
    let original = create(&user, &expense(groceries, "12.34", days_ago(1))).await;
    let id = original["id"].as_i64().expect("id");
    let path = format!("/api/v1/expenses/{id}");
    let before = written(&app).await;

    let mut cases = bad_fields(archived, foreign);
    cases.extend([
        (json!({ "id": 5 }), "id"),
        (
            json!({ "created_at": "2020-01-01T00:00:00Z" }),
            "created_at",
        ),
    ]);
    for (changes, field) in cases {
        // A valid change next to the bad one must not slip through either.
        let request = with(&json!({ "merchant": "Changed" }), changes);
        let response = user.patch(&path, &request).await;
        assert_invalid(response, field, &request).await;
    }
    assert_eq!(written(&app).await, before, "nothing written");
    assert_eq!(get_expense(&user, id).await, original, "nothing changed");
});

on_every_backend!(the_future_starts_tomorrow_in_the_users_time_zone, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    // Kiritimati is UTC+14 all year: its today is tomorrow for most of the world.
    set_timezone(&user, "Pacific/Kiritimati").await;
    let today = today_at_offset(14).await;
    let tomorrow = today + Days::new(1);
    let before = written(&app).await;
    let response = user
        .post("/api/v1/expenses", &expense(groceries, "1", tomorrow))
        .await;
    assert_invalid(response, "spent_on", &tomorrow).await;
    assert_eq!(written(&app).await, before);
    let created = create(&user, &expense(groceries, "1", today)).await;
    assert_eq!(created["spent_on"], today.to_string());
    let id = created["id"].as_i64().expect("id");

    let response = user
        .patch(
            &format!("/api/v1/expenses/{id}"),
            &json!({ "spent_on": tomorrow }),
        )
        .await;
    assert_invalid(response, "spent_on", &tomorrow).await;
    assert_eq!(get_expense(&user, id).await, created);

    // UTC-12: Kiritimati's today is at least a day ahead of this user's.
    set_timezone(&user, "Etc/GMT+12").await;
    let today_there = today_at_offset(-12).await;
    let response = user
        .post("/api/v1/expenses", &expense(groceries, "1", today))
        .await;
    assert_invalid(response, "spent_on", &today).await;
    create(&user, &expense(groceries, "1", today_there)).await;
});

on_every_backend!(malformed_expense_bodies_are_refused, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let response = user
        .request(reqwest::Method::POST, &app.url("/api/v1/expenses"))
        .header("content-type", "application/json")
        .body("{\"amount\": ")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    assert_eq!(body(response).await["error"]["code"], "bad_request");
    let response = user
        .request(reqwest::Method::POST, &app.url("/api/v1/expenses"))
        .body("amount=12")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 415);
    assert_eq!(written(&app).await, before);
});
