//! Simultaneous expenses take turns, so each threshold is still reported once, never a second
//! row for the same key and never a fault from the unique index behind it.

use serde_json::json;

use super::{alert_events, key, keys_of, titles};
use crate::{
    budgets::{budget, category_ids, create_budget, today_in_utc},
    expenses::expense,
    helpers::on_every_backend,
};

on_every_backend!(simultaneous_expenses_raise_each_alert_once, |app| {
    let user = app.user().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let (today, month) = today_in_utc().await;
    create_budget(&user, &budget(Some(dining), "100", month, false)).await;
    create_budget(&user, &budget(None, "100", month, false)).await;

    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let request = user
            .request(reqwest::Method::POST, &app.url("/api/v1/expenses"))
            .json(&expense(dining, "15", today));
        requests.spawn(async move {
            let response = request.send().await.expect("sent");
            let status = response.status().as_u16();
            (status, response.text().await.unwrap_or_default())
        });
    }
    for (status, body) in requests.join_all().await {
        assert_eq!(status, 201, "{body}");
    }

    // 90.00 after the sixth, 105.00 after the seventh, whichever request each was.
    assert_eq!(
        titles(&user).await,
        [
            "Dining budget: over",
            "Overall budget: over",
            "Dining budget: 90 % used",
            "Overall budget: 90 % used",
        ]
    );
    assert_eq!(
        keys_of(&app, &user).await,
        [
            key(None, month, 80),
            key(Some(dining), month, 80),
            key(None, month, 100),
            key(Some(dining), month, 100),
        ]
    );
    let spent: Vec<_> = alert_events(&app, &user)
        .await
        .iter()
        .map(|event| event["spent_minor"].clone())
        .collect();
    assert_eq!(
        spent,
        [json!(9_000), json!(9_000), json!(10_500), json!(10_500)]
    );
});
