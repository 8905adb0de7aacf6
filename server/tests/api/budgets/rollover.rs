//! Rollover: what a month left (or overspent) is carried into the next when that month's row has
//! rollover on, month after month; a month without it starts the next one afresh.

use serde_json::json;

use super::{
    assert_line, budget, category_ids, create_budget, id_of, patch_budget, shift, spend, status_of,
    today_in_utc,
};
use crate::{
    expenses::{body, create, set_base_currency},
    helpers::on_every_backend,
};

on_every_backend!(leftovers_and_overspending_carry_month_after_month, |app| {
    let user = app.user().await;
    let [groceries] = category_ids(&user, ["Groceries"]).await;
    let (today, this_month) = today_in_utc().await;
    let [three_ago, two_ago, last] = [-3, -2, -1].map(|offset| shift(this_month, offset));
    create_budget(&user, &budget(Some(groceries), "100", three_ago, true)).await;
    spend(&user, groceries, "60", three_ago.first_day()).await;
    spend(&user, groceries, "100", two_ago.first_day()).await;
    spend(&user, groceries, "70", two_ago.last_day()).await;
    spend(&user, groceries, "20", last.last_day()).await;

    let expected = [
        // 100 budgeted, 60 spent: 40 left.
        (
            three_ago,
            json!({ "carried_minor": 0, "available_minor": 10_000, "spent_minor": 6_000,
            "left_minor": 4_000, "percent_used": 60, "state": "under" }),
        ),
        // 100 + 40 available, 170 spent: 30 overspent.
        (
            two_ago,
            json!({ "carried_minor": 4_000, "available_minor": 14_000, "spent_minor": 17_000,
            "left_minor": -3_000, "percent_used": 121, "state": "over" }),
        ),
        // 100 − 30 available, 20 spent: 50 left.
        (
            last,
            json!({ "carried_minor": -3_000, "available_minor": 7_000, "spent_minor": 2_000,
            "left_minor": 5_000, "percent_used": 28, "state": "under" }),
        ),
        (
            this_month,
            json!({ "carried_minor": 5_000, "available_minor": 15_000, "spent_minor": 0,
            "left_minor": 15_000 }),
        ),
        (
            shift(this_month, 1),
            json!({ "carried_minor": 15_000, "available_minor": 25_000,
            "left_minor": 25_000 }),
        ),
    ];
    for (month, figures) in expected {
        let status = status_of(&user, month).await;
        assert_line(
            &status,
            Some(groceries),
            &json!({ "budgeted_minor": 10_000 }),
        );
        assert_line(&status, Some(groceries), &figures);
    }
    let days_left = i64::from(this_month.days() - chrono::Datelike::day(&today) + 1);
    assert_line(
        &status_of(&user, this_month).await,
        Some(groceries),
        &json!({ "daily_allowance_minor": 15_000 / days_left }),
    );
    let next = shift(this_month, 1);
    assert_line(
        &status_of(&user, next).await,
        Some(groceries),
        &json!({ "daily_allowance_minor": 25_000 / i64::from(next.days()) }),
    );
});

