//! A user's simultaneous writes wait their turn: none fails with a fault.

use serde_json::json;

use super::{category_id, create, days_ago, expense, list, written};
use crate::helpers::on_every_backend;

on_every_backend!(
    simultaneous_changes_to_one_users_expenses_all_succeed,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let existing = create(&user, &expense(groceries, "1", days_ago(1))).await;
        let path = app.url(&format!("/api/v1/expenses/{}", existing["id"]));
        let mut requests = tokio::task::JoinSet::new();
        for n in 0..8 {
            let request = if n % 2 == 0 {
                user.request(reqwest::Method::POST, &app.url("/api/v1/expenses"))
                    .json(&expense(groceries, &format!("{}", n + 1), days_ago(1)))
            } else {
                user.request(reqwest::Method::PATCH, &path)
                    .json(&json!({ "amount": format!("{}", n + 1) }))
            };
            requests.spawn(async move {
                let response = request.send().await.expect("sent");
                let status = response.status().as_u16();
                (status, response.text().await.unwrap_or_default())
            });
        }
        for (status, body) in requests.join_all().await {
            assert!(matches!(status, 200 | 201), "{status}: {body}");
        }
        let page = list(&user, "").await;
        assert_eq!(page["total"], 5);
        assert_eq!(written(&app).await.expenses, 5);
    }
);
