//! Cross-site requests that would change something are refused before they reach a handler.

use app::server::entities::prelude::Users;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app};

async fn is_signed_in(user: &TestUser) -> bool {
    user.get("/api/v1/auth/profile").await.status() == 200
}

async fn assert_refused(response: reqwest::Response) {
    assert_eq!(response.status(), 403);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "forbidden");
}

fn same_origin(app: &TestApp) -> String {
    format!("http://{}", app.address)
}

#[tokio::test]
async fn a_cross_site_sign_out_everywhere_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let user = app.user().await;
    let phone = app.log_in(&user.email, &user.password).await;
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
        ("origin", "null"),
    ] {
        let response = user
            .request(reqwest::Method::POST, &app.url("/api/v1/auth/logout-all"))
            .header(header, value)
            .send()
            .await
            .expect("sent");
        assert_refused(response).await;
        assert!(is_signed_in(&user).await, "{header}: {value}");
        assert!(is_signed_in(&phone).await, "{header}: {value}");
    }
}

#[tokio::test]
async fn cross_site_deletes_and_updates_are_refused_too() {
    let app = spawn_app().await;
    let user = app.user().await;
    let phone = app.log_in(&user.email, &user.password).await;
    let before: Value = user
        .get("/api/v1/auth/profile")
        .await
        .json()
        .await
        .expect("json");
    let attempts = [
        user.request(
            reqwest::Method::DELETE,
            &app.url(&format!("/api/v1/auth/sessions/{}", phone.session_id())),
        ),
        user.request(reqwest::Method::PATCH, &app.url("/api/v1/auth/profile"))
            .json(&json!({ "display_name": "Mallory" })),
        user.request(reqwest::Method::PUT, &app.url("/api/v1/auth/profile"))
            .json(&json!({ "display_name": "Mallory" })),
    ];
    for attempt in attempts {
        let response = attempt
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .expect("sent");
        assert_refused(response).await;
    }
    assert!(is_signed_in(&phone).await);
    let after: Value = user
        .get("/api/v1/auth/profile")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(before, after);
}

#[tokio::test]
async fn requests_from_our_own_pages_pass() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = user
        .request(reqwest::Method::POST, &app.url("/api/v1/auth/logout-all"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", same_origin(&app))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 204);
    assert!(!is_signed_in(&user).await);
}

#[tokio::test]
async fn cross_site_reads_are_allowed() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = user
        .request(reqwest::Method::GET, &app.url("/api/v1/auth/profile"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_cross_site_server_function_call_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let user = app.user().await;
    // The user's client carries the session cookies, as a browser tricked into posting would.
    let response = user
        .client
        .post(app.url("/api/auth/logout"))
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("sent");
    assert_refused(response).await;
    assert!(is_signed_in(&user).await);

    let response = user
        .client
        .post(app.url("/api/auth/logout"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", same_origin(&app))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200, "the same call from our page works");
    assert!(!is_signed_in(&user).await);
}

#[tokio::test]
async fn a_cross_site_registration_writes_nothing() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("origin", "https://evil.example")
        .json(&json!({
            "email": "ann@example.com",
            "password": "correct horse battery staple",
            "display_name": "Ann",
        }))
        .send()
        .await
        .expect("sent");
    assert_refused(response).await;
    assert_eq!(app.count::<Users>().await, 0);
}
