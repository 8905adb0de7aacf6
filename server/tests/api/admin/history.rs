//! The console's history: the calling administrator's own runs from the query log, newest
//! first, searchable and paged, with duration, rows and status.

use serde_json::{Value, json};

use crate::{
    expenses::{assert_error, assert_invalid, body},
    helpers::{TestUser, assert_documented, on_every_backend},
};

const HISTORY: &str = "/api/v1/db/history";

async fn history(admin: &TestUser, query: &str) -> Value {
    let response = admin.get(&format!("{HISTORY}{query}")).await;
    let status = response.status();
    let page = body(response).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn sqls(page: &Value) -> Vec<&str> {
    page["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .map(|run| run["sql"].as_str().expect("sql"))
        .collect()
}

on_every_backend!(the_history_lists_the_admins_own_runs, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    for sql in [
        "SELECT id FROM users",
        "SELECT count(*) FROM expenses",
        "SELECT nope FROM users",
    ] {
        admin.post("/api/v1/db/query", &json!({ "sql": sql })).await;
    }
    // The assistant's queries are not the console's.
    user.post(
        "/api/v1/chatbot/query",
        &json!({ "question": "how much did I spend this month" }),
    )
    .await;

    let everything = history(&admin, "").await;
    assert_eq!(
        sqls(&everything),
        [
            "SELECT nope FROM users",
            "SELECT count(*) FROM expenses",
            "SELECT id FROM users"
        ],
        "newest first"
    );
    let failed = &everything["runs"][0];
    assert_eq!(failed["status"], "error");
    assert_eq!(failed["row_count"], Value::Null);
    assert!(
        failed["error"]
            .as_str()
            .is_some_and(|error| !error.is_empty())
    );
    let counted = &everything["runs"][1];
    assert_eq!(counted["status"], "ok");
    assert_eq!(counted["row_count"], 1);
    assert!(counted["duration_ms"].as_i64() >= Some(0));

    assert_eq!(sqls(&history(&admin, "?search=users").await).len(), 2);
    let first = history(&admin, "?limit=1").await;
    assert_eq!(sqls(&first), ["SELECT nope FROM users"]);
    let before = first["next_before"].as_i64().expect("more");
    let rest = history(&admin, &format!("?before={before}")).await;
    assert_eq!(sqls(&rest).len(), 2);
    assert_eq!(rest["next_before"], Value::Null);

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=101", "limit"),
        ("?before=x", "before"),
    ] {
        assert_invalid(admin.get(&format!("{HISTORY}{query}")).await, field, &query).await;
    }
    assert_error(user.get(HISTORY).await, 403, "forbidden").await;
    assert_documented(
        &app,
        "admin",
        &[
            ("/db/history", "get"),
            ("/db/execute", "post"),
            ("/db/write-mode", "post"),
        ],
        &["ConsoleHistory", "ConsoleRun", "WriteMode"],
    )
    .await;
});
