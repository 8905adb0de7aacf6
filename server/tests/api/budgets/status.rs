//! How budgets stand in a month, against fixtures computed by hand: spent, left, percent and
//! state per category and overall, which expenses count, and the days left to spend them in.

use serde_json::json;

use super::{
    assert_line, budget, category_ids, create_budget, id_of, patch_budget, shift, spend, status_of,
    today_in_utc,
};
use crate::{
    expenses::{body, category_id, create, new_category},
    helpers::on_every_backend,
};

on_every_backend!(spending_is_summed_per_category_and_overall, |app| {
    let user = app.user().await;
    let (today, this_month) = today_in_utc().await;
    let month = shift(this_month, -1);
    let [groceries, dining, transport, housing, health, fun] = category_ids(
        &user,
        [
            "Groceries",
            "Dining",
            "Transport",
            "Housing",
            "Health",
            "Entertainment",
        ],
    )
    .await;
    for (category, amount) in [
        (None, "500"),
        (Some(groceries), "200"),
        (Some(dining), "100"),
        (Some(transport), "50"),
        (Some(housing), "30"),
        (Some(health), "10"),
    ] {
        create_budget(&user, &budget(category, amount, month, false)).await;
    }
    let first = month.first_day();
    let last = month.last_day();
    for (category, amount, date) in [
        (groceries, "150", first),
        (groceries, "10.50", last),
        (dining, "79.99", first.succ_opt().expect("a day")),
        (transport, "20", first),
        (transport, "30", last),
        (housing, "45", last),
        (fun, "20", last),
        // Outside the month: the day before it and this month.
        (groceries, "1000", first.pred_opt().expect("a day")),
        (dining, "1000", today),
    ] {
        spend(&user, category, amount, date).await;
    }

    let status = status_of(&user, month).await;
    assert_eq!(status["days_left"], 0, "a past month");
    let shown: Vec<_> = status["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|line| line["category_id"].clone())
        .collect();
    assert_eq!(
        shown,
        [
            json!(null),
            json!(dining),
            json!(groceries),
            json!(health),
            json!(housing),
            json!(transport)
        ],
        "overall first, then by name; no line for a category without a budget"
    );
    // 160.50 + 79.99 + 50 + 45 + 20 (Entertainment has no budget but counts overall).
    assert_line(
        &status,
        None,
        &json!({
            "budgeted_minor": 50_000, "carried_minor": 0, "available_minor": 50_000,
            "spent_minor": 35_549, "left_minor": 14_451, "percent_used": 71, "state": "under",
            "currency": "USD", "category_name": null, "category_color": null,
        }),
    );
    assert_line(
        &status,
        Some(groceries),
        &json!({
            "budgeted_minor": 20_000, "available_minor": 20_000, "spent_minor": 16_050,
            "left_minor": 3_950, "percent_used": 80, "state": "warning",
            "category_name": "Groceries", "category_color": "#16a34a",
            "daily_allowance_minor": null,
        }),
    );
    assert_line(
        &status,
        Some(dining),
        &json!({ "spent_minor": 7_999, "left_minor": 2_001, "percent_used": 79, "state": "under" }),
    );
    assert_line(
        &status,
        Some(transport),
        &json!({ "spent_minor": 5_000, "left_minor": 0, "percent_used": 100, "state": "warning" }),
    );
    assert_line(
        &status,
        Some(housing),
        &json!({ "spent_minor": 4_500, "left_minor": -1_500, "percent_used": 150, "state": "over" }),
    );
    assert_line(
        &status,
        Some(health),
        &json!({ "spent_minor": 0, "left_minor": 1_000, "percent_used": 0, "state": "under" }),
    );
});

on_every_backend!(
    percent_used_is_rounded_down_and_warns_from_80_percent,
    |app| {
        let user = app.user().await;
        let (_, this_month) = today_in_utc().await;
        let month = shift(this_month, -1);
        let mut cases = Vec::new();
        for (index, (budgeted, spent, percent, state)) in [
            ("3", "2", 66, "under"),
            ("3", "2.99", 99, "warning"),
            ("100", "80", 80, "warning"),
            ("100", "100.01", 100, "over"),
            ("0.07", "0.01", 14, "under"),
        ]
        .into_iter()
        .enumerate()
        {
            let category = new_category(&user, &format!("Case {index}"), false).await;
            create_budget(&user, &budget(Some(category), budgeted, month, false)).await;
            spend(&user, category, spent, month.last_day()).await;
            cases.push((category, percent, state));
        }
        let status = status_of(&user, month).await;
        for (category, percent, state) in cases {
            assert_line(
                &status,
                Some(category),
                &json!({ "percent_used": percent, "state": state }),
            );
        }
    }
);

on_every_backend!(expenses_in_another_currency_do_not_count, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let (_, this_month) = today_in_utc().await;
    let month = shift(this_month, -1);
    create_budget(&user, &budget(Some(groceries), "100", month, false)).await;
    create_budget(&user, &budget(None, "100", month, false)).await;
    spend(&user, groceries, "25", month.first_day()).await;
    for (amount, currency) in [("40", "EUR"), ("5000", "JPY"), ("30", "usd")] {
        create(
            &user,
            &json!({
                "amount": amount, "currency": currency,
                "spent_on": month.first_day(), "category_id": groceries,
            }),
        )
        .await;
    }
    let status = status_of(&user, month).await;
    for category in [Some(groceries), None] {
        assert_line(
            &status,
            category,
            &json!({ "spent_minor": 5_500, "left_minor": 4_500, "currency": "USD" }),
        );
    }
});

