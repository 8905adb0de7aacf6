//! A budget's months: a change keeps the months before it, a replaced row is frozen, a plan
//! waits for its month, and deleting a budget (or its category) removes every month of it.

use std::slice::from_ref;

use serde_json::json;

use super::{
    assert_line, budget, budgets_in, create_budget, id_of, patch_budget, shift, spend, status_of,
    today_in_utc, written,
};
use crate::{
    expenses::{assert_error, body, category_id, last_activity},
    helpers::on_every_backend,
};

on_every_backend!(
    changing_a_budget_from_an_earlier_month_keeps_that_months_amount,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let (_, this_month) = today_in_utc().await;
        let two_ago = shift(this_month, -2);
        let old = create_budget(&user, &budget(Some(groceries), "100", two_ago, true)).await;
        assert_eq!(old["month"], two_ago.to_string());

        let response = patch_budget(&user, id_of(&old), &json!({ "amount": "150" })).await;
        assert_eq!(response.status(), 200);
        let new = body(response).await;
        assert_ne!(id_of(&new), id_of(&old), "a new row for this month");
        assert_eq!(new["month"], this_month.to_string());
        assert_eq!(new["amount_minor"], 15_000);
        assert_eq!(new["rollover"], true, "unchanged settings carry over");

        assert_eq!(budgets_in(&user, Some(two_ago)).await, from_ref(&old));
        assert_eq!(
            budgets_in(&user, Some(shift(this_month, -1))).await,
            from_ref(&old),
            "the old row is in force until the new one starts"
        );
        assert_eq!(budgets_in(&user, None).await, from_ref(&new));
        assert_eq!(budgets_in(&user, Some(this_month)).await, from_ref(&new));
        assert_eq!(
            budgets_in(&user, Some(shift(this_month, 3))).await,
            from_ref(&new)
        );
        assert!(
            budgets_in(&user, Some(shift(this_month, -3)))
                .await
                .is_empty(),
            "nothing before the first month"
        );

        let response = patch_budget(&user, id_of(&new), &json!({ "amount": "175" })).await;
        assert_eq!(response.status(), 200);
        let again = body(response).await;
        assert_eq!(
            id_of(&again),
            id_of(&new),
            "the row of this month changes in place"
        );
        assert_eq!(
            budgets_in(&user, Some(two_ago)).await[0]["amount_minor"],
            10_000
        );
        assert_eq!(written(&app).await.0, 2);
    }
);

on_every_backend!(a_row_replaced_by_a_later_one_cannot_be_changed, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let (_, this_month) = today_in_utc().await;

    // Replaced this month through a change.
    let old = create_budget(
        &user,
        &budget(Some(groceries), "100", shift(this_month, -2), false),
    )
    .await;
    let response = patch_budget(&user, id_of(&old), &json!({ "amount": "150" })).await;
    assert_eq!(response.status(), 200);
    // Replaced last month by a row made for it.
    let first = create_budget(
        &user,
        &budget(Some(dining), "50", shift(this_month, -3), false),
    )
    .await;
    create_budget(
        &user,
        &budget(Some(dining), "60", shift(this_month, -1), false),
    )
    .await;

    let before = written(&app).await;
    for id in [id_of(&old), id_of(&first)] {
        for changes in [
            json!({ "amount": "1" }),
            json!({ "rollover": true }),
            json!({}),
        ] {
            let response = patch_budget(&user, id, &changes).await;
            assert_error(response, 409, "conflict").await;
        }
    }
    assert_eq!(written(&app).await, before, "nothing written");
    assert_eq!(budgets_in(&user, Some(shift(this_month, -2))).await[1], old);
});

on_every_backend!(a_budget_planned_ahead_starts_in_its_month, |app| {
    let user = app.user().await;
    let dining = category_id(&user, "Dining").await;
    let (_, this_month) = today_in_utc().await;
    let current = create_budget(&user, &budget(Some(dining), "80", this_month, false)).await;
    let planned = create_budget(
        &user,
        &budget(Some(dining), "120", shift(this_month, 2), false),
    )
    .await;

    assert_eq!(budgets_in(&user, None).await, from_ref(&current));
    assert_eq!(
        budgets_in(&user, Some(shift(this_month, 1))).await,
        from_ref(&current)
    );
    assert_eq!(
        budgets_in(&user, Some(shift(this_month, 2))).await,
        from_ref(&planned)
    );
    assert_eq!(
        budgets_in(&user, Some(shift(this_month, 7))).await,
        from_ref(&planned)
    );

    let response = patch_budget(&user, id_of(&planned), &json!({ "amount": "125" })).await;
    assert_eq!(response.status(), 200);
    let changed = body(response).await;
    assert_eq!(
        id_of(&changed),
        id_of(&planned),
        "a future row changes in place"
    );
    assert_eq!(changed["month"], shift(this_month, 2).to_string());
    assert_eq!(
        budgets_in(&user, None).await,
        from_ref(&current),
        "this month is untouched"
    );

    // This month's row is still the one in force now, so it can change.
    let response = patch_budget(&user, id_of(&current), &json!({ "amount": "90" })).await;
    assert_eq!(response.status(), 200);
    assert_eq!(id_of(&body(response).await), id_of(&current));
    assert_eq!(
        budgets_in(&user, Some(shift(this_month, 2))).await[0]["amount_minor"],
        12_500
    );
});