on_every_backend!(a_month_without_rollover_breaks_the_chain, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (_, this_month) = today_in_utc().await;
    let [three_ago, two_ago, last] = [-3, -2, -1].map(|offset| shift(this_month, offset));
    let first = create_budget(&user, &budget(Some(dining), "50", three_ago, true)).await;
    let off = create_budget(&user, &budget(Some(dining), "80", two_ago, false)).await;
    let on = create_budget(&user, &budget(Some(dining), "60", last, true)).await;
    spend(&user, dining, "10", three_ago.last_day()).await;
    spend(&user, dining, "100", two_ago.first_day()).await;
    spend(&user, dining, "70", last.first_day()).await;

    for (month, row, figures) in [
        (
            three_ago,
            &first,
            json!({ "carried_minor": 0, "left_minor": 4_000 }),
        ),
        // The month before had rollover on: its 40 left come in, though this row has it off.
        (
            two_ago,
            &off,
            json!({ "budgeted_minor": 8_000, "carried_minor": 4_000,
            "available_minor": 12_000, "left_minor": 2_000 }),
        ),
        // The month before had it off: its 20 left stay there.
        (
            last,
            &on,
            json!({ "budgeted_minor": 6_000, "carried_minor": 0, "available_minor": 6_000,
            "left_minor": -1_000, "percent_used": 116, "state": "over" }),
        ),
        (
            this_month,
            &on,
            json!({ "budgeted_minor": 6_000, "carried_minor": -1_000,
            "available_minor": 5_000, "spent_minor": 0 }),
        ),
    ] {
        let status = status_of(&user, month).await;
        assert_line(&status, Some(dining), &json!({ "budget_id": id_of(row) }));
        assert_line(&status, Some(dining), &figures);
    }
});

on_every_backend!(a_budget_without_rollover_starts_every_month_afresh, |app| {
    let user = app.user().await;
    let [transport] = category_ids(&user, ["Transport"]).await;
    let (_, this_month) = today_in_utc().await;
    let two_ago = shift(this_month, -2);
    create_budget(&user, &budget(Some(transport), "40", two_ago, false)).await;
    spend(&user, transport, "100", two_ago.first_day()).await;
    spend(&user, transport, "5", shift(this_month, -1).first_day()).await;
    for (month, left) in [
        (two_ago, -6_000),
        (shift(this_month, -1), 3_500),
        (this_month, 4_000),
    ] {
        assert_line(
            &status_of(&user, month).await,
            Some(transport),
            &json!({ "carried_minor": 0, "available_minor": 4_000, "left_minor": left }),
        );
    }
});

on_every_backend!(the_overall_budget_carries_what_every_category_left, |app| {
    let user = app.user().await;
    let [groceries, dining, transport] =
        category_ids(&user, ["Groceries", "Dining", "Transport"]).await;
    let (_, this_month) = today_in_utc().await;
    let [two_ago, last] = [-2, -1].map(|offset| shift(this_month, offset));
    create_budget(&user, &budget(None, "300", two_ago, true)).await;
    create_budget(&user, &budget(Some(groceries), "120", two_ago, false)).await;
    spend(&user, groceries, "100", two_ago.first_day()).await;
    spend(&user, dining, "50", two_ago.last_day()).await;
    create(
        &user,
        &json!({ "amount": "500", "currency": "EUR", "spent_on": two_ago.first_day(),
            "category_id": transport }),
    )
    .await;
    spend(&user, transport, "500", last.first_day()).await;

    let status = status_of(&user, two_ago).await;
    assert_line(
        &status,
        None,
        &json!({ "spent_minor": 15_000, "left_minor": 15_000 }),
    );
    assert_line(&status, Some(groceries), &json!({ "left_minor": 2_000 }));
    let status = status_of(&user, last).await;
    assert_line(
        &status,
        None,
        &json!({ "carried_minor": 15_000, "available_minor": 45_000, "spent_minor": 50_000,
            "left_minor": -5_000, "state": "over" }),
    );
    assert_line(
        &status,
        Some(groceries),
        &json!({ "carried_minor": 0, "available_minor": 12_000 }),
    );
    assert_line(
        &status_of(&user, this_month).await,
        None,
        &json!({ "carried_minor": -5_000, "available_minor": 25_000 }),
    );
});

