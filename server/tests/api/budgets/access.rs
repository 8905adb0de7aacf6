//! Another user's budget is "not found" over REST, lists and statuses only ever hold the viewer's
//! own budgets and spending, and nothing answers without a session.

use reqwest::Method;
use serde_json::json;

use super::{
    assert_line, budget, budgets_in, category_ids, create_budget, id_of, shift, spend, status_of,
    today_in_utc, written,
};
use crate::{
    expenses::{assert_error, assert_invalid},
    helpers::{ApiRequest, assert_other_user_gets_404, on_every_backend},
};

const VIEW: &str = "/api/v1/budgets";

on_every_backend!(another_users_budget_is_not_found_on_any_endpoint, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let [groceries] = category_ids(&owner, ["Groceries"]).await;
    let (_, this_month) = today_in_utc().await;
    let current = create_budget(
        &owner,
        &json!({ "category_id": groceries, "amount": "100" }),
    )
    .await;
    let past = create_budget(&owner, &budget(None, "900", shift(this_month, -2), true)).await;
    let before = written(&app).await;
    for id in [id_of(&current), id_of(&past)] {
        let path = format!("{VIEW}/{id}");
        for (method, body) in [
            (Method::PATCH, Some(json!({ "amount": "1" }))),
            (Method::PATCH, Some(json!({ "rollover": false }))),
            (Method::PATCH, Some(json!({}))),
            (Method::DELETE, None),
        ] {
            let request = ApiRequest {
                method,
                path: path.clone(),
                body,
            };
            assert_other_user_gets_404(&app, &owner, &other, &request, VIEW).await;
        }
    }
    assert_eq!(written(&app).await, before, "no row, no activity");
    assert_eq!(
        budgets_in(&owner, Some(shift(this_month, -2))).await,
        [past]
    );
    assert_eq!(budgets_in(&owner, None).await[1], current);
});

on_every_backend!(lists_and_statuses_hold_only_the_viewers_budgets, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let [owners_groceries] = category_ids(&owner, ["Groceries"]).await;
    let [others_groceries] = category_ids(&other, ["Groceries"]).await;
    let (_, this_month) = today_in_utc().await;
    let last = shift(this_month, -1);
    create_budget(&owner, &budget(None, "900", last, true)).await;
    create_budget(&owner, &budget(Some(owners_groceries), "300", last, true)).await;
    create_budget(
        &owner,
        &budget(Some(owners_groceries), "350", shift(this_month, 2), false),
    )
    .await;
    spend(&owner, owners_groceries, "250", last.first_day()).await;

    for month in [last, this_month, shift(this_month, 2)] {
        assert!(budgets_in(&other, Some(month)).await.is_empty(), "{month}");
        assert_eq!(
            status_of(&other, month).await["lines"],
            json!([]),
            "{month}"
        );
    }

    // The same month and the same category name are no conflict across users.
    create_budget(&other, &budget(None, "50", last, false)).await;
    create_budget(&other, &budget(Some(others_groceries), "20", last, false)).await;
    spend(&other, others_groceries, "5", last.last_day()).await;
    let status = status_of(&other, last).await;
    assert_eq!(
        status["lines"].as_array().map(Vec::len),
        Some(2),
        "{status}"
    );
    for category in [None, Some(others_groceries)] {
        assert_line(
            &status,
            category,
            &json!({ "spent_minor": 500, "carried_minor": 0 }),
        );
    }
    let status = status_of(&owner, last).await;
    assert_line(&status, None, &json!({ "spent_minor": 25_000 }));
    assert_eq!(budgets_in(&owner, Some(last)).await.len(), 2);
    assert_eq!(budgets_in(&other, Some(last)).await.len(), 2);
});

on_every_backend!(a_budget_cannot_be_made_on_another_users_category, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let [owners_dining] = category_ids(&owner, ["Dining"]).await;
    let before = written(&app).await;
    let request = json!({ "category_id": owners_dining, "amount": "100" });
    let response = other.post(VIEW, &request).await;
    assert_invalid(response, "category_id", &"the owner's category").await;
    assert_eq!(written(&app).await, before);
    assert!(budgets_in(&other, None).await.is_empty());
    assert!(budgets_in(&owner, None).await.is_empty());
    // The owner can still budget it: nothing was reserved by the refused attempt.
    create_budget(&owner, &request).await;
});

on_every_backend!(budgets_need_a_session, |app| {
    let user = app.user().await;
    let id = id_of(&create_budget(&user, &json!({ "amount": "100" })).await);
    let before = written(&app).await;
    let path = format!("{VIEW}/{id}");
    let attempts = [
        app.client.get(app.url(VIEW)),
        app.client.get(app.url("/api/v1/budgets/status")),
        app.client
            .post(app.url(VIEW))
            .json(&json!({ "amount": "5" })),
        app.client
            .patch(app.url(&path))
            .json(&json!({ "amount": "5" })),
        app.client.delete(app.url(&path)),
        app.client.get(app.url(VIEW)).bearer_auth("not-a-token"),
        app.client.delete(app.url(&path)).bearer_auth("not-a-token"),
    ];
    for attempt in attempts {
        assert_error(attempt.send().await.expect("sent"), 401, "unauthorized").await;
    }
    assert_eq!(written(&app).await, before);
    assert_eq!(budgets_in(&user, None).await.len(), 1);
});
