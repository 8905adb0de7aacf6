//! Create, read, change and delete one expense, on every engine.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{
    assert_error, assert_invalid, body, category_id, create, days_ago, expense, get_expense,
    last_activity, set_base_currency, written,
};
use crate::helpers::on_every_backend;

fn timestamp(value: &serde_json::Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
        .map(|time| time.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("an RFC 3339 timestamp: {value}"))
}

on_every_backend!(amounts_are_kept_exactly_in_minor_units, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    for (currency, amount, minor, shown) in [
        ("EUR", "0.10", 10_i64, "0.10"),
        ("EUR", "0.01", 1, "0.01"),
        ("USD", "1234.56", 123_456, "1234.56"),
        ("usd", "1,234.5", 123_450, "1234.50"),
        ("JPY", "1500", 1500, "1500"),
        ("BHD", "1.234", 1234, "1.234"),
        ("EUR", "10000000000", 1_000_000_000_000, "10000000000.00"),
    ] {
        let created = create(
            &user,
            &json!({ "amount": amount, "currency": currency, "spent_on": days_ago(1), "category_id": groceries }),
        )
        .await;
        assert_eq!(created["amount_minor"], minor, "{currency} {amount}");
        assert_eq!(created["amount"], shown, "{currency} {amount}");
        assert_eq!(created["currency"], currency.to_uppercase());
        let id = created["id"].as_i64().expect("id");
        assert_eq!(
            get_expense(&user, id).await,
            created,
            "read back as written"
        );
    }
});

on_every_backend!(the_currency_defaults_to_the_users_base_currency, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let expense = json!({ "amount": "5", "spent_on": days_ago(1), "category_id": groceries });
    assert_eq!(create(&user, &expense).await["currency"], "USD");
    set_base_currency(&user, "JPY").await;
    let created = create(&user, &expense).await;
    assert_eq!(created["currency"], "JPY");
    assert_eq!(created["amount_minor"], 5);
});

