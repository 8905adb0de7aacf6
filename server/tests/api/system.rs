use serde_json::Value;

use crate::helpers::{on_every_backend, spawn_app};

on_every_backend!(health_and_readiness_answer_ok, |app| {
    let health = app.get("/api/v1/health").await;
    assert_eq!(health.status(), 200);
    assert_eq!(health.json::<Value>().await.expect("json")["status"], "ok");

    let ready = app.get("/api/v1/ready").await;
    assert_eq!(ready.status(), 200);
    let body: Value = ready.json().await.expect("json");
    assert_eq!(body["database"], "ok");
});

#[tokio::test]
async fn unknown_api_paths_get_a_json_404() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "not_found");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|message| !message.is_empty())
    );
}

#[tokio::test]
async fn unsupported_methods_get_a_json_405() {
    let app = spawn_app().await;
    let response = app
        .client
        .put(app.url("/api/v1/health"))
        .send()
        .await
        .expect("request sent");
    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn the_openapi_document_lists_the_system_endpoints() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let document: Value = response.json().await.expect("json");
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|version| version.starts_with("3."))
    );
    for path in ["/health", "/ready"] {
        assert!(
            document["paths"][path]["get"].is_object(),
            "{path} is documented"
        );
    }
}

#[tokio::test]
async fn oversized_request_bodies_are_refused() {
    let app = spawn_app().await;
    let body = vec![b'x'; 2 * 1024 * 1024];
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 413);
    let body: Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["error"]["code"], "payload_too_large");
}
