//! The console's write mode: off unless `ADMIN_SQL_WRITE=true`, and then only for a session
//! whose administrator typed the password again within five minutes; unmasked, committed,
//! logged with its author.

use app::server::entities::{activity, prelude::*, sessions};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

use crate::{
    expenses::{assert_error, assert_invalid, body},
    helpers::{TestApp, TestUser, assert_server_fns_refuse, on_every_backend},
};

const WRITE_MODE: &str = "/api/v1/db/write-mode";
const EXECUTE: &str = "/api/v1/db/execute";

async fn confirm(admin: &TestUser, password: &str) -> reqwest::Response {
    admin
        .post(WRITE_MODE, &json!({ "password": password }))
        .await
}

async fn execute(admin: &TestUser, sql: &str) -> reqwest::Response {
    admin.post(EXECUTE, &json!({ "sql": sql })).await
}

async fn executed(admin: &TestUser, sql: &str) -> Value {
    let response = execute(admin, sql).await;
    let status = response.status();
    let result = body(response).await;
    assert_eq!(status, 200, "{sql}: {result}");
    result
}

async fn display_name(app: &TestApp, user: &TestUser) -> String {
    Users::find_by_id(user.id)
        .one(&app.db)
        .await
        .expect("read")
        .expect("the user")
        .display_name
}

on_every_backend!(write_mode_is_off_unless_the_server_allows_it, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let response = admin.get(WRITE_MODE).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        body(response).await,
        json!({ "enabled": false, "confirmed_until": null })
    );
    assert_error(confirm(&admin, &admin.password).await, 403, "forbidden").await;
    let sql = format!("UPDATE users SET display_name = 'x' WHERE id = {}", user.id);
    assert_error(execute(&admin, &sql).await, 403, "forbidden").await;
    assert_eq!(display_name(&app, &user).await, "Test User");
});

on_every_backend!(
    writes_need_a_fresh_password_and_are_committed_unmasked_and_logged,
    config = |config| config.admin_sql_write = true,
    |app| {
        let admin = app.user().await;
        let user = app.user().await;
        let rename = format!(
            "UPDATE users SET display_name = 'Renamed' WHERE id = {}",
            user.id
        );
        assert_error(execute(&admin, &rename).await, 403, "forbidden").await;
        assert_invalid(
            confirm(&admin, "not my password").await,
            "password",
            &"wrong",
        )
        .await;
        assert_error(execute(&admin, &rename).await, 403, "forbidden").await;

        let response = confirm(&admin, &admin.password).await;
        assert_eq!(response.status(), 200);
        let mode = body(response).await;
        assert_eq!(mode["enabled"], true);
        let until: chrono::DateTime<Utc> =
            serde_json::from_value(mode["confirmed_until"].clone()).expect("a time");
        assert!(
            until > Utc::now() + Duration::minutes(4) && until <= Utc::now() + Duration::minutes(5)
        );

        let result = executed(&admin, &rename).await;
        assert_eq!(result["rows_affected"], 1, "{result}");
        assert_eq!(display_name(&app, &user).await, "Renamed");
        let hashes = executed(
            &admin,
            &format!("SELECT password_hash FROM users WHERE id = {}", user.id),
        )
        .await;
        assert!(
            hashes["rows"][0][0]
                .as_str()
                .is_some_and(|hash| hash.starts_with("$argon2")),
            "write mode shows what it may change: {hashes}"
        );
        assert_invalid(
            execute(&admin, "UPDATE users SET role = 'user'; DROP TABLE users").await,
            "sql",
            &"two statements",
        )
        .await;
        assert_invalid(
            execute(&admin, "UPDATE nowhere SET x = 1").await,
            "sql",
            &"no table",
        )
        .await;

        // Ordered by id: the relay marks rows published, and PostgreSQL's heap order moves
        // with every update.
        let audit = Activity::find()
            .filter(activity::Column::Kind.eq("admin.sql_write"))
            .order_by_asc(activity::Column::Id)
            .all(&app.db)
            .await
            .expect("activity");
        assert_eq!(
            audit.len(),
            2,
            "one row per statement run in write mode: {audit:?}"
        );
        assert!(audit.iter().all(|row| row.user_id == Some(admin.id)));
        assert!(audit[0].payload.contains("Renamed"));

        // Another session of the same administrator has not confirmed anything.
        let other_device = app.log_in(&admin.email, &admin.password).await;
        assert_error(execute(&other_device, &rename).await, 403, "forbidden").await;

        // Five minutes later the password is asked for again.
        let session = Sessions::find_by_id(admin.session_id())
            .one(&app.db)
            .await
            .expect("read")
            .expect("the session");
        let mut session = session.into_active_model();
        session.password_confirmed_at = Set(Some(Utc::now() - Duration::minutes(6)));
        session.update(&app.db).await.expect("backdated");
        assert_error(execute(&admin, &rename).await, 403, "forbidden").await;
        let mode = body(admin.get(WRITE_MODE).await).await;
        assert_eq!(mode["confirmed_until"], Value::Null);

        // Users never reach write mode, whatever they type.
        assert_error(confirm(&user, &user.password).await, 403, "forbidden").await;
        assert_error(execute(&user, &rename).await, 403, "forbidden").await;
        assert_server_fns_refuse(
            &app,
            Some(&user.access_token),
            &[
                ("/api/admin/db/write_mode", vec![]),
                (
                    "/api/admin/db/confirm_password",
                    vec![("password", user.password.clone())],
                ),
                (
                    "/api/admin/db/execute",
                    vec![("query[sql]", rename.clone())],
                ),
            ],
            403,
            "forbidden",
        )
        .await;
        let sessions_confirmed = Sessions::find()
            .filter(sessions::Column::PasswordConfirmedAt.is_not_null())
            .all(&app.db)
            .await
            .expect("sessions");
        assert_eq!(
            sessions_confirmed.len(),
            1,
            "only the admin's first session"
        );
    }
);

#[tokio::test]
async fn guessing_the_password_at_the_write_mode_prompt_is_throttled_like_sign_in() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, |config| {
        config.admin_sql_write = true;
        config.login_attempts_per_account = std::num::NonZeroU32::new(3).expect("non-zero");
    })
    .await
    .expect("SQLite is always available");
    let admin = app.user().await;
    // Signing in took one attempt of the three; two wrong guesses are answered as such…
    for _ in 0..2 {
        assert_invalid(
            confirm(&admin, "not my password at all").await,
            "password",
            &"guess",
        )
        .await;
    }
    // …and then even the right password waits.
    let refused = confirm(&admin, &admin.password).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    let write_mode = body(admin.get(WRITE_MODE).await).await;
    assert_eq!(write_mode["confirmed_until"], Value::Null, "still closed");
}
