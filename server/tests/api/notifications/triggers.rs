//! Which writes raise an alert: expenses, budgets lowered or made late, CSV imports and a category
//! deleted into a budgeted one; a refused write raises nothing, and only this month in the
//! user's own time zone is news.

use app::budgets::Month;
use chrono::{Days, Utc};
use serde_json::{Value, json};

use super::{alert_events, bell, days_left, key, keys_of, month_name, titles};
use crate::{
    budgets::{budget, category_ids, create_budget, id_of, shift, spend, status_of, today_in_utc},
    expenses::{
        assert_error, assert_invalid, create, expense, last_activity, new_category, set_timezone,
        today_at_offset,
    },
    helpers::on_every_backend,
    transfer::{MAPPING, assert_refused_at_line, import, imported},
};

/// Zones without daylight saving, one far ahead of UTC and one far behind.
const ZONES: [(&str, i64); 2] = [("Pacific/Kiritimati", 14), ("Pacific/Pago_Pago", -11)];

fn field_values(event: &Value, fields: &[&str]) -> Value {
    fields.iter().map(|field| event[*field].clone()).collect()
}

on_every_backend!(
    lowering_a_budget_or_budgeting_late_raises_the_alert,
    |app| {
        let user = app.user().await;
        let [groceries, transport] = category_ids(&user, ["Groceries", "Transport"]).await;
        let (today, month) = today_in_utc().await;
        let groceries_budget =
            create_budget(&user, &budget(Some(groceries), "200", month, false)).await;
        spend(&user, groceries, "100", today).await;
        spend(&user, transport, "90", today).await;
        assert!(titles(&user).await.is_empty());

        let path = format!("/api/v1/budgets/{}", id_of(&groceries_budget));
        for amount in ["120", "90"] {
            let response = user.patch(&path, &json!({ "amount": amount })).await;
            assert_eq!(response.status(), 200, "{amount}");
        }
        create_budget(&user, &budget(Some(transport), "100", month, false)).await;
        let overall = create_budget(&user, &budget(None, "150", month, false)).await;
        assert_eq!(
            titles(&user).await,
            [
                "Overall budget: over",
                "Transport budget: 90 % used",
                "Groceries budget: over",
                "Groceries budget: 83 % used",
            ]
        );
        assert_eq!(
            bell(&user).await["items"][0]["body"],
            format!(
                "190.00 USD spent in {} against 150.00 USD, 40.00 USD over.",
                month_name(month)
            )
        );
        let text = bell(&user).await["items"][0]["body"].clone();
        let events = alert_events(&app, &user).await;
        assert_eq!(
            events.last().cloned(),
            Some(json!({
                "budget_id": id_of(&overall), "category_id": null, "category_name": null,
                "month": month.to_string(), "threshold_percent": 100, "spent_minor": 19_000,
                "available_minor": 15_000, "currency": "USD", "title": "Overall budget: over",
                "body": text,
            }))
        );
        assert_eq!(
            keys_of(&app, &user).await,
            [
                key(Some(groceries), month, 80),
                key(Some(groceries), month, 100),
                key(Some(transport), month, 80),
                key(None, month, 100),
            ]
        );
    }
);

on_every_backend!(
    a_budget_changed_from_an_earlier_month_is_one_series,
    |app| {
        let user = app.user().await;
        let [dining] = category_ids(&user, ["Dining"]).await;
        let (today, month) = today_in_utc().await;
        let old = id_of(
            &create_budget(&user, &budget(Some(dining), "100", shift(month, -1), false)).await,
        );
        spend(&user, dining, "85", today).await;
        let response = user
            .patch(
                &format!("/api/v1/budgets/{old}"),
                &json!({ "amount": "80" }),
            )
            .await;
        assert_eq!(response.status(), 200);
        let new = id_of(&crate::expenses::body(response).await);
        assert_ne!(new, old, "this month gets a row of its own");

        let events = alert_events(&app, &user).await;
        let seen: Vec<Value> = events
            .iter()
            .map(|event| {
                field_values(
                    event,
                    &["budget_id", "threshold_percent", "available_minor"],
                )
            })
            .collect();
        assert_eq!(seen, [json!([old, 80, 10_000]), json!([new, 100, 8_000])]);
        assert_eq!(
            keys_of(&app, &user).await,
            [key(Some(dining), month, 80), key(Some(dining), month, 100)]
        );
    }
);

on_every_backend!(an_import_that_crosses_a_threshold_raises_it, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (today, month) = today_in_utc().await;
    create_budget(&user, &budget(Some(dining), "100", month, false)).await;
    let csv = format!(
        "date,amount,merchant,category\n{today},50,Bistro,Dining\n{today},35,Cafe,dining\n"
    );
    assert_eq!(imported(&user, MAPPING, &csv).await["imported"], 2);
    assert_eq!(titles(&user).await, ["Dining budget: 85 % used"]);
    assert_eq!(last_activity(&app).await.0, "budget.alert");

    let refused =
        format!("date,amount,merchant,category\n{today},20,Deli,Dining\n{today},abc,Deli,Dining\n");
    assert_refused_at_line(import(&user, MAPPING, &refused).await, 3, "abc").await;
    assert_eq!(titles(&user).await, ["Dining budget: 85 % used"]);

    let csv = format!("date,amount,merchant,category\n{today},15,Deli,Dining\n");
    assert_eq!(imported(&user, MAPPING, &csv).await["imported"], 1);
    assert_eq!(
        titles(&user).await,
        ["Dining budget: used up", "Dining budget: 85 % used"]
    );
    let events = alert_events(&app, &user).await;
    let seen: Vec<Value> = events
        .iter()
        .map(|event| field_values(event, &["threshold_percent", "spent_minor"]))
        .collect();
    assert_eq!(seen, [json!([80, 8_500]), json!([100, 10_000])]);
});