on_every_backend!(
    overspending_beyond_the_budget_leaves_nothing_available,
    |app| {
        let user = app.user().await;
        let [health] = category_ids(&user, ["Health"]).await;
        let (_, this_month) = today_in_utc().await;
        let two_ago = shift(this_month, -2);
        create_budget(&user, &budget(Some(health), "50", two_ago, true)).await;
        spend(&user, health, "200", two_ago.first_day()).await;

        for (month, carried, available) in [
            (shift(this_month, -1), -15_000, -10_000),
            (this_month, -10_000, -5_000),
            (shift(this_month, 1), -5_000, 0),
        ] {
            assert_line(
                &status_of(&user, month).await,
                Some(health),
                &json!({
                    "carried_minor": carried, "available_minor": available, "spent_minor": 0,
                    "left_minor": available, "percent_used": null, "daily_allowance_minor": null,
                }),
            );
        }
        let status = status_of(&user, shift(this_month, -1)).await;
        assert_line(&status, Some(health), &json!({ "state": "over" }));
    }
);

on_every_backend!(
    switching_rollover_now_changes_only_the_months_ahead,
    |app| {
        let user = app.user().await;
        let [groceries, dining] = category_ids(&user, ["Groceries", "Dining"]).await;
        let (_, this_month) = today_in_utc().await;
        let [two_ago, last, next] = [-2, -1, 1].map(|offset| shift(this_month, offset));
        let started_on = create_budget(&user, &budget(Some(groceries), "100", two_ago, true)).await;
        let started_off = create_budget(&user, &budget(Some(dining), "50", two_ago, false)).await;
        spend(&user, groceries, "30", last.first_day()).await;
        spend(&user, dining, "20", last.first_day()).await;

        for (budget, rollover) in [(&started_on, false), (&started_off, true)] {
            let response =
                patch_budget(&user, id_of(budget), &json!({ "rollover": rollover })).await;
            assert_eq!(response.status(), 200);
            let changed = body(response).await;
            assert_eq!(changed["month"], this_month.to_string());
            assert_eq!(changed["rollover"], rollover);
        }

        let status = status_of(&user, this_month).await;
        // Last month's row still had rollover on: it carries its 100 + 100 less the 30 spent there.
        assert_line(
            &status,
            Some(groceries),
            &json!({ "carried_minor": 17_000, "available_minor": 27_000 }),
        );
        assert_line(
            &status,
            Some(dining),
            &json!({ "carried_minor": 0, "available_minor": 5_000 }),
        );
        let status = status_of(&user, next).await;
        assert_line(
            &status,
            Some(groceries),
            &json!({ "carried_minor": 0, "available_minor": 10_000 }),
        );
        assert_line(
            &status,
            Some(dining),
            &json!({ "carried_minor": 5_000, "available_minor": 10_000 }),
        );
        let status = status_of(&user, last).await;
        assert_line(
            &status,
            Some(groceries),
            &json!({ "carried_minor": 10_000, "left_minor": 17_000 }),
        );
        assert_line(
            &status,
            Some(dining),
            &json!({ "carried_minor": 0, "left_minor": 3_000 }),
        );
    }
);

on_every_backend!(nothing_is_carried_into_a_month_in_another_currency, |app| {
    let user = app.user().await;
    let [groceries] = category_ids(&user, ["Groceries"]).await;
    let (_, this_month) = today_in_utc().await;
    let [two_ago, last, next] = [-2, -1, 1].map(|offset| shift(this_month, offset));
    create_budget(&user, &budget(Some(groceries), "100", two_ago, true)).await;
    set_base_currency(&user, "JPY").await;
    let yen = create_budget(&user, &budget(Some(groceries), "5000", this_month, true)).await;
    assert_eq!(yen["currency"], "JPY");

    assert_line(
        &status_of(&user, last).await,
        Some(groceries),
        &json!({ "currency": "USD", "carried_minor": 10_000, "available_minor": 20_000 }),
    );
    // $200.00 left last month is not ¥20000: without a rate the chain starts again.
    assert_line(
        &status_of(&user, this_month).await,
        Some(groceries),
        &json!({ "currency": "JPY", "carried_minor": 0, "available_minor": 5_000 }),
    );
    assert_line(
        &status_of(&user, next).await,
        Some(groceries),
        &json!({ "currency": "JPY", "carried_minor": 5_000, "available_minor": 10_000 }),
    );
});