on_every_backend!(a_past_month_has_no_days_left_to_spend_in, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let (_, this_month) = today_in_utc().await;
    let month = shift(this_month, -2);
    create_budget(&user, &budget(Some(groceries), "100", month, false)).await;
    spend(&user, groceries, "10", month.first_day()).await;
    for month in [month, shift(this_month, -1)] {
        let status = status_of(&user, month).await;
        assert_eq!(status["days_left"], 0);
        assert_line(
            &status,
            Some(groceries),
            &json!({ "daily_allowance_minor": null, "budgeted_minor": 10_000 }),
        );
    }
    assert_line(
        &status_of(&user, shift(this_month, -1)).await,
        Some(groceries),
        &json!({ "spent_minor": 0, "left_minor": 10_000 }),
    );
});

on_every_backend!(this_month_shares_what_is_left_over_the_days_left, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let transport = category_id(&user, "Transport").await;
    let (today, this_month) = today_in_utc().await;
    let days_left = i64::from(this_month.days() - chrono::Datelike::day(&today) + 1);
    create_budget(&user, &budget(Some(groceries), "1000", this_month, false)).await;
    create_budget(&user, &budget(Some(dining), "40", this_month, false)).await;
    create_budget(&user, &budget(Some(transport), "15", this_month, false)).await;
    spend(&user, groceries, "100", today).await;
    spend(&user, dining, "50", today).await;
    spend(&user, transport, "15", this_month.first_day()).await;

    let response = user.get("/api/v1/budgets/status").await;
    assert_eq!(response.status(), 200);
    let status = body(response).await;
    assert_eq!(
        status["month"],
        this_month.to_string(),
        "this month by default"
    );
    assert_eq!(status["days_left"], days_left, "today included");
    assert_line(
        &status,
        Some(groceries),
        &json!({ "spent_minor": 10_000, "daily_allowance_minor": 90_000 / days_left }),
    );
    assert_line(
        &status,
        Some(dining),
        &json!({ "left_minor": -1_000, "state": "over", "daily_allowance_minor": null }),
    );
    assert_line(
        &status,
        Some(transport),
        &json!({ "left_minor": 0, "state": "warning", "daily_allowance_minor": null }),
    );
    assert_eq!(status_of(&user, this_month).await, status);
});

on_every_backend!(a_future_month_has_all_its_days_left, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let (today, this_month) = today_in_utc().await;
    create_budget(&user, &budget(Some(groceries), "310", this_month, false)).await;
    spend(&user, groceries, "300", today).await;
    for ahead in [1, 2, 12] {
        let month = shift(this_month, ahead);
        let status = status_of(&user, month).await;
        let days = i64::from(month.days());
        assert_eq!(status["days_left"], days, "{month}");
        assert_line(
            &status,
            Some(groceries),
            &json!({
                "spent_minor": 0, "carried_minor": 0, "left_minor": 31_000,
                "daily_allowance_minor": 31_000 / days, "state": "under", "percent_used": 0,
            }),
        );
    }
});

on_every_backend!(each_month_is_measured_against_its_own_row, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let (_, this_month) = today_in_utc().await;
    let two_ago = shift(this_month, -2);
    let old = create_budget(&user, &budget(Some(groceries), "100", two_ago, false)).await;
    let response = patch_budget(&user, id_of(&old), &json!({ "amount": "250" })).await;
    let new = body(response).await;
    spend(&user, groceries, "90", two_ago.last_day()).await;

    let past = status_of(&user, two_ago).await;
    assert_line(
        &past,
        Some(groceries),
        &json!({ "budget_id": id_of(&old), "budgeted_minor": 10_000, "state": "warning" }),
    );
    let now = status_of(&user, this_month).await;
    assert_line(
        &now,
        Some(groceries),
        &json!({ "budget_id": id_of(&new), "budgeted_minor": 25_000, "spent_minor": 0 }),
    );
    let before = status_of(&user, shift(this_month, -3)).await;
    assert_eq!(
        before["lines"],
        json!([]),
        "no budget before its first month"
    );
    let lines = status_of(&user, this_month).await["lines"].clone();
    assert_eq!(lines.as_array().map(Vec::len), Some(1));

    let response = user
        .delete(&format!("/api/v1/budgets/{}", id_of(&new)))
        .await;
    assert_eq!(response.status(), 204);
    for month in [two_ago, this_month] {
        assert_eq!(status_of(&user, month).await["lines"], json!([]));
    }
});