on_every_backend!(
    expenses_moved_into_a_budgeted_category_raise_its_alert,
    |app| {
        let user = app.user().await;
        let [dining] = category_ids(&user, ["Dining"]).await;
        let (today, month) = today_in_utc().await;
        create_budget(&user, &budget(Some(dining), "100", month, false)).await;
        spend(&user, dining, "50", today).await;
        let snacks = new_category(&user, "Snacks", false).await;
        spend(&user, snacks, "25", today).await;
        spend(&user, snacks, "15", today).await;
        let path = format!("/api/v1/categories/{snacks}");
        assert_error(user.delete(&path).await, 409, "conflict").await;
        assert!(titles(&user).await.is_empty());

        let response = user.delete(&format!("{path}?move_to={dining}")).await;
        assert_eq!(response.status(), 204);
        assert_eq!(titles(&user).await, ["Dining budget: 90 % used"]);
        let (kind, actor, payload) = last_activity(&app).await;
        assert_eq!((kind.as_str(), actor), ("budget.alert", Some(user.id)));
        assert_eq!(
            field_values(
                &payload,
                &["category_id", "spent_minor", "threshold_percent"]
            ),
            json!([dining, 9_000, 80])
        );
    }
);

on_every_backend!(refused_writes_and_earlier_months_raise_nothing, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (today, month) = today_in_utc().await;
    let last_month = shift(month, -1);
    // Last month's budget is in force this month too.
    create_budget(&user, &budget(Some(dining), "100", last_month, false)).await;
    spend(&user, dining, "150", last_month.last_day()).await;
    spend(&user, dining, "500", last_month.first_day()).await;
    let last_status = status_of(&user, last_month).await;
    assert_eq!(last_status["lines"][0]["state"], "over", "{last_status}");

    let dinner = create(&user, &expense(dining, "70", today)).await;
    let foreign =
        json!({ "amount": "50", "currency": "EUR", "spent_on": today, "category_id": dining });
    create(&user, &foreign).await;
    let archived = new_category(&user, "Old", true).await;
    let response = user
        .patch(
            &format!("/api/v1/expenses/{}", dinner["id"]),
            &json!({ "amount": "95", "category_id": archived }),
        )
        .await;
    assert_invalid(response, "category_id", &"an archived category").await;
    let tomorrow = Utc::now().date_naive() + Days::new(2);
    let response = user
        .post("/api/v1/expenses", &expense(dining, "20", tomorrow))
        .await;
    assert_invalid(response, "spent_on", &"a future date").await;
    // A budget planned for next month says nothing about this one.
    let [groceries] = category_ids(&user, ["Groceries"]).await;
    spend(&user, groceries, "50", today).await;
    create_budget(&user, &budget(Some(groceries), "1", shift(month, 1), false)).await;
    assert_eq!(bell(&user).await, json!({ "items": [], "unread": 0 }));
    assert!(alert_events(&app, &user).await.is_empty());

    // The same budget alerts as soon as this month earns it.
    spend(&user, dining, "10", today).await;
    assert_eq!(titles(&user).await, ["Dining budget: 80 % used"]);
});

on_every_backend!(alerts_follow_the_month_in_the_users_time_zone, |app| {
    for (zone, offset) in ZONES {
        let user = app.user().await;
        set_timezone(&user, zone).await;
        let [dining] = category_ids(&user, ["Dining"]).await;
        let today = today_at_offset(offset).await;
        let month = Month::of(today);
        let last_month = shift(month, -1);
        create_budget(&user, &budget(Some(dining), "100", last_month, false)).await;
        spend(&user, dining, "500", last_month.last_day()).await;
        assert!(titles(&user).await.is_empty(), "{zone}");

        spend(&user, dining, "90", today).await;
        let listed = bell(&user).await;
        let item = &listed["items"][0];
        assert_eq!(
            item["title"], "Dining budget: 90 % used",
            "{zone}: {listed}"
        );
        assert_eq!(
            item["body"],
            format!(
                "90.00 USD of 100.00 USD spent in {}; 10.00 USD left for {}.",
                month_name(month),
                days_left(today, month)
            ),
            "{zone}"
        );
        assert_eq!(item["link"], format!("/budgets?month={month}"), "{zone}");
        assert_eq!(keys_of(&app, &user).await, [key(Some(dining), month, 80)]);
        assert_eq!(
            alert_events(&app, &user).await[0]["month"],
            month.to_string()
        );
    }
});
