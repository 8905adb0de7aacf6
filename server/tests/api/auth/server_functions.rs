//! The account server functions the pages call, over plain HTTP as a browser sends them.

use std::num::NonZeroU32;

use serde_json::Value;

use crate::helpers::{
    ACCESS_COOKIE, Backend, cookie_client, set_cookie, spawn_app, spawn_app_with,
};

/// Server functions without arguments still take a (empty) form.
const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn signing_in_through_the_server_function_sets_the_session_cookies() {
    let app = spawn_app().await;
    let user = app.user().await;
    let browser = cookie_client();
    let response = browser
        .post(app.url("/api/auth/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", user.password.as_str()),
            ("next", "/expenses"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert!(set_cookie(&response, ACCESS_COOKIE).http_only());
    assert_eq!(response.json::<Value>().await.expect("json"), "/expenses");

    let current = browser
        .post(app.url("/api/auth/current_user"))
        .header("content-type", FORM)
        .send()
        .await
        .expect("sent");
    assert_eq!(current.status(), 200);
    assert_eq!(current.json::<Value>().await.expect("json")["id"], user.id);
}

#[tokio::test]
async fn a_refused_server_function_call_has_the_errors_status() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = app
        .client
        .post(app.url("/api/auth/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", "not the password"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401);

    let response = app
        .client
        .post(app.url("/api/auth/sessions"))
        .header("content-type", FORM)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401, "no session, no list");
}

#[tokio::test]
async fn a_throttled_server_function_sign_in_says_when_to_retry() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.login_attempts_per_ip = NonZeroU32::new(1).expect("non-zero");
    })
    .await
    .expect("SQLite is always available");
    let attempt = async || {
        app.client
            .post(app.url("/api/auth/login"))
            .form(&[
                ("email", "nobody@example.com"),
                ("password", "whatever it is"),
            ])
            .send()
            .await
            .expect("sent")
    };
    assert_eq!(attempt().await.status(), 401);
    let throttled = attempt().await;
    assert_eq!(throttled.status(), 429);
    assert!(throttled.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn another_users_session_cannot_be_revoked_through_the_server_function() {
    let app = spawn_app().await;
    let owner = app.user().await;
    let other = app.user().await;
    let response = other
        .client
        .post(app.url("/api/auth/sessions/revoke"))
        .form(&[("id", owner.session_id().to_string())])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.json::<Value>().await.expect("json")["code"],
        "not_found"
    );
    assert_eq!(owner.get("/api/v1/auth/profile").await.status(), 200);

    let own = owner
        .client
        .post(app.url("/api/auth/sessions/revoke"))
        .form(&[("id", owner.session_id().to_string())])
        .send()
        .await
        .expect("sent");
    assert_eq!(own.status(), 200, "the owner can");
    assert_eq!(owner.get("/api/v1/auth/profile").await.status(), 401);
}