on_every_backend!(
    a_budget_in_force_now_can_change_beside_a_planned_one,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let (_, this_month) = today_in_utc().await;
        let past = create_budget(
            &user,
            &budget(Some(groceries), "100", shift(this_month, -2), false),
        )
        .await;
        let planned = create_budget(
            &user,
            &budget(Some(groceries), "300", shift(this_month, 2), false),
        )
        .await;

        let response = patch_budget(&user, id_of(&past), &json!({ "amount": "150" })).await;
        assert_eq!(
            response.status(),
            200,
            "the planned row does not replace it yet"
        );
        let changed = body(response).await;
        assert_eq!(changed["month"], this_month.to_string());
        for (month, amount) in [
            (-2, 10_000),
            (-1, 10_000),
            (0, 15_000),
            (1, 15_000),
            (2, 30_000),
        ] {
            let listed = budgets_in(&user, Some(shift(this_month, month))).await;
            assert_eq!(listed.len(), 1, "{month}");
            assert_eq!(listed[0]["amount_minor"], amount, "{month}");
        }
        assert_eq!(
            budgets_in(&user, Some(shift(this_month, 2))).await,
            [planned]
        );
    }
);

on_every_backend!(deleting_a_budget_removes_every_month_of_it, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let (_, this_month) = today_in_utc().await;
    let first = create_budget(
        &user,
        &budget(Some(groceries), "100", shift(this_month, -2), false),
    )
    .await;
    let response = patch_budget(&user, id_of(&first), &json!({ "amount": "150" })).await;
    assert_eq!(response.status(), 200);
    create_budget(
        &user,
        &budget(Some(groceries), "200", shift(this_month, 1), false),
    )
    .await;
    let kept = create_budget(
        &user,
        &budget(Some(dining), "70", shift(this_month, -2), false),
    )
    .await;
    let overall = create_budget(&user, &budget(None, "500", shift(this_month, -2), false)).await;
    assert_eq!(written(&app).await.0, 5);

    let response = user
        .delete(&format!("/api/v1/budgets/{}", id_of(&first)))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        written(&app).await.0,
        2,
        "all three Groceries rows are gone"
    );
    for month in [-2, 0, 1, 5] {
        assert_eq!(
            budgets_in(&user, Some(shift(this_month, month))).await,
            [overall.clone(), kept.clone()],
            "{month}"
        );
    }
    let (kind, _, payload) = last_activity(&app).await;
    assert_eq!(kind, "budget.deleted");
    assert_eq!(payload["category_id"], groceries);

    let response = user
        .delete(&format!("/api/v1/budgets/{}", id_of(&overall)))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(budgets_in(&user, None).await, [kept]);
    assert_error(
        user.delete("/api/v1/budgets/999999").await,
        404,
        "not_found",
    )
    .await;
});

on_every_backend!(deleting_a_category_deletes_its_budgets, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let (_, this_month) = today_in_utc().await;
    let last = shift(this_month, -1);
    let old = create_budget(
        &user,
        &budget(Some(groceries), "100", shift(this_month, -2), true),
    )
    .await;
    let response = patch_budget(&user, id_of(&old), &json!({ "amount": "150" })).await;
    assert_eq!(response.status(), 200);
    let kept = create_budget(&user, &budget(Some(dining), "100", last, false)).await;
    let overall = create_budget(&user, &budget(None, "500", last, false)).await;
    spend(&user, groceries, "40", last.first_day()).await;

    let path = format!("/api/v1/categories/{groceries}?move_to={dining}");
    assert_eq!(user.delete(&path).await.status(), 204);
    assert_eq!(written(&app).await.0, 2, "both Groceries rows went with it");
    for month in [shift(this_month, -2), last, this_month] {
        let listed = budgets_in(&user, Some(month)).await;
        assert!(
            listed.iter().all(|item| item["category_id"] != groceries),
            "{month}: {listed:?}"
        );
    }
    assert_eq!(budgets_in(&user, None).await, [overall, kept]);
    let status = status_of(&user, last).await;
    assert_line(&status, Some(dining), &json!({ "spent_minor": 4_000 }));
    assert_line(&status, None, &json!({ "spent_minor": 4_000 }));
});
