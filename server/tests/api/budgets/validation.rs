//! Every field's rule, on create, on change and in the month of a URL: a 422 naming the field,
//! and nothing written.

use reqwest::Method;
use serde_json::{Value, json};

use super::{budgets_in, create_budget, id_of, patch_budget, shift, today_in_utc, written};
use crate::{
    expenses::{assert_error, assert_invalid, category_id, set_base_currency},
    helpers::on_every_backend,
};

/// `base` with `changes` merged over it; `"<remove>"` drops a field.
fn with(base: &Value, changes: Value) -> Value {
    let mut merged = base.clone();
    let object = merged.as_object_mut().expect("an object");
    for (key, value) in changes.as_object().expect("an object") {
        if value == "<remove>" {
            object.remove(key);
        } else {
            object.insert(key.clone(), value.clone());
        }
    }
    merged
}

/// Month strings that are not `YYYY-MM` months.
const BAD_MONTHS: [&str; 9] = [
    "2026-13",
    "2026-00",
    "March",
    "2026-3",
    "26-03",
    "2026/03",
    "2026-03-01",
    "",
    "0000-01",
];

on_every_backend!(a_bad_new_budget_names_its_field_and_writes_nothing, |app| {
    let user = app.user().await;
    let other = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let foreign = category_id(&other, "Groceries").await;
    let (_, this_month) = today_in_utc().await;
    let valid = json!({ "category_id": groceries, "amount": "100", "rollover": false });
    let before = written(&app).await;

    let mut cases = vec![
        (json!({ "amount": "0" }), "amount"),
        (json!({ "amount": "0.00" }), "amount"),
        (json!({ "amount": "-5" }), "amount"),
        (json!({ "amount": "-0.01" }), "amount"),
        (json!({ "amount": "abc" }), "amount"),
        (json!({ "amount": "1e5" }), "amount"),
        (json!({ "amount": "" }), "amount"),
        (json!({ "amount": "12.345" }), "amount"),
        (json!({ "amount": "99999999999999999999" }), "amount"),
        (json!({ "amount": 12.34 }), "amount"),
        (json!({ "amount": null }), "amount"),
        (json!({ "amount": "<remove>" }), "amount"),
        (json!({ "category_id": foreign }), "category_id"),
        (json!({ "category_id": 999_999 }), "category_id"),
        (json!({ "category_id": "1" }), "category_id"),
        (json!({ "month": 202_603 }), "month"),
        (
            json!({ "month": shift(this_month, 13).to_string() }),
            "month",
        ),
        (
            json!({ "month": shift(this_month, 120).to_string() }),
            "month",
        ),
        (json!({ "rollover": "yes" }), "rollover"),
        (json!({ "currency": "EUR" }), "currency"),
        (json!({ "user_id": other.id }), "user_id"),
        (json!({ "amount_minor": 100 }), "amount_minor"),
        (json!({ "period": "weekly" }), "period"),
    ];
    cases.extend(BAD_MONTHS.map(|month| (json!({ "month": month }), "month")));
    for (changes, field) in cases {
        let request = with(&valid, changes);
        let response = user.post("/api/v1/budgets", &request).await;
        assert_invalid(response, field, &request).await;
    }
    assert_eq!(written(&app).await, before, "nothing written");
    assert!(budgets_in(&other, None).await.is_empty());

    let furthest = shift(this_month, 12);
    let created = create_budget(
        &user,
        &with(&valid, json!({ "month": furthest.to_string() })),
    )
    .await;
    assert_eq!(
        created["month"],
        furthest.to_string(),
        "12 months ahead is fine"
    );
    let long_ago = create_budget(
        &user,
        &with(&valid, json!({ "month": "1999-01", "amount": "0.01" })),
    )
    .await;
    assert_eq!(long_ago["amount_minor"], 1);
});

on_every_backend!(amounts_follow_the_base_currencys_decimals, |app| {
    let user = app.user().await;
    set_base_currency(&user, "JPY").await;
    let before = written(&app).await;
    let response = user
        .post("/api/v1/budgets", &json!({ "amount": "1.5" }))
        .await;
    assert_invalid(response, "amount", &"yen have no decimals").await;
    assert_eq!(written(&app).await, before);
    let yen = create_budget(&user, &json!({ "amount": "3000" })).await;

    set_base_currency(&user, "USD").await;
    let response = patch_budget(&user, id_of(&yen), &json!({ "amount": "2.5" })).await;
    assert_invalid(response, "amount", &"the budget is still in yen").await;
    assert_eq!(budgets_in(&user, None).await, [yen]);
});

