use serde_json::{Value, json};

use crate::helpers::{TestUser, on_every_backend, set_cookie};

async fn profile(user: &TestUser) -> Value {
    let response = user.get("/api/v1/auth/profile").await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

on_every_backend!(the_profile_can_be_read_and_changed, |app| {
    let user = app.user().await;
    let before = profile(&user).await;
    assert_eq!(before["id"], user.id);
    assert_eq!(before["email"], user.email.as_str());

    let response = user
        .patch(
            "/api/v1/auth/profile",
            &json!({
                "display_name": "  Ann Example ",
                "base_currency": "eur",
                "timezone": "Europe/Berlin",
                "theme": "dark",
            }),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(set_cookie(&response, "theme").value(), "dark");
    let updated: Value = response.json().await.expect("json");
    assert_eq!(updated["display_name"], "Ann Example");
    assert_eq!(updated["base_currency"], "EUR");
    assert_eq!(updated["timezone"], "Europe/Berlin");
    assert_eq!(updated["theme"], "dark");
    assert_eq!(profile(&user).await, updated);

    let partial = user
        .patch("/api/v1/auth/profile", &json!({ "theme": "light" }))
        .await;
    assert_eq!(partial.status(), 200);
    let after = profile(&user).await;
    assert_eq!(after["theme"], "light");
    assert_eq!(after["display_name"], "Ann Example", "absent fields stay");
});

on_every_backend!(a_bad_profile_value_changes_nothing, |app| {
    let user = app.user().await;
    let before = profile(&user).await;
    for (body, field) in [
        (
            json!({ "display_name": "Ann", "timezone": "Mars/Olympus" }),
            "timezone",
        ),
        (
            json!({ "display_name": "Ann", "base_currency": "ABC" }),
            "base_currency",
        ),
        (json!({ "display_name": "n".repeat(101) }), "display_name"),
        (json!({ "display_name": "  " }), "display_name"),
        (json!({ "theme": "purple" }), "theme"),
        (json!({ "display_name": "Ann", "role": "admin" }), "role"),
        (json!({ "email": "new@example.com" }), "email"),
    ] {
        let response = user.patch("/api/v1/auth/profile", &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["error"]["code"], "validation", "{body}");
        assert_eq!(error["error"]["field"], field, "{body}: {error}");
    }
    assert_eq!(profile(&user).await, before);
});

on_every_backend!(the_profile_needs_a_session, |app| {
    assert_eq!(app.get("/api/v1/auth/profile").await.status(), 401);
    let response = app
        .client
        .patch(app.url("/api/v1/auth/profile"))
        .json(&json!({ "display_name": "Nobody" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401);
    let error: Value = response.json().await.expect("json");
    assert_eq!(error["error"]["code"], "unauthorized");
});
