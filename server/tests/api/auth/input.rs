//! Bad requests get a 4xx with `{"error": {code, message, field?}}`, never a 500, and write nothing.

use app::server::entities::prelude::{Sessions, Users};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

const PASSWORD: &str = "correct horse battery staple";

async fn post_raw(
    app: &TestApp,
    path: &str,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    let mut request = app.client.post(app.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    request.send().await.expect("sent")
}

/// Asserts the error body and returns its message.
async fn assert_error(
    response: reqwest::Response,
    status: u16,
    code: &str,
    field: Option<&str>,
) -> String {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(body["error"]["field"].as_str(), field, "{body}");
    let message = body["error"]["message"].as_str().expect("a message");
    assert!(!message.is_empty());
    message.to_string()
}

async fn assert_nothing_written(app: &TestApp) {
    assert_eq!(app.count::<Users>().await, 0);
    assert_eq!(app.count::<Sessions>().await, 0);
}

#[tokio::test]
async fn malformed_json_is_a_bad_request() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
    ] {
        let response = post_raw(&app, path, Some("application/json"), "{oops: not json}").await;
        assert_error(response, 400, "bad_request", None).await;
    }
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn a_body_that_is_not_json_is_an_unsupported_media_type() {
    let app = spawn_app().await;
    let form = format!("email=ann%40example.com&password={PASSWORD}&display_name=Ann");
    for content_type in [
        None,
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
    ] {
        let response = post_raw(&app, "/api/v1/auth/register", content_type, form.clone()).await;
        assert_error(response, 415, "unsupported_media_type", None).await;
    }
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn missing_fields_are_named() {
    let app = spawn_app().await;
    for (body, field) in [
        (
            json!({ "password": PASSWORD, "display_name": "Ann" }),
            "email",
        ),
        (
            json!({ "email": "ann@example.com", "display_name": "Ann" }),
            "password",
        ),
        (
            json!({ "email": "ann@example.com", "password": PASSWORD }),
            "display_name",
        ),
    ] {
        let response = app.post_json("/api/v1/auth/register", &body).await;
        let message = assert_error(response, 422, "validation", Some(field)).await;
        assert!(message.contains(field), "{message}");
    }
    let response = app
        .post_json("/api/v1/auth/login", &json!({ "email": "ann@example.com" }))
        .await;
    assert_error(response, 422, "validation", Some("password")).await;
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn unknown_fields_are_refused_by_name() {
    let app = spawn_app().await;
    let body = json!({ "email": "ann@example.com", "password": PASSWORD, "display_name": "Ann", "role": "admin" });
    let response = app.post_json("/api/v1/auth/register", &body).await;
    let message = assert_error(response, 422, "validation", Some("role")).await;
    assert!(message.contains("role"), "{message}");
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn values_of_the_wrong_type_are_named() {
    let app = spawn_app().await;
    let body = json!({ "email": "ann@example.com", "password": PASSWORD, "display_name": 42 });
    let response = app.post_json("/api/v1/auth/register", &body).await;
    assert_error(response, 422, "validation", Some("display_name")).await;
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn overlong_and_malformed_values_are_refused_by_field() {
    let app = spawn_app().await;
    let valid = json!({ "email": "ann@example.com", "password": PASSWORD, "display_name": "Ann" });
    for (field, value) in [
        ("email", json!(format!("{}@example.com", "a".repeat(243)))),
        ("email", json!("not an email")),
        ("display_name", json!("n".repeat(101))),
        ("password", json!("p".repeat(1025))),
        ("password", json!("short")),
        ("password", json!("Password1")),
        ("timezone", json!("Not/AZone")),
        ("base_currency", json!("XYZ")),
    ] {
        let mut body = valid.clone();
        body[field] = value;
        let response = app.post_json("/api/v1/auth/register", &body).await;
        assert_error(response, 422, "validation", Some(field)).await;
    }
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_a_json_error() {
    let app = spawn_app().await;
    let padding = "x".repeat(2 * 1024 * 1024);
    let body = json!({ "email": "ann@example.com", "password": PASSWORD, "display_name": padding });
    let response = app.post_json("/api/v1/auth/register", &body).await;
    assert_error(response, 413, "payload_too_large", None).await;
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn a_path_segment_that_is_not_an_id_gets_a_json_error() {
    let app = spawn_app().await;
    let user = app.user().await;
    for id in ["abc", "99999999999999999999"] {
        let response = user.delete(&format!("/api/v1/auth/sessions/{id}")).await;
        assert_error(response, 400, "bad_request", None).await;
    }
    assert_eq!(user.get("/api/v1/auth/profile").await.status(), 200);
}
