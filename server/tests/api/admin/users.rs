//! User management: only administrators reach it; the list searches and pages with live counts;
//! role changes never leave the app without an administrator; disabling and revoking end
//! sessions at once; deleting removes a user's data and receipt files and nobody else's; every
//! change leaves an activity row naming the administrator.

use app::server::entities::{activity, prelude::*};
use futures_util::future::join_all;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::{
    budgets::{category_ids, spend, today_in_utc},
    expenses::{assert_error, assert_invalid, body, days_ago, expense},
    helpers::{TestApp, TestUser, assert_server_fns_refuse, on_every_backend},
    receipts::{samples::png, stored_files, uploaded},
};

const USERS: &str = "/api/v1/admin/users";

fn user_path(id: i64) -> String {
    format!("{USERS}/{id}")
}

async fn users(admin: &TestUser, query: &str) -> Value {
    let response = admin.get(&format!("{USERS}{query}")).await;
    let status = response.status();
    let page = body(response).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn emails(page: &Value) -> Vec<String> {
    page["users"]
        .as_array()
        .expect("users")
        .iter()
        .map(|user| user["email"].as_str().expect("email").to_string())
        .collect()
}

async fn change(admin: &TestUser, id: i64, change: Value) -> reqwest::Response {
    admin.patch(&user_path(id), &change).await
}

async fn delete(
    app: &TestApp,
    admin: &TestUser,
    id: i64,
    confirm_email: &str,
) -> reqwest::Response {
    admin
        .request(Method::DELETE, &app.url(&user_path(id)))
        .json(&json!({ "confirm_email": confirm_email }))
        .send()
        .await
        .expect("sent")
}

/// The newest activity row of `kind`, as JSON with its payload parsed.
async fn last_activity(app: &TestApp, kind: &str) -> (Option<i64>, Value) {
    let row = Activity::find()
        .filter(activity::Column::Kind.eq(kind))
        .order_by_desc(activity::Column::Id)
        .one(&app.db)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("an activity row {kind}"));
    (
        row.user_id,
        serde_json::from_str(&row.payload).expect("json payload"),
    )
}

async fn status_of(user: &TestUser) -> u16 {
    user.get("/api/v1/auth/profile").await.status().as_u16()
}

on_every_backend!(only_administrators_reach_user_management, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let target = user_path(user.id);
    let attempts: [(Method, String, Option<Value>); 4] = [
        (Method::GET, USERS.to_string(), None),
        (
            Method::PATCH,
            target.clone(),
            Some(json!({ "role": "admin" })),
        ),
        (
            Method::DELETE,
            target.clone(),
            Some(json!({ "confirm_email": user.email })),
        ),
        (Method::POST, format!("{target}/revoke-sessions"), None),
    ];
    for (method, path, payload) in &attempts {
        let mut anonymous = app.client.request(method.clone(), app.url(path));
        let mut as_user = user.request(method.clone(), &app.url(path));
        if let Some(payload) = payload {
            anonymous = anonymous.json(payload);
            as_user = as_user.json(payload);
        }
        assert_error(anonymous.send().await.expect("sent"), 401, "unauthorized").await;
        assert_error(as_user.send().await.expect("sent"), 403, "forbidden").await;
    }
    assert_server_fns_refuse(
        &app,
        Some(&user.access_token),
        &[
            ("/api/admin/users", vec![]),
            (
                "/api/admin/users/update",
                vec![
                    ("user_id", user.id.to_string()),
                    ("change[role]", "admin".into()),
                ],
            ),
            (
                "/api/admin/users/revoke_sessions",
                vec![("user_id", user.id.to_string())],
            ),
            (
                "/api/admin/users/delete",
                vec![
                    ("user_id", user.id.to_string()),
                    ("confirm_email", user.email.clone()),
                ],
            ),
        ],
        403,
        "forbidden",
    )
    .await;
    assert_eq!(status_of(&user).await, 200, "the user is untouched");
    let page = users(&admin, "").await;
    assert_eq!(page["total"], 2);
    assert_eq!(
        page["users"][1]["role"], "admin",
        "the first account is the administrator"
    );
    assert_eq!(page["users"][0]["role"], "user");
});

