//! Login throttling per account and per address: 429 with Retry-After, small limits from config.

use std::num::NonZeroU32;

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app_with};

const PASSWORD: &str = "correct horse battery staple";

async fn app_with_limits(per_account: u32, per_address: u32) -> TestApp {
    spawn_app_with(Backend::Sqlite, |config| {
        config.login_attempts_per_account = NonZeroU32::new(per_account).expect("non-zero");
        config.login_attempts_per_ip = NonZeroU32::new(per_address).expect("non-zero");
    })
    .await
    .expect("SQLite is always available")
}

async fn register(app: &TestApp, email: &str) {
    let response = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": email, "password": PASSWORD, "display_name": "Ann" }),
        )
        .await;
    assert_eq!(response.status(), 201);
}

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/login",
        &json!({ "email": email, "password": password }),
    )
    .await
}

async fn assert_throttled(response: reqwest::Response) {
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "rate_limited");
}

#[tokio::test]
async fn the_fourth_attempt_on_one_account_is_throttled_even_with_the_right_password() {
    let app = app_with_limits(3, 100).await;
    register(&app, "ann@example.com").await;
    register(&app, "bob@example.com").await;
    for _ in 0..3 {
        let response = login(&app, "ann@example.com", "wrong password here").await;
        assert_eq!(response.status(), 401);
    }
    assert_throttled(login(&app, "ann@example.com", PASSWORD).await).await;
    assert_throttled(login(&app, "ANN@example.com", PASSWORD).await).await;
    assert_eq!(
        login(&app, "bob@example.com", PASSWORD).await.status(),
        200,
        "other accounts are not affected"
    );
}

#[tokio::test]
async fn the_fourth_attempt_from_one_address_is_throttled_whatever_the_account() {
    let app = app_with_limits(100, 3).await;
    for number in 0..3 {
        let response = login(&app, &format!("nobody{number}@example.com"), PASSWORD).await;
        assert_eq!(response.status(), 401);
    }
    assert_throttled(login(&app, "someone-else@example.com", PASSWORD).await).await;
    let registration = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": "ann@example.com", "password": PASSWORD, "display_name": "Ann" }),
        )
        .await;
    assert_throttled(registration).await;
}

#[tokio::test]
async fn password_changes_count_against_the_account() {
    let app = app_with_limits(3, 100).await;
    register(&app, "ann@example.com").await;
    let user = app.log_in("ann@example.com", PASSWORD).await;
    for _ in 0..2 {
        let response = user
            .post(
                "/api/v1/auth/password",
                &json!({ "current_password": "a wrong guess here", "new_password": "a brand new passphrase" }),
            )
            .await;
        assert_eq!(response.status(), 422);
    }
    let response = user
        .post(
            "/api/v1/auth/password",
            &json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }),
        )
        .await;
    assert_throttled(response).await;
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_has_its_own_budget() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.login_attempts_per_ip = NonZeroU32::new(1).expect("non-zero");
        config.client_ip_header = Some("X-Forwarded-For".into());
    })
    .await
    .expect("SQLite is always available");
    let attempt = async |forwarded_for: &str| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header("x-forwarded-for", forwarded_for)
            .json(&json!({ "email": "nobody@example.com", "password": PASSWORD }))
            .send()
            .await
            .expect("sent")
    };
    assert_eq!(attempt("203.0.113.1").await.status(), 401);
    assert_throttled(attempt("203.0.113.1").await).await;
    // The proxy appends the address it saw; what the client claimed before it does not count.
    assert_throttled(attempt("198.51.100.7, 203.0.113.1").await).await;
    assert_eq!(attempt("203.0.113.2").await.status(), 401);
}
