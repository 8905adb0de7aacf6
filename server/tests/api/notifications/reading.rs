//! The bell over REST and the server functions: newest first, thirty at most, the unread counted
//! in full; marking one read twice changes nothing the second time, and "read all" says how many.

use app::server::entities::notifications;
use chrono::{SubsecRound, Utc};
use reqwest::Response;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use super::{READ_ALL, bell, ids, read_path, rows_of, titles, use_up};
use crate::{
    expenses::{assert_error, body},
    helpers::{TestApp, TestUser, on_every_backend},
};

async fn ok(response: Response) -> Value {
    let status = response.status();
    let answer = body(response).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

/// A server function called as the hydrated browser calls it: a form POST with the session cookie.
pub async fn call(
    app: &TestApp,
    user: &TestUser,
    endpoint: &str,
    form: &[(&str, String)],
) -> (u16, Value) {
    let response = user
        .client
        .post(app.url(endpoint))
        .form(form)
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

on_every_backend!(
    the_bell_lists_the_newest_thirty_and_counts_all_unread,
    |app| {
        let user = app.user().await;
        for category in ["Dining", "Groceries", "Transport"] {
            use_up(&user, category).await;
        }
        let listed = bell(&user).await;
        assert_eq!(listed["unread"], 3);
        assert_eq!(
            titles(&user).await,
            [
                "Transport budget: used up",
                "Groceries budget: used up",
                "Dining budget: used up",
            ]
        );
        let shown = ids(&listed);
        assert!(shown.windows(2).all(|pair| pair[0] > pair[1]), "{shown:?}");

        for n in 0..31 {
            notifications::ActiveModel {
                user_id: Set(user.id),
                kind: Set("budget_alert".into()),
                dedupe_key: Set(format!("test:{n}")),
                title: Set(format!("Test {n}")),
                body: Set(String::new()),
                link: Set("/budgets".into()),
                created_at: Set(Utc::now().trunc_subsecs(0)),
                read_at: Set(None),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .expect("notification written");
        }
        let listed = bell(&user).await;
        assert_eq!(listed["unread"], 34, "beyond the thirty listed too");
        let shown = titles(&user).await;
        assert_eq!(shown.len(), 30);
        assert_eq!(
            (shown[0].as_str(), shown[29].as_str()),
            ("Test 30", "Test 1")
        );
    }
);

on_every_backend!(marking_read_is_idempotent_and_read_all_counts, |app| {
    let user = app.user().await;
    for category in ["Dining", "Groceries", "Transport"] {
        use_up(&user, category).await;
    }
    let before = bell(&user).await;
    let [newest, middle, oldest] = ids(&before)[..] else {
        panic!("three notifications: {before}");
    };

    let read = ok(user.post(&read_path(middle), &json!({})).await).await;
    let read_at = read["read_at"].clone();
    assert!(read_at.is_string(), "{read}");
    let mut expected = before["items"][1].clone();
    expected["read_at"] = read_at.clone();
    assert_eq!(read, expected, "only read_at changes");
    let again = ok(user.post(&read_path(middle), &json!({})).await).await;
    assert_eq!(again, read, "the second time changes nothing");
    let listed = bell(&user).await;
    assert_eq!(listed["unread"], 2);
    assert_eq!(listed["items"][1], read);

    assert_error(
        user.post(&read_path(middle + 1_000_000), &json!({})).await,
        404,
        "not_found",
    )
    .await;

    let marked = ok(user.post(READ_ALL, &json!({})).await).await;
    assert_eq!(marked, json!({ "marked": 2 }));
    let listed = bell(&user).await;
    assert_eq!(listed["unread"], 0);
    assert_eq!(
        listed["items"][1]["read_at"], read_at,
        "already read stays as it was"
    );
    for id in [newest, oldest] {
        let row = rows_of(&app, &user)
            .await
            .into_iter()
            .find(|row| row.id == id)
            .expect("the row");
        assert!(row.read_at.is_some(), "{id} read");
    }
    let marked = ok(user.post(READ_ALL, &json!({})).await).await;
    assert_eq!(marked, json!({ "marked": 0 }));

    use_up(&user, "Housing").await;
    let listed = bell(&user).await;
    assert_eq!(
        listed["unread"], 1,
        "a new alert after reading all is unread"
    );
    assert_eq!(listed["items"][0]["read_at"], Value::Null);
    assert_eq!(ids(&listed).len(), 4);
});

on_every_backend!(the_owner_can_use_the_notification_server_functions, |app| {
    let user = app.user().await;
    for category in ["Dining", "Groceries"] {
        use_up(&user, category).await;
    }
    let (status, listed) = call(&app, &user, "/api/notifications/list", &[]).await;
    assert_eq!((status, &listed), (200, &bell(&user).await));
    assert_eq!(listed["unread"], 2);
    let [newest, _] = ids(&listed)[..] else {
        panic!("two notifications: {listed}");
    };

    let form = [("id", newest.to_string())];
    let (status, read) = call(&app, &user, "/api/notifications/read", &form).await;
    assert_eq!(status, 200, "{read}");
    assert!(read["read_at"].is_string(), "{read}");
    let (status, again) = call(&app, &user, "/api/notifications/read", &form).await;
    assert_eq!((status, &again), (200, &read));
    assert_eq!(bell(&user).await["items"][0], read);

    let (status, marked) = call(&app, &user, "/api/notifications/read_all", &[]).await;
    assert_eq!((status, marked), (200, json!(1)));
    assert_eq!(bell(&user).await["unread"], 0);
    let (status, marked) = call(&app, &user, "/api/notifications/read_all", &[]).await;
    assert_eq!((status, marked), (200, json!(0)));
});