on_every_backend!(the_list_searches_pages_and_counts, |app| {
    let admin = app.user().await;
    let busy = app.user().await;
    let (today, _) = today_in_utc().await;
    let [dining] = category_ids(&busy, ["Dining"]).await;
    for amount in ["1.00", "2.00", "3.00"] {
        spend(&busy, dining, amount, today).await;
    }
    app.log_in(&busy.email, &busy.password).await;

    let all = users(&admin, "").await;
    let row = &all["users"][0];
    assert_eq!(row["email"], busy.email.as_str());
    assert_eq!(row["expense_count"], 3);
    assert_eq!(row["active_sessions"], 2, "two devices signed in");
    assert!(row["last_active_at"].is_string(), "{row}");
    assert_eq!(row["disabled_at"], Value::Null);
    assert!(row.get("password_hash").is_none());

    let needle = &busy.email[5..17];
    let found = users(&admin, &format!("?search={}", needle.to_uppercase())).await;
    assert_eq!(emails(&found), [busy.email.as_str()]);
    assert_eq!(found["total"], 1);
    assert_eq!(
        users(&admin, "?search=100%25").await["total"],
        0,
        "% is literal"
    );
    assert_eq!(
        users(&admin, "?search=Test%20User").await["total"],
        2,
        "display names match"
    );
    let second_page = users(&admin, "?page=2").await;
    assert_eq!(second_page["users"], json!([]));
    assert_eq!(second_page["total"], 2);
    for query in ["?page=0", "?page=two"] {
        assert_invalid(admin.get(&format!("{USERS}{query}")).await, "page", &query).await;
    }
});

on_every_backend!(the_last_administrator_stays, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let response = change(&admin, admin.id, json!({ "role": "user" })).await;
    assert_error(response, 409, "conflict").await;
    assert_error(
        change(&admin, admin.id, json!({ "disabled": true })).await,
        409,
        "conflict",
    )
    .await;

    let promoted = change(&admin, user.id, json!({ "role": "admin" })).await;
    assert_eq!(promoted.status(), 200);
    assert_eq!(body(promoted).await["role"], "admin");
    let (actor, payload) = last_activity(&app, "admin.user_changed").await;
    assert_eq!(
        actor,
        Some(admin.id),
        "the activity names the administrator"
    );
    assert_eq!(payload["user_id"], user.id);
    assert_eq!(payload["role"], "admin");

    let demoted = change(&user, admin.id, json!({ "role": "user" })).await;
    assert_eq!(demoted.status(), 200, "with two administrators one may go");
    assert_error(
        change(&user, user.id, json!({ "role": "user" })).await,
        409,
        "conflict",
    )
    .await;
    assert_error(
        change(&admin, user.id, json!({ "role": "user" })).await,
        403,
        "forbidden",
    )
    .await;

    assert_invalid(change(&user, admin.id, json!({})).await, "role", &"nothing").await;
    assert_eq!(
        change(&user, admin.id, json!({ "role": "root" }))
            .await
            .status(),
        422
    );
    assert_eq!(
        change(&user, admin.id, json!({ "owner": true }))
            .await
            .status(),
        422
    );
    assert_error(
        change(&user, 999_999, json!({ "role": "user" })).await,
        404,
        "not_found",
    )
    .await;
});

on_every_backend!(
    disabling_ends_sessions_at_once_and_enabling_lets_them_back,
    |app| {
        let admin = app.user().await;
        let user = app.user().await;
        assert_eq!(status_of(&user).await, 200);
        let disabled = change(&admin, user.id, json!({ "disabled": true })).await;
        assert_eq!(disabled.status(), 200);
        let row = body(disabled).await;
        assert!(row["disabled_at"].is_string(), "{row}");
        assert_eq!(row["active_sessions"], 0);
        assert_eq!(
            status_of(&user).await,
            401,
            "the access token stops working at once"
        );
        let login = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({ "email": user.email, "password": user.password }))
            .send()
            .await
            .expect("sent");
        assert!(
            login.status().is_client_error(),
            "a disabled user cannot sign in"
        );
        assert_error(
            change(&admin, admin.id, json!({ "disabled": true })).await,
            409,
            "conflict",
        )
        .await;

        let enabled = change(&admin, user.id, json!({ "disabled": false })).await;
        assert_eq!(body(enabled).await["disabled_at"], Value::Null);
        let back = app.log_in(&user.email, &user.password).await;
        assert_eq!(status_of(&back).await, 200);
    }
);