on_every_backend!(an_expense_is_created_read_changed_and_deleted, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let before = written(&app).await;

    let created = create(
        &user,
        &json!({
            "amount": "12.34",
            "spent_on": days_ago(3),
            "category_id": groceries,
            "merchant": "  Corner Shop ",
            "note": "milk\r\nbread",
            "tags": [" food ", "Food", "", "weekly"],
        }),
    )
    .await;
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["amount"], "12.34");
    assert_eq!(created["amount_minor"], 1234);
    assert_eq!(created["currency"], "USD");
    assert_eq!(created["spent_on"], days_ago(3).to_string());
    assert_eq!(created["category_id"], groceries);
    assert_eq!(created["category_name"], "Groceries");
    assert_eq!(created["category_color"], "#16a34a");
    assert_eq!(created["category_icon"], "shopping-cart");
    assert_eq!(created["merchant"], "Corner Shop");
    assert_eq!(created["note"], "milk\nbread");
    assert_eq!(created["tags"], json!(["food", "weekly"]));
    assert_eq!(created["receipt_id"], json!(null));
    assert_eq!(created["created_at"], created["updated_at"]);
    assert_eq!(get_expense(&user, id).await, created);
    let after_create = written(&app).await;
    assert_eq!(after_create.expenses, before.expenses + 1);
    assert_eq!(after_create.activity, before.activity + 1);
    let (kind, actor, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("expense.created", Some(user.id)));
    assert_eq!(payload["expense_id"], id);

    // Timestamps have whole seconds: wait for the next one so `updated_at` can move.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let response = user
        .patch(
            &format!("/api/v1/expenses/{id}"),
            &json!({
                "amount": "99.90",
                "currency": "eur",
                "spent_on": days_ago(5),
                "category_id": dining,
                "merchant": "Bistro",
                "note": "",
                "tags": [],
            }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let changed = body(response).await;
    assert_eq!(changed["id"], id);
    assert_eq!(changed["amount"], "99.90");
    assert_eq!(changed["amount_minor"], 9990);
    assert_eq!(changed["currency"], "EUR");
    assert_eq!(changed["spent_on"], days_ago(5).to_string());
    assert_eq!(changed["category_id"], dining);
    assert_eq!(changed["category_name"], "Dining");
    assert_eq!(changed["merchant"], "Bistro");
    assert_eq!(changed["note"], "");
    assert_eq!(changed["tags"], json!([]));
    assert_eq!(
        changed["created_at"], created["created_at"],
        "created_at stays"
    );
    assert!(
        timestamp(&changed["updated_at"]) > timestamp(&created["updated_at"]),
        "updated_at moves: {changed}"
    );
    assert_eq!(get_expense(&user, id).await, changed);
    assert_eq!(written(&app).await.activity, before.activity + 2);
    let (kind, actor, _) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("expense.updated", Some(user.id)));

    let response = user
        .patch(
            &format!("/api/v1/expenses/{id}"),
            &json!({ "note": "just the note" }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let noted = body(response).await;
    assert_eq!(noted["note"], "just the note");
    for field in [
        "amount",
        "currency",
        "spent_on",
        "category_id",
        "merchant",
        "tags",
    ] {
        assert_eq!(noted[field], changed[field], "{field} is left alone");
    }
    assert_eq!(written(&app).await.activity, before.activity + 3);

    let response = user.delete(&format!("/api/v1/expenses/{id}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        body(response).await,
        noted,
        "the answer is what was deleted"
    );
    let after_delete = written(&app).await;
    assert_eq!(after_delete.expenses, before.expenses);
    assert_eq!(after_delete.activity, before.activity + 4);
    let (kind, actor, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("expense.deleted", Some(user.id)));
    assert_eq!(payload["expense"]["id"], id);

    let path = format!("/api/v1/expenses/{id}");
    assert_error(user.get(&path).await, 404, "not_found").await;
    assert_error(user.delete(&path).await, 404, "not_found").await;
    assert_error(
        user.patch(&path, &json!({ "note": "x" })).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        written(&app).await,
        after_delete,
        "a gone expense stays gone"
    );
});

on_every_backend!(
    an_expense_can_stay_in_a_category_that_was_archived_later,
    |app| {
        let user = app.user().await;
        let travel = category_id(&user, "Travel").await;
        let created = create(&user, &expense(travel, "40", days_ago(2))).await;
        let id = created["id"].as_i64().expect("id");
        let response = user
            .patch(
                &format!("/api/v1/categories/{travel}"),
                &json!({ "archived": true }),
            )
            .await;
        assert_eq!(response.status(), 200);
        let response = user
            .patch(
                &format!("/api/v1/expenses/{id}"),
                &json!({ "category_id": travel, "merchant": "Rail" }),
            )
            .await;
        assert_eq!(
            response.status(),
            200,
            "keeping its category is not choosing it"
        );
        assert_eq!(body(response).await["merchant"], "Rail");
    }
);

on_every_backend!(unknown_expense_ids_are_not_found, |app| {
    let user = app.user().await;
    for path in [
        "/api/v1/expenses/999999",
        "/api/v1/expenses/0",
        "/api/v1/expenses/-1",
    ] {
        assert_error(user.get(path).await, 404, "not_found").await;
        assert_error(user.delete(path).await, 404, "not_found").await;
    }
    let response = user.get("/api/v1/expenses/abc").await;
    assert_eq!(response.status(), 400, "not a number");
    assert_eq!(body(response).await["error"]["code"], "bad_request");
});

on_every_backend!(
    changing_only_the_currency_keeps_the_amount_the_user_sees,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let mut euros = expense(groceries, "12.34", days_ago(1));
        euros["currency"] = json!("EUR");
        let id = create(&user, &euros).await["id"].as_i64().expect("id");
        let path = format!("/api/v1/expenses/{id}");

        let response = user.patch(&path, &json!({ "currency": "BHD" })).await;
        assert_eq!(response.status(), 200);
        let changed = body(response).await;
        assert_eq!(
            (&changed["amount"], &changed["amount_minor"]),
            (&json!("12.340"), &json!(12_340))
        );

        let before = get_expense(&user, id).await;
        let response = user.patch(&path, &json!({ "currency": "JPY" })).await;
        assert_invalid(response, "amount", &"12.340 BHD has decimals JPY lacks").await;
        assert_eq!(get_expense(&user, id).await, before);

        let response = user
            .patch(&path, &json!({ "currency": "JPY", "amount": "1500" }))
            .await;
        assert_eq!(response.status(), 200);
        let response = user.patch(&path, &json!({ "currency": "USD" })).await;
        assert_eq!(response.status(), 200);
        let changed = body(response).await;
        assert_eq!(
            (&changed["amount"], &changed["amount_minor"]),
            (&json!("1500.00"), &json!(150_000))
        );
    }
);
