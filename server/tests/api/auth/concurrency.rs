//! What parallel requests must not break: one admin, one account per email, one rotation.

use app::server::entities::prelude::Users;
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::helpers::{REFRESH_COOKIE, TestApp, on_every_backend, sets_cookie};

const PASSWORD: &str = "correct horse battery staple";

/// Sends every body to `path` at once; the statuses and bodies in completion order.
async fn post_all(app: &TestApp, path: &str, bodies: Vec<Value>) -> Vec<(u16, Value)> {
    let mut requests = JoinSet::new();
    for body in bodies {
        let request = app.client.post(app.url(path)).json(&body);
        requests.spawn(async move {
            let response = request.send().await.expect("sent");
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap_or_default())
        });
    }
    requests.join_all().await
}

fn registration(email: &str) -> Value {
    json!({ "email": email, "password": PASSWORD, "display_name": "Racer" })
}

on_every_backend!(
    simultaneous_first_registrations_make_exactly_one_admin,
    |app| {
        let bodies = (0..6)
            .map(|number| registration(&format!("racer{number}@example.com")))
            .collect();
        let answers = post_all(&app, "/api/v1/auth/register", bodies).await;
        for (status, body) in &answers {
            assert_eq!(*status, 201, "{body}");
        }
        let admins = answers
            .iter()
            .filter(|(_, user)| user["role"] == "admin")
            .count();
        assert_eq!(admins, 1, "{answers:?}");
    }
);

on_every_backend!(
    simultaneous_registrations_of_one_email_make_one_account,
    |app| {
        let bodies = (0..6).map(|_| registration("same@example.com")).collect();
        let answers = post_all(&app, "/api/v1/auth/register", bodies).await;
        let mut statuses: Vec<u16> = answers.iter().map(|(status, _)| *status).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 409, 409, 409, 409, 409], "{answers:?}");
        assert_eq!(app.count::<Users>().await, 1);
    }
);

on_every_backend!(parallel_refreshes_of_one_token_rotate_it_once, |app| {
    let user = app.user().await;
    let bodies = (0..4)
        .map(|_| json!({ "refresh_token": user.refresh_token }))
        .collect();
    let answers = post_all(&app, "/api/v1/auth/refresh", bodies).await;
    for (status, body) in &answers {
        assert_eq!(*status, 200, "{body}");
        assert!(body["access_token"].is_string(), "{body}");
    }
    let rotated: Vec<&str> = answers
        .iter()
        .filter_map(|(_, body)| body["refresh_token"].as_str())
        .collect();
    assert_eq!(rotated.len(), 1, "{answers:?}");
    assert_eq!(user.get("/api/v1/auth/profile").await.status(), 200);
    let next = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": rotated[0] }),
        )
        .await;
    assert_eq!(next.status(), 200, "the winner's token is the live one");
});

on_every_backend!(
    parallel_page_loads_with_only_a_refresh_cookie_all_succeed,
    |app| {
        let user = app.user().await;
        let cookie = format!("{REFRESH_COOKIE}={}", user.refresh_token);
        let mut loads = JoinSet::new();
        for _ in 0..4 {
            let request = reqwest::Client::new()
                .get(app.url("/api/v1/auth/profile"))
                .header("cookie", cookie.clone());
            loads.spawn(async move {
                let response = request.send().await.expect("sent");
                let rotated = sets_cookie(&response, REFRESH_COOKIE);
                (response.status().as_u16(), rotated)
            });
        }
        let answers = loads.join_all().await;
        assert!(
            answers.iter().all(|(status, _)| *status == 200),
            "{answers:?}"
        );
        let rotations = answers.iter().filter(|(_, rotated)| *rotated).count();
        assert_eq!(
            rotations, 1,
            "one tab rotates, the others ride the grace window"
        );
    }
);
