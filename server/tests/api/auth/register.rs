use app::server::entities::prelude::Users;
use serde_json::{Value, json};

use crate::helpers::on_every_backend;

on_every_backend!(
    registering_answers_with_the_new_user_and_sensible_defaults,
    |app| {
        let response = app
            .post_json(
                "/api/v1/auth/register",
                &json!({
                    "email": "  Ann@Example.COM ",
                    "password": "correct horse battery staple",
                    "display_name": " Ann ",
                }),
            )
            .await;
        assert_eq!(response.status(), 201);
        let user: Value = response.json().await.expect("json");
        assert_eq!(user["email"], "ann@example.com");
        assert_eq!(user["display_name"], "Ann");
        assert_eq!(user["timezone"], "UTC");
        assert_eq!(user["base_currency"], "USD");
        assert_eq!(user["theme"], "system");
        assert!(user["id"].is_i64());
        assert!(user.get("password_hash").is_none(), "{user}");
        assert!(!user.to_string().contains("argon2"), "{user}");
    }
);

on_every_backend!(
    the_first_user_becomes_admin_and_the_second_does_not,
    |app| {
        let first = app.user().await;
        let second = app.user().await;
        let role = async |user: &crate::helpers::TestUser| {
            let profile: Value = user
                .get("/api/v1/auth/profile")
                .await
                .json()
                .await
                .expect("json");
            profile["role"].clone()
        };
        assert_eq!(role(&first).await, "admin");
        assert_eq!(role(&second).await, "user");
    }
);

on_every_backend!(a_taken_email_is_a_conflict_whatever_its_case, |app| {
    let body = |email: &str| json!({ "email": email, "password": "correct horse battery staple", "display_name": "Ann" });
    let first = app
        .post_json("/api/v1/auth/register", &body("ann@example.com"))
        .await;
    assert_eq!(first.status(), 201);

    let again = app
        .post_json("/api/v1/auth/register", &body("ANN@Example.com"))
        .await;
    assert_eq!(again.status(), 409);
    let error: Value = again.json().await.expect("json");
    assert_eq!(error["error"]["code"], "conflict");
    assert!(
        error["error"]["message"]
            .as_str()
            .is_some_and(|message| message.contains("already exists")),
        "{error}"
    );
    assert_eq!(app.count::<Users>().await, 1);
});

on_every_backend!(values_at_the_length_limits_are_stored_whole, |app| {
    // 254 characters of email and 100 of name, in multi-byte letters: the columns must hold them.
    let email = format!("{}@example.com", "ü".repeat(254 - "@example.com".len()));
    let display_name = "ß".repeat(100);
    let password = "ü".repeat(1024);
    let response = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": email, "password": password, "display_name": display_name }),
        )
        .await;
    assert_eq!(response.status(), 201);
    let user: Value = response.json().await.expect("json");
    assert_eq!(user["email"], email.as_str());
    assert_eq!(user["display_name"], display_name.as_str());

    let user = app.log_in(&email, &password).await;
    let profile: Value = user
        .get("/api/v1/auth/profile")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(profile["email"], email.as_str());
    assert_eq!(profile["display_name"], display_name.as_str());
});