on_every_backend!(revoking_sessions_signs_a_user_out_everywhere, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let other_device = app.log_in(&user.email, &user.password).await;
    let response = admin
        .post(
            &format!("{}/revoke-sessions", user_path(user.id)),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(body(response).await["revoked"], 2);
    assert_eq!(status_of(&user).await, 401);
    assert_eq!(status_of(&other_device).await, 401);
    assert_eq!(
        status_of(&admin).await,
        200,
        "the administrator stays signed in"
    );
    let (actor, payload) = last_activity(&app, "admin.sessions_revoked").await;
    assert_eq!((actor, &payload["revoked"]), (Some(admin.id), &json!(2)));
    assert_error(
        admin
            .post(
                &format!("{}/revoke-sessions", user_path(999_999)),
                &json!({}),
            )
            .await,
        404,
        "not_found",
    )
    .await;
});

on_every_backend!(deleting_a_user_removes_their_data_and_only_theirs, |app| {
    let admin = app.user().await;
    let leaving = app.user().await;
    let staying = app.user().await;
    let (today, _) = today_in_utc().await;
    for user in [&leaving, &staying] {
        let [groceries] = category_ids(user, ["Groceries"]).await;
        spend(user, groceries, "10.00", today).await;
        uploaded(user, "receipt.png", png(40, 30)).await;
        user.post(
            "/api/v1/chatbot/query",
            &json!({ "question": "how much did I spend this month" }),
        )
        .await;
    }
    let files_before = stored_files(&app);
    assert_eq!(
        files_before.len(),
        4,
        "a file and a thumbnail each: {files_before:?}"
    );

    assert_invalid(
        delete(&app, &admin, leaving.id, "someone@else.org").await,
        "confirm_email",
        &"wrong",
    )
    .await;
    assert_eq!(status_of(&leaving).await, 200, "nothing happened");
    assert_error(
        delete(&app, &admin, admin.id, &admin.email).await,
        409,
        "conflict",
    )
    .await;
    assert_error(
        delete(&app, &admin, 999_999, "x@example.com").await,
        404,
        "not_found",
    )
    .await;

    let response = delete(&app, &admin, leaving.id, &leaving.email.to_uppercase()).await;
    assert_eq!(response.status(), 204);
    assert_eq!(status_of(&leaving).await, 401);
    assert!(!emails(&users(&admin, "").await).contains(&leaving.email));
    let leftovers = Categories::find()
        .filter(app::server::entities::categories::Column::UserId.eq(leaving.id))
        .all(&app.db)
        .await
        .expect("query");
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_eq!(
        app.count::<Expenses>().await,
        1,
        "the staying user's expense is kept"
    );
    assert_eq!(app.count::<Receipts>().await, 1);
    assert_eq!(app.count::<ChatMessages>().await, 2);
    let files_after = stored_files(&app);
    assert_eq!(
        files_after.len(),
        2,
        "the leaving user's files are gone: {files_after:?}"
    );
    assert!(files_after.is_subset(&files_before));
    assert_eq!(status_of(&staying).await, 200);
    let (actor, payload) = last_activity(&app, "admin.user_deleted").await;
    assert_eq!(actor, Some(admin.id));
    assert_eq!(payload["email"], leaving.email.as_str());
    assert_error(
        delete(&app, &admin, leaving.id, &leaving.email).await,
        404,
        "not_found",
    )
    .await;
});

// An administrator's change reads before it writes. On SQLite such a transaction used to fail
// with "database is locked" (a 500) whenever another write committed in between, as the event
// relay's and every user's writes do; write transactions now take the lock up front.
on_every_backend!(administrators_change_users_while_others_write, |app| {
    let admin = app.user().await;
    let writer = app.user().await;
    let target = app.user().await;
    let [groceries] = category_ids(&writer, ["Groceries"]).await;
    let revoke = format!("{}/revoke-sessions", user_path(target.id));
    let (admin, writer, revoke) = (&admin, &writer, &revoke);
    let revokes = (0..12).map(|_| async move { admin.post(revoke, &json!({})).await });
    let writes = (0..12).map(|cents| async move {
        let spent = expense(groceries, &format!("1.{cents:02}"), days_ago(1));
        writer.post("/api/v1/expenses", &spent).await
    });
    let (revoked, written) = tokio::join!(join_all(revokes), join_all(writes));
    for response in revoked {
        let status = response.status();
        assert_eq!(status, 200, "{}", body(response).await);
    }
    for response in written {
        let status = response.status();
        assert_eq!(status, 201, "{}", body(response).await);
    }
});