on_every_backend!(a_bad_change_names_its_field_and_changes_nothing, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let (_, this_month) = today_in_utc().await;
    let current = create_budget(&user, &json!({ "category_id": groceries, "amount": "100" })).await;
    let past = create_budget(
        &user,
        &json!({ "category_id": dining, "amount": "50", "month": shift(this_month, -2).to_string() }),
    )
    .await;
    let before = written(&app).await;
    for id in [id_of(&current), id_of(&past)] {
        for (changes, field) in [
            (json!({ "amount": "0" }), "amount"),
            (json!({ "amount": "-1" }), "amount"),
            (json!({ "amount": "abc" }), "amount"),
            (json!({ "amount": "1.001" }), "amount"),
            (json!({ "amount": 5 }), "amount"),
            (json!({ "amount": "5", "rollover": "yes" }), "rollover"),
            (
                json!({ "amount": "5", "month": this_month.to_string() }),
                "month",
            ),
            (json!({ "category_id": dining }), "category_id"),
            (json!({ "currency": "EUR" }), "currency"),
            (json!({ "amount_minor": 1 }), "amount_minor"),
        ] {
            let response = patch_budget(&user, id, &changes).await;
            assert_invalid(response, field, &changes).await;
        }
    }
    assert_eq!(written(&app).await, before, "nothing written");
    assert_eq!(budgets_in(&user, None).await, [past.clone(), current]);
});

on_every_backend!(a_body_that_is_not_json_is_refused, |app| {
    let user = app.user().await;
    let id = id_of(&create_budget(&user, &json!({ "amount": "100" })).await);
    let before = written(&app).await;
    for (method, path) in [
        (Method::POST, "/api/v1/budgets".to_string()),
        (Method::PATCH, format!("/api/v1/budgets/{id}")),
    ] {
        let url = app.url(&path);
        let broken = user
            .request(method.clone(), &url)
            .header("content-type", "application/json")
            .body("{\"amount\": ");
        assert_error(broken.send().await.expect("sent"), 400, "bad_request").await;
        let untyped = user
            .request(method.clone(), &url)
            .body("{\"amount\": \"5\"}");
        assert_error(
            untyped.send().await.expect("sent"),
            415,
            "unsupported_media_type",
        )
        .await;
        let list = user.request(method, &url).json(&json!([{ "amount": "5" }]));
        assert_eq!(list.send().await.expect("sent").status(), 422, "{path}");
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(a_month_in_the_url_must_be_a_month, |app| {
    let user = app.user().await;
    create_budget(&user, &json!({ "amount": "100" })).await;
    for path in ["/api/v1/budgets", "/api/v1/budgets/status"] {
        for month in BAD_MONTHS {
            let response = user.get(&format!("{path}?month={month}")).await;
            assert_invalid(response, "month", &format!("{path}?month={month}")).await;
        }
        let response = user
            .get(&format!("{path}?month=2026-13&month=2026-01"))
            .await;
        assert!(
            response.status().is_client_error(),
            "{path}: a repeated month"
        );
        let response = user.get(&format!("{path}?mnth=2026-01")).await;
        assert_error(response, 400, "bad_request").await;
    }
});

on_every_backend!(an_archived_category_cannot_get_a_budget, |app| {
    let user = app.user().await;
    let archived = crate::expenses::new_category(&user, "Old hobby", true).await;
    let before = written(&app).await;
    let response = user
        .post(
            "/api/v1/budgets",
            &json!({ "category_id": archived, "amount": "50" }),
        )
        .await;
    assert_invalid(response, "category_id", &"an archived category").await;
    assert_eq!(written(&app).await, before);
});

on_every_backend!(a_change_that_changes_nothing_writes_nothing, |app| {
    let user = app.user().await;
    let (_, this_month) = today_in_utc().await;
    let request = json!({ "amount": "80", "month": shift(this_month, -2).to_string() });
    let id = id_of(&create_budget(&user, &request).await);
    let before = written(&app).await;
    let response = patch_budget(&user, id, &json!({ "amount": "80.00", "rollover": false })).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["id"], id, "still the row from two months ago");
    assert_eq!(written(&app).await, before);
});
