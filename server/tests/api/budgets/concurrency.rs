//! A user's simultaneous budget writes wait their turn, so the one-row-per-month rule holds under
//! a double click: one request wins, the others get a conflict, never a fault or a second row.

use reqwest::Method;
use serde_json::{Value, json};

use super::{budget, budgets_in, create_budget, id_of, shift, today_in_utc, written};
use crate::helpers::{TestApp, TestUser, on_every_backend};

/// Sends the same request `times` times at once and answers the statuses, sorted.
async fn at_once(
    app: &TestApp,
    user: &TestUser,
    method: Method,
    path: &str,
    body: &Value,
) -> Vec<u16> {
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let request = user.request(method.clone(), &app.url(path)).json(body);
        requests.spawn(async move {
            let response = request.send().await.expect("sent");
            let status = response.status().as_u16();
            (status, response.text().await.unwrap_or_default())
        });
    }
    let mut statuses = Vec::new();
    for (status, body) in requests.join_all().await {
        assert!(matches!(status, 200 | 201 | 409), "{status}: {body}");
        statuses.push(status);
    }
    statuses.sort_unstable();
    statuses
}

on_every_backend!(simultaneous_creates_of_one_budget_make_one_row, |app| {
    let user = app.user().await;
    let statuses = at_once(
        &app,
        &user,
        Method::POST,
        "/api/v1/budgets",
        &json!({ "amount": "100" }),
    )
    .await;
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);
    assert_eq!(written(&app).await.0, 1);
});

on_every_backend!(
    simultaneous_changes_of_a_past_budget_make_one_new_row,
    |app| {
        let user = app.user().await;
        let (_, this_month) = today_in_utc().await;
        let past = create_budget(&user, &budget(None, "100", shift(this_month, -2), false)).await;
        let path = format!("/api/v1/budgets/{}", id_of(&past));
        let statuses = at_once(
            &app,
            &user,
            Method::PATCH,
            &path,
            &json!({ "amount": "120" }),
        )
        .await;
        assert_eq!(statuses, [200, 409, 409, 409, 409, 409]);
        assert_eq!(written(&app).await.0, 2);
        assert_eq!(budgets_in(&user, None).await[0]["amount_minor"], 12_000);
    }
);
