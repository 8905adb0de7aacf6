use std::num::NonZeroU64;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ApiRequest, TestUser, assert_other_user_gets_404, on_every_backend};

async fn session_ids(user: &TestUser) -> Vec<i64> {
    let response = user.get("/api/v1/auth/sessions").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|session| session["id"].as_i64().expect("id"))
        .collect()
}

on_every_backend!(
    the_session_list_shows_each_device_and_marks_the_current_one,
    |app| {
        let laptop = app.user().await;
        let phone = app.log_in(&laptop.email, &laptop.password).await;
        let response = phone.get("/api/v1/auth/sessions").await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("json");
        let items = body["items"].as_array().expect("items");
        assert_eq!(items.len(), 2, "{body}");
        for session in items {
            assert_eq!(session["ip"], "127.0.0.1");
            for field in ["created_at", "last_used_at", "expires_at"] {
                assert!(session[field].is_string(), "{field} in {session}");
            }
            let is_phone = session["id"] == phone.session_id();
            assert_eq!(session["current"], is_phone, "{session}");
        }
        assert!(!body.to_string().contains(&laptop.refresh_token));
    }
);

on_every_backend!(revoking_a_session_ends_it_at_once, |app| {
    let laptop = app.user().await;
    let phone = app.log_in(&laptop.email, &laptop.password).await;
    let response = laptop
        .delete(&format!("/api/v1/auth/sessions/{}", phone.session_id()))
        .await;
    assert_eq!(response.status(), 204);

    assert_eq!(phone.get("/api/v1/auth/profile").await.status(), 401);
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": phone.refresh_token }),
        )
        .await;
    assert_eq!(refreshed.status(), 401);
    assert_eq!(session_ids(&laptop).await, vec![laptop.session_id()]);
    let again = laptop
        .delete(&format!("/api/v1/auth/sessions/{}", phone.session_id()))
        .await;
    assert_eq!(again.status(), 404, "an ended session is gone");
});

on_every_backend!(another_users_session_cannot_be_revoked, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let request = ApiRequest {
        method: Method::DELETE,
        path: format!("/api/v1/auth/sessions/{}", owner.session_id()),
        body: None,
    };
    assert_other_user_gets_404(&app, &owner, &other, &request, "/api/v1/auth/sessions").await;
    assert_eq!(owner.get("/api/v1/auth/profile").await.status(), 200);
});

on_every_backend!(signing_out_everywhere_ends_every_session, |app| {
    let laptop = app.user().await;
    let phone = app.log_in(&laptop.email, &laptop.password).await;
    let bystander = app.user().await;
    let response = laptop.post("/api/v1/auth/logout-all", &json!({})).await;
    assert_eq!(response.status(), 204);

    for device in [&laptop, &phone] {
        assert_eq!(device.get("/api/v1/auth/profile").await.status(), 401);
        let refreshed = app
            .post_json(
                "/api/v1/auth/refresh",
                &json!({ "refresh_token": device.refresh_token }),
            )
            .await;
        assert_eq!(refreshed.status(), 401);
    }
    assert_eq!(bystander.get("/api/v1/auth/profile").await.status(), 200);
    assert_eq!(
        app.post_json("/api/v1/auth/logout-all", &json!({}))
            .await
            .status(),
        401,
        "without a session there is nothing to end"
    );
});

on_every_backend!(
    beyond_the_session_limit_the_oldest_session_ends,
    config = |config| config.max_sessions_per_user = NonZeroU64::new(2).expect("non-zero"),
    |app| {
        let first = app.user().await;
        let second = app.log_in(&first.email, &first.password).await;
        let third = app.log_in(&first.email, &first.password).await;

        assert_eq!(first.get("/api/v1/auth/profile").await.status(), 401);
        assert_eq!(second.get("/api/v1/auth/profile").await.status(), 200);
        assert_eq!(third.get("/api/v1/auth/profile").await.status(), 200);
        let mut live = session_ids(&third).await;
        live.sort_unstable();
        assert_eq!(live, vec![second.session_id(), third.session_id()]);
    }
);
