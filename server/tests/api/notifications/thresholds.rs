//! When a budget alerts: at 80 % and at 100 % of what it may spend this month, once each, the
//! higher covering the lower, and never again in the month however spending goes up and down.

use app::server::entities::prelude::Activity;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{alert_events, bell, days_left, key, keys_of, month_name, titles};
use crate::{
    budgets::{budget, category_ids, create_budget, id_of, shift, spend, today_in_utc},
    expenses::{body, create, expense},
    helpers::{TestUser, on_every_backend},
};

async fn change_amount(user: &TestUser, expense_id: i64, amount: &str) {
    let response = user
        .patch(
            &format!("/api/v1/expenses/{expense_id}"),
            &json!({ "amount": amount }),
        )
        .await;
    assert_eq!(response.status(), 200, "{amount}: {}", body(response).await);
}

fn id(created: &Value) -> i64 {
    created["id"].as_i64().expect("an id")
}

on_every_backend!(eighty_then_a_hundred_percent_raise_one_alert_each, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (today, month) = today_in_utc().await;
    let budget_id = id_of(&create_budget(&user, &budget(Some(dining), "100", month, false)).await);
    spend(&user, dining, "50", today).await;
    spend(&user, dining, "29.99", month.first_day()).await;
    assert_eq!(
        bell(&user).await,
        json!({ "items": [], "unread": 0 }),
        "79.99 %"
    );
    assert!(alert_events(&app, &user).await.is_empty());

    let activity_before = app.count::<Activity>().await;
    spend(&user, dining, "4.51", today).await;
    assert_eq!(
        app.count::<Activity>().await,
        activity_before + 2,
        "the expense and its alert"
    );
    let title = "Dining budget: 84 % used";
    let text = format!(
        "84.50 USD of 100.00 USD spent in {}; 15.50 USD left for {}.",
        month_name(month),
        days_left(today, month)
    );
    let listed = bell(&user).await;
    assert_eq!(listed["unread"], 1, "{listed}");
    let item = &listed["items"][0];
    assert_eq!(
        (&item["kind"], &item["title"], &item["body"]),
        (&json!("budget_alert"), &json!(title), &json!(text))
    );
    assert_eq!(item["link"], format!("/budgets?month={month}"));
    assert_eq!(item["read_at"], Value::Null);
    let created: DateTime<Utc> = item["created_at"]
        .as_str()
        .and_then(|at| at.parse().ok())
        .unwrap_or_else(|| panic!("a timestamp in {item}"));
    assert!((Utc::now() - created).num_seconds().abs() < 60, "{created}");
    assert_eq!(
        alert_events(&app, &user).await,
        [json!({
            "budget_id": budget_id, "category_id": dining, "category_name": "Dining",
            "month": month.to_string(), "threshold_percent": 80, "spent_minor": 8_450,
            "available_minor": 10_000, "currency": "USD", "title": title, "body": text,
        })]
    );

    spend(&user, dining, "10", today).await;
    spend(&user, dining, "5.49", today).await;
    assert_eq!(titles(&user).await, [title], "99.99 % is still the warning");

    spend(&user, dining, "0.51", today).await;
    let over = "Dining budget: over";
    assert_eq!(titles(&user).await, [over, title], "newest first");
    assert_eq!(bell(&user).await["unread"], 2);
    let events = alert_events(&app, &user).await;
    assert_eq!(events.len(), 2, "{events:?}");
    let text = format!(
        "100.50 USD spent in {} against 100.00 USD, 0.50 USD over.",
        month_name(month)
    );
    for (field, value) in [
        ("threshold_percent", json!(100)),
        ("spent_minor", json!(10_050)),
        ("available_minor", json!(10_000)),
        ("title", json!(over)),
        ("body", json!(text)),
        ("budget_id", json!(budget_id)),
    ] {
        assert_eq!(events[1][field], value, "{field}: {}", events[1]);
    }
    assert_eq!(bell(&user).await["items"][0]["body"], text);

    spend(&user, dining, "500", today).await;
    assert_eq!(
        keys_of(&app, &user).await,
        [key(Some(dining), month, 80), key(Some(dining), month, 100)]
    );
    assert_eq!(alert_events(&app, &user).await.len(), 2);
});

