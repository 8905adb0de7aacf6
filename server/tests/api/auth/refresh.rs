use app::server::entities::{prelude::Sessions, sessions};
use chrono::{TimeDelta, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use crate::helpers::{TestApp, on_every_backend, spawn_app};

async fn refresh(app: &TestApp, refresh_token: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/refresh",
        &json!({ "refresh_token": refresh_token }),
    )
    .await
}

async fn profile_status(app: &TestApp, access_token: &str) -> u16 {
    app.client
        .get(app.url("/api/v1/auth/profile"))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16()
}

on_every_backend!(refreshing_rotates_the_pair_and_the_new_pair_works, |app| {
    let user = app.user().await;
    let response = refresh(&app, &user.refresh_token).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let access_token = body["access_token"].as_str().expect("access token");
    let refresh_token = body["refresh_token"].as_str().expect("refresh token");
    assert_ne!(access_token, user.access_token);
    assert_ne!(refresh_token, user.refresh_token);
    assert_eq!(
        refresh_token.split('.').next(),
        user.refresh_token.split('.').next(),
        "the family stays"
    );
    assert_eq!(profile_status(&app, access_token).await, 200);

    let again = refresh(&app, refresh_token).await;
    assert_eq!(again.status(), 200);
    assert!(again.json::<Value>().await.expect("json")["refresh_token"].is_string());
});

on_every_backend!(
    the_previous_refresh_token_within_the_grace_window_gets_an_access_token_only,
    |app| {
        let user = app.user().await;
        let rotated: Value = refresh(&app, &user.refresh_token)
            .await
            .json()
            .await
            .expect("json");
        let newer = rotated["refresh_token"].as_str().expect("refresh token");

        let parallel = refresh(&app, &user.refresh_token).await;
        assert_eq!(parallel.status(), 200);
        let body: Value = parallel.json().await.expect("json");
        assert!(body["refresh_token"].is_null(), "{body}");
        let access_token = body["access_token"].as_str().expect("access token");
        assert_eq!(profile_status(&app, access_token).await, 200);

        assert_eq!(
            refresh(&app, newer).await.status(),
            200,
            "the newer token still rotates"
        );
    }
);

on_every_backend!(
    reusing_a_rotated_refresh_token_after_the_grace_window_revokes_its_family,
    |app| {
        let user = app.user().await;
        let other_device = app.log_in(&user.email, &user.password).await;
        let rotated: Value = refresh(&app, &user.refresh_token)
            .await
            .json()
            .await
            .expect("json");
        let newer_refresh = rotated["refresh_token"].as_str().expect("refresh token");
        let newer_access = rotated["access_token"].as_str().expect("access token");
        // Ten seconds of grace are over a minute ago.
        Sessions::update_many()
            .col_expr(
                sessions::Column::RotatedAt,
                Expr::value(Utc::now() - TimeDelta::seconds(60)),
            )
            .filter(sessions::Column::Id.eq(user.session_id()))
            .exec(&app.db)
            .await
            .expect("rotation moved back");

        let reuse = refresh(&app, &user.refresh_token).await;
        assert_eq!(reuse.status(), 401);
        let error: Value = reuse.json().await.expect("json");
        assert_eq!(error["error"]["code"], "unauthorized");

        assert_eq!(
            refresh(&app, newer_refresh).await.status(),
            401,
            "the current token is revoked too"
        );
        assert_eq!(profile_status(&app, newer_access).await, 401);
        assert_eq!(profile_status(&app, &user.access_token).await, 401);
        assert_eq!(
            other_device.get("/api/v1/auth/profile").await.status(),
            200,
            "other logins are other families"
        );
    }
);

#[tokio::test]
async fn refreshing_without_a_valid_token_is_unauthorized() {
    let app = spawn_app().await;
    let user = app.user().await;
    let nothing = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .send()
        .await
        .expect("sent");
    assert_eq!(nothing.status(), 401);
    assert_eq!(
        nothing.json::<Value>().await.expect("json")["error"]["code"],
        "unauthorized"
    );
    for forged in [
        "garbage".to_string(),
        format!("{}.{}", uuid::Uuid::new_v4(), "a".repeat(64)),
        user.access_token.clone(),
    ] {
        assert_eq!(refresh(&app, &forged).await.status(), 401, "{forged}");
    }
    assert_eq!(
        user.get("/api/v1/auth/profile").await.status(),
        200,
        "tokens of no family revoke nothing"
    );
}

on_every_backend!(
    rotation_never_extends_the_absolute_lifetime_of_a_login,
    |app| {
        let user = app.user().await;
        let expiry = async || {
            Sessions::find_by_id(user.session_id())
                .one(&app.db)
                .await
                .expect("read")
                .expect("the session row")
                .expires_at
        };
        let before = expiry().await;
        let days = (before - Utc::now()).num_days();
        assert!((29..=30).contains(&days), "{days} days");

        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(refresh(&app, &user.refresh_token).await.status(), 200);
        assert_eq!(expiry().await, before);
    }
);

on_every_backend!(a_login_past_its_absolute_lifetime_is_over, |app| {
    let user = app.user().await;
    Sessions::update_many()
        .col_expr(
            sessions::Column::ExpiresAt,
            Expr::value(Utc::now() - TimeDelta::seconds(1)),
        )
        .filter(sessions::Column::Id.eq(user.session_id()))
        .exec(&app.db)
        .await
        .expect("session aged");
    assert_eq!(refresh(&app, &user.refresh_token).await.status(), 401);
    assert_eq!(profile_status(&app, &user.access_token).await, 401);
});
