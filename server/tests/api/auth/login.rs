use app::server::entities::{prelude::Users, users};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use crate::helpers::{on_every_backend, spawn_app};

on_every_backend!(
    logging_in_answers_with_tokens_that_open_the_profile,
    |app| {
        let user = app.user().await;
        let response = app
            .post_json(
                "/api/v1/auth/login",
                &json!({ "email": user.email.to_uppercase(), "password": user.password }),
            )
            .await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 900);
        assert_eq!(body["user"]["id"], user.id);
        assert_eq!(body["user"]["email"], user.email.as_str());
        let access_token = body["access_token"].as_str().expect("access token");
        assert!(body["refresh_token"].is_string());

        let profile = app
            .client
            .get(app.url("/api/v1/auth/profile"))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("sent");
        assert_eq!(profile.status(), 200);
        assert_eq!(
            profile.json::<Value>().await.expect("json")["email"],
            user.email.as_str()
        );
    }
);

on_every_backend!(logging_out_ends_the_session_and_may_be_repeated, |app| {
    let user = app.user().await;
    let response = user.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(response.status(), 204);

    assert_eq!(user.get("/api/v1/auth/profile").await.status(), 401);
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": user.refresh_token }),
        )
        .await;
    assert_eq!(refreshed.status(), 401);
    assert_eq!(
        user.post("/api/v1/auth/logout", &json!({})).await.status(),
        204
    );
    assert_eq!(
        app.post_json("/api/v1/auth/logout", &json!({}))
            .await
            .status(),
        204
    );
});

on_every_backend!(
    after_a_logout_the_next_user_of_the_browser_sees_only_themselves,
    |app| {
        let ann = app.user().await;
        let bob = app.user().await;
        let browser = crate::helpers::cookie_client();
        for user in [&ann, &bob] {
            let login = browser
                .post(app.url("/api/v1/auth/login"))
                .json(&json!({ "email": user.email, "password": user.password }))
                .send()
                .await
                .expect("sent");
            assert_eq!(login.status(), 200);
            let body: Value = login.json().await.expect("json");
            let access_token = body["access_token"].as_str().expect("access token");
            let profile: Value = browser
                .get(app.url("/api/v1/auth/profile"))
                .send()
                .await
                .expect("sent")
                .json()
                .await
                .expect("json");
            assert_eq!(
                profile["id"], user.id,
                "the browser's cookies are this user's"
            );

            let logout = browser
                .post(app.url("/api/v1/auth/logout"))
                .send()
                .await
                .expect("sent");
            assert_eq!(logout.status(), 204);
            let after = browser
                .get(app.url("/api/v1/auth/profile"))
                .send()
                .await
                .expect("sent");
            assert_eq!(after.status(), 401, "signed out in the browser");
            let replayed = app
                .client
                .get(app.url("/api/v1/auth/profile"))
                .bearer_auth(access_token)
                .send()
                .await
                .expect("sent");
            assert_eq!(replayed.status(), 401, "the old access token is dead");
        }
    }
);

on_every_backend!(
    a_disabled_user_is_refused_at_once_and_cannot_log_in,
    |app| {
        let user = app.user().await;
        assert_eq!(user.get("/api/v1/auth/profile").await.status(), 200);

        Users::update_many()
            .col_expr(users::Column::DisabledAt, Expr::value(chrono::Utc::now()))
            .filter(users::Column::Id.eq(user.id))
            .exec(&app.db)
            .await
            .expect("user disabled");

        assert_eq!(user.get("/api/v1/auth/profile").await.status(), 401);
        let refreshed = app
            .post_json(
                "/api/v1/auth/refresh",
                &json!({ "refresh_token": user.refresh_token }),
            )
            .await;
        assert_eq!(refreshed.status(), 401);
        let login = app
            .post_json(
                "/api/v1/auth/login",
                &json!({ "email": user.email, "password": user.password }),
            )
            .await;
        assert_eq!(login.status(), 403);
        let body: Value = login.json().await.expect("json");
        assert_eq!(body["error"]["code"], "forbidden");
    }
);

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.user().await;
    let mut answers = Vec::new();
    for (email, password) in [
        ("nobody@example.com", user.password.as_str()),
        (user.email.as_str(), "not the password at all"),
    ] {
        let response = app
            .post_json(
                "/api/v1/auth/login",
                &json!({ "email": email, "password": password }),
            )
            .await;
        let status = response.status();
        let body: Value = response.json().await.expect("json");
        answers.push((status, body));
    }
    assert_eq!(answers[0].0, 401);
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].1["error"]["code"], "unauthorized");
}