on_every_backend!(
    going_straight_past_a_hundred_percent_raises_only_that,
    |app| {
        let user = app.user().await;
        let [dining, groceries] = category_ids(&user, ["Dining", "Groceries"]).await;
        let (today, month) = today_in_utc().await;
        create_budget(&user, &budget(Some(dining), "100", month, false)).await;
        create_budget(&user, &budget(Some(groceries), "50", month, false)).await;

        let dinner = id(&create(&user, &expense(dining, "120", today)).await);
        spend(&user, groceries, "30", today).await;
        spend(&user, groceries, "20", today).await;
        assert_eq!(
            titles(&user).await,
            ["Groceries budget: used up", "Dining budget: over"]
        );
        let listed = bell(&user).await;
        assert_eq!(
            listed["items"][0]["body"],
            format!("All 50.00 USD of {} is spent.", month_name(month))
        );
        assert_eq!(
            listed["items"][1]["body"],
            format!(
                "120.00 USD spent in {} against 100.00 USD, 20.00 USD over.",
                month_name(month)
            )
        );
        let thresholds: Vec<Value> = alert_events(&app, &user)
            .await
            .iter()
            .map(|event| json!([event["category_id"], event["threshold_percent"]]))
            .collect();
        assert_eq!(thresholds, [json!([dining, 100]), json!([groceries, 100])]);

        // Back down into the warning band and up again: 100 % covers 80 %.
        change_amount(&user, dinner, "85").await;
        change_amount(&user, dinner, "90").await;
        let response = user.delete(&format!("/api/v1/expenses/{dinner}")).await;
        assert_eq!(response.status(), 200);
        spend(&user, dining, "81", today).await;
        assert_eq!(
            keys_of(&app, &user).await,
            [
                key(Some(dining), month, 100),
                key(Some(groceries), month, 100)
            ]
        );
        assert_eq!(alert_events(&app, &user).await.len(), 2);
    }
);

on_every_backend!(falling_back_and_crossing_again_is_no_news, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (today, month) = today_in_utc().await;
    let budget_id = id_of(&create_budget(&user, &budget(Some(dining), "100", month, false)).await);
    let first = id(&create(&user, &expense(dining, "85", today)).await);
    assert_eq!(titles(&user).await, ["Dining budget: 85 % used"]);

    let response = user.delete(&format!("/api/v1/expenses/{first}")).await;
    assert_eq!(response.status(), 200);
    let second = id(&create(&user, &expense(dining, "85", today)).await);
    change_amount(&user, second, "10").await;
    change_amount(&user, second, "95").await;
    let path = format!("/api/v1/budgets/{budget_id}");
    for amount in ["1000", "100"] {
        let response = user.patch(&path, &json!({ "amount": amount })).await;
        assert_eq!(response.status(), 200);
    }
    // Deleted and made again, it is the same budget in the same month.
    assert_eq!(user.delete(&path).await.status(), 204);
    create_budget(&user, &budget(Some(dining), "100", month, false)).await;
    assert_eq!(titles(&user).await, ["Dining budget: 85 % used"]);

    // The other threshold is still news once.
    change_amount(&user, second, "100").await;
    change_amount(&user, second, "50").await;
    change_amount(&user, second, "130").await;
    assert_eq!(
        titles(&user).await,
        ["Dining budget: used up", "Dining budget: 85 % used"]
    );
    assert_eq!(alert_events(&app, &user).await.len(), 2);
    assert_eq!(bell(&user).await["unread"], 2);
});

on_every_backend!(what_rolled_over_counts_as_available, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (today, month) = today_in_utc().await;
    let last_month = shift(month, -1);
    let budget_id =
        id_of(&create_budget(&user, &budget(Some(dining), "100", last_month, true)).await);
    spend(&user, dining, "150", today).await;
    assert!(titles(&user).await.is_empty(), "150 of 200 is 75 %");

    spend(&user, dining, "10", today).await;
    assert_eq!(titles(&user).await, ["Dining budget: 80 % used"]);
    let events = alert_events(&app, &user).await;
    assert_eq!(events.len(), 1, "{events:?}");
    for (field, value) in [
        ("budget_id", json!(budget_id)),
        ("month", json!(month.to_string())),
        ("spent_minor", json!(16_000)),
        ("available_minor", json!(20_000)),
        ("threshold_percent", json!(80)),
    ] {
        assert_eq!(events[0][field], value, "{field}: {}", events[0]);
    }
});

on_every_backend!(
    an_overspent_rollover_alerts_only_once_spending_starts,
    |app| {
        let user = app.user().await;
        let [dining] = category_ids(&user, ["Dining"]).await;
        let (today, month) = today_in_utc().await;
        let last_month = shift(month, -1);
        create_budget(&user, &budget(Some(dining), "100", last_month, true)).await;
        spend(&user, dining, "250", last_month.first_day()).await;
        assert!(
            titles(&user).await.is_empty(),
            "nothing spent this month reaches nothing, though -50.00 is available"
        );

        spend(&user, dining, "1", today).await;
        assert_eq!(titles(&user).await, ["Dining budget: over"]);
        let events = alert_events(&app, &user).await;
        assert_eq!(events.len(), 1, "{events:?}");
        for (field, value) in [
            ("threshold_percent", json!(100)),
            ("spent_minor", json!(100)),
            ("available_minor", json!(-5_000)),
        ] {
            assert_eq!(events[0][field], value, "{field}: {}", events[0]);
        }
        let text = events[0]["body"].as_str().expect("a body");
        assert!(text.ends_with(", 51.00 USD over."), "{text}");
    }
);
