//! Create, list, change and delete a budget over REST; one budget per category and month.

use std::slice::from_ref;

use serde_json::json;

use super::{budget, budgets_in, create_budget, id_of, patch_budget, shift, today_in_utc, written};
use crate::{
    expenses::{assert_error, body, category_id, last_activity, new_category, set_base_currency},
    helpers::on_every_backend,
};

on_every_backend!(a_budget_is_created_listed_changed_and_deleted, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let (_, this_month) = today_in_utc().await;

    let created = create_budget(&user, &json!({ "category_id": groceries, "amount": "400" })).await;
    assert_eq!(created["category_id"], groceries);
    assert_eq!(created["category_name"], "Groceries");
    assert_eq!(created["amount"], "400.00");
    assert_eq!(created["amount_minor"], 40_000);
    assert_eq!(
        created["currency"], "USD",
        "the base currency of a new account"
    );
    assert_eq!(
        created["month"],
        this_month.to_string(),
        "this month by default"
    );
    assert_eq!(created["rollover"], false);
    let id = id_of(&created);
    let (kind, actor, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("budget.created", Some(user.id)));
    assert_eq!(payload["budget_id"], id);
    assert_eq!(budgets_in(&user, None).await, from_ref(&created));

    let response = patch_budget(&user, id, &json!({ "amount": "450.5", "rollover": true })).await;
    assert_eq!(response.status(), 200);
    let changed = body(response).await;
    assert_eq!(id_of(&changed), id, "this month's row is changed in place");
    assert_eq!(changed["amount_minor"], 45_050);
    assert_eq!(changed["amount"], "450.50");
    assert_eq!(changed["rollover"], true);
    assert_eq!(changed["month"], this_month.to_string());
    assert_eq!(changed["created_at"], created["created_at"]);
    assert_eq!(last_activity(&app).await.0, "budget.updated");
    assert_eq!(budgets_in(&user, None).await, from_ref(&changed));

    let response = patch_budget(&user, id, &json!({ "rollover": false })).await;
    assert_eq!(response.status(), 200);
    let changed = body(response).await;
    assert_eq!(changed["amount_minor"], 45_050, "an absent field stays");
    assert_eq!(changed["rollover"], false);
    assert_eq!(written(&app).await.0, 1);

    let response = user.delete(&format!("/api/v1/budgets/{id}")).await;
    assert_eq!(response.status(), 204);
    assert_eq!(last_activity(&app).await.0, "budget.deleted");
    assert!(budgets_in(&user, None).await.is_empty());
    assert_error(
        user.delete(&format!("/api/v1/budgets/{id}")).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        patch_budget(&user, id, &json!({ "amount": "1" })).await,
        404,
        "not_found",
    )
    .await;
});

on_every_backend!(
    the_overall_budget_comes_first_then_categories_by_name,
    |app| {
        let user = app.user().await;
        let transport = category_id(&user, "Transport").await;
        let dining = category_id(&user, "Dining").await;
        let bikes = new_category(&user, "bikes", false).await;
        for category in [Some(transport), None, Some(bikes), Some(dining)] {
            create_budget(&user, &json!({ "category_id": category, "amount": "10" })).await;
        }
        let listed = budgets_in(&user, None).await;
        let order: Vec<_> = listed
            .iter()
            .map(|item| item["category_id"].clone())
            .collect();
        assert_eq!(
            order,
            [json!(null), json!(bikes), json!(dining), json!(transport)],
            "{listed:?}"
        );
        assert_eq!(listed[0]["category_name"], json!(null));
    }
);

on_every_backend!(a_second_budget_for_the_same_month_is_a_conflict, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let (_, this_month) = today_in_utc().await;
    create_budget(&user, &json!({ "category_id": groceries, "amount": "100" })).await;
    create_budget(&user, &json!({ "amount": "900" })).await;
    create_budget(
        &user,
        &budget(Some(groceries), "100", shift(this_month, -4), false),
    )
    .await;
    create_budget(
        &user,
        &budget(Some(groceries), "100", shift(this_month, 4), false),
    )
    .await;

    let before = written(&app).await;
    for request in [
        budget(Some(groceries), "120", this_month, true),
        json!({ "category_id": groceries, "amount": "5" }),
        budget(Some(groceries), "120", shift(this_month, -4), false),
        budget(Some(groceries), "120", shift(this_month, 4), false),
        json!({ "amount": "900" }),
        json!({ "category_id": null, "amount": "1", "month": this_month.to_string() }),
    ] {
        let response = user.post("/api/v1/budgets", &request).await;
        assert_error(response, 409, "conflict").await;
    }
    assert_eq!(written(&app).await, before, "nothing written");

    create_budget(
        &user,
        &budget(Some(groceries), "120", shift(this_month, -1), false),
    )
    .await;
    create_budget(&user, &budget(None, "900", shift(this_month, 1), false)).await;
});

on_every_backend!(a_budget_keeps_the_currency_it_was_made_in, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    set_base_currency(&user, "JPY").await;
    let yen = create_budget(
        &user,
        &json!({ "category_id": groceries, "amount": "1500" }),
    )
    .await;
    assert_eq!(
        (&yen["currency"], &yen["amount"], &yen["amount_minor"]),
        (&json!("JPY"), &json!("1500"), &json!(1500))
    );
    set_base_currency(&user, "BHD").await;
    let dinar = create_budget(&user, &json!({ "amount": "1.234" })).await;
    assert_eq!(dinar["currency"], "BHD");
    assert_eq!(dinar["amount_minor"], 1234);

    let response = patch_budget(&user, id_of(&yen), &json!({ "amount": "2000" })).await;
    assert_eq!(response.status(), 200);
    let changed = body(response).await;
    assert_eq!(
        changed["currency"], "JPY",
        "a change keeps the budget's own currency"
    );
    assert_eq!(changed["amount_minor"], 2000);
});
