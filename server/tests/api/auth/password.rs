use serde_json::{Value, json};

use crate::helpers::{TestApp, on_every_backend};

const NEW_PASSWORD: &str = "a brand new passphrase 2025";

async fn login_status(app: &TestApp, email: &str, password: &str) -> u16 {
    app.post_json(
        "/api/v1/auth/login",
        &json!({ "email": email, "password": password }),
    )
    .await
    .status()
    .as_u16()
}

on_every_backend!(
    changing_the_password_ends_the_other_sessions_but_not_this_one,
    |app| {
        let laptop = app.user().await;
        let phone = app.log_in(&laptop.email, &laptop.password).await;
        let response = laptop
            .post(
                "/api/v1/auth/password",
                &json!({ "current_password": laptop.password, "new_password": NEW_PASSWORD }),
            )
            .await;
        assert_eq!(response.status(), 204);

        assert_eq!(laptop.get("/api/v1/auth/profile").await.status(), 200);
        let refreshed = app
            .post_json(
                "/api/v1/auth/refresh",
                &json!({ "refresh_token": laptop.refresh_token }),
            )
            .await;
        assert_eq!(refreshed.status(), 200, "this session lives on");

        assert_eq!(phone.get("/api/v1/auth/profile").await.status(), 401);
        let refreshed = app
            .post_json(
                "/api/v1/auth/refresh",
                &json!({ "refresh_token": phone.refresh_token }),
            )
            .await;
        assert_eq!(refreshed.status(), 401);

        assert_eq!(
            login_status(&app, &laptop.email, &laptop.password).await,
            401
        );
        assert_eq!(login_status(&app, &laptop.email, NEW_PASSWORD).await, 200);
    }
);

on_every_backend!(
    a_wrong_current_password_or_a_weak_new_one_changes_nothing,
    |app| {
        let laptop = app.user().await;
        let phone = app.log_in(&laptop.email, &laptop.password).await;
        for (body, field) in [
            (
                json!({ "current_password": "not my password", "new_password": NEW_PASSWORD }),
                "current_password",
            ),
            (
                json!({ "current_password": laptop.password, "new_password": "password123" }),
                "new_password",
            ),
            (
                json!({ "current_password": laptop.password, "new_password": "short" }),
                "new_password",
            ),
            (
                json!({ "current_password": laptop.password, "new_password": laptop.password }),
                "new_password",
            ),
            (json!({ "new_password": NEW_PASSWORD }), "current_password"),
        ] {
            let response = laptop.post("/api/v1/auth/password", &body).await;
            assert_eq!(response.status(), 422, "{body}");
            let error: Value = response.json().await.expect("json");
            assert_eq!(error["error"]["field"], field, "{body}: {error}");
        }
        assert_eq!(phone.get("/api/v1/auth/profile").await.status(), 200);
        assert_eq!(
            login_status(&app, &laptop.email, &laptop.password).await,
            200
        );
    }
);
