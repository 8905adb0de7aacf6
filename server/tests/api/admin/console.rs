//! The database console on every engine: tables with columns and indexes; SQL run read-only
//! (writes of every kind refused, by the check and by the database), with a timeout and a row
//! cap; hashes masked; every run logged; administrators only.

use app::server::entities::{prelude::*, query_log};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    expenses::{assert_error, assert_invalid, body},
    helpers::{TestApp, TestUser, assert_server_fns_refuse, on_every_backend},
};

const TABLES: &str = "/api/v1/db/tables";
const QUERY: &str = "/api/v1/db/query";

async fn execute(admin: &TestUser, sql: &str) -> reqwest::Response {
    admin.post(QUERY, &json!({ "sql": sql })).await
}

async fn result(admin: &TestUser, sql: &str) -> Value {
    let response = execute(admin, sql).await;
    let status = response.status();
    let result = body(response).await;
    assert_eq!(status, 200, "{sql}: {result}");
    result
}

/// A query that runs far longer than a second on `backend`.
fn slow_query(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => "SELECT pg_sleep(5)",
        DatabaseBackend::MySql => "SELECT BENCHMARK(5000000000, MD5('spendwise'))",
        _ => {
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
        }
    }
}

/// Everything a write could touch, as the test sees it.
async fn snapshot(app: &TestApp) -> (u64, u64, Value) {
    let users = Users::find().all(&app.db).await.expect("users");
    let roles: Vec<(String, String)> = users
        .iter()
        .map(|u| (u.email.clone(), u.role.clone()))
        .collect();
    (
        app.count::<Users>().await,
        app.count::<Categories>().await,
        json!(roles),
    )
}

on_every_backend!(tables_are_listed_with_columns_and_indexes, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let response = admin.get(TABLES).await;
    assert_eq!(response.status(), 200);
    let tables = body(response).await;
    let table = |name: &str| {
        tables
            .as_array()
            .expect("tables")
            .iter()
            .find(|table| table["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {tables}"))
            .clone()
    };
    let users = table("users");
    assert_eq!(users["row_count"], 2);
    let email = users["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|column| column["name"] == "email")
        .expect("an email column");
    assert_eq!(email["nullable"], false);
    assert!(
        users["indexes"]
            .as_array()
            .expect("indexes")
            .iter()
            .any(|index| index["unique"] == true && index["columns"] == json!(["email"])),
        "{users}"
    );
    let expenses = table("expenses");
    assert!(
        expenses["indexes"]
            .as_array()
            .expect("indexes")
            .iter()
            .any(|index| index["columns"][0] == "user_id"),
        "{expenses}"
    );
    assert_eq!(
        table("categories")["row_count"].as_u64().map(|n| n > 0),
        Some(true)
    );
    assert_error(user.get(TABLES).await, 403, "forbidden").await;
    assert_error(
        app.client.get(app.url(TABLES)).send().await.expect("sent"),
        401,
        "unauthorized",
    )
    .await;
});

on_every_backend!(queries_return_typed_rows_with_hashes_masked, |app| {
    let admin = app.user().await;
    app.user().await;
    let counted = result(
        &admin,
        "SELECT role, COUNT(*) AS n FROM users GROUP BY role ORDER BY role",
    )
    .await;
    assert_eq!(counted["rows"], json!([["admin", 1], ["user", 1]]));
    assert_eq!(counted["columns"][1]["name"], "n");
    assert_eq!(counted["truncated"], false);

    let everything = result(&admin, "SELECT * FROM users ORDER BY id").await;
    let columns = everything["columns"].as_array().expect("columns");
    let hash = columns
        .iter()
        .position(|column| column["name"] == "password_hash")
        .expect("a password_hash column");
    assert_eq!(columns[hash]["masked"], true);
    assert!(
        !everything.to_string().contains("$argon2"),
        "no hash leaves the server: {everything}"
    );
    let aliased = result(&admin, "SELECT password_hash AS x FROM users").await;
    assert_eq!(aliased["columns"][0]["masked"], true, "{aliased}");
    assert!(!aliased.to_string().contains("$argon2"));
    let logged = QueryLog::find()
        .filter(query_log::Column::Origin.eq("console"))
        .all(&app.db)
        .await
        .expect("query log");
    assert_eq!(logged.len(), 3);
    assert!(
        logged
            .iter()
            .all(|row| row.user_id == Some(admin.id) && row.status == "ok")
    );
});

on_every_backend!(the_console_cannot_write, |app| {
    let admin = app.user().await;
    app.user().await;
    let before = snapshot(&app).await;
    let backend = app.db.get_database_backend();
    let mut writes = vec![
        "INSERT INTO categories (user_id, name, name_key, color, archived) VALUES (1, 'x', 'x', '#000000', false)",
        "UPDATE users SET role = 'admin'",
        "DELETE FROM categories",
        "DROP TABLE expenses",
        "CREATE TABLE intruder (id INTEGER)",
        "SELECT 1; UPDATE users SET role = 'admin'",
        "EXPLAIN DELETE FROM users",
    ];
    writes.extend(match backend {
        DatabaseBackend::Postgres => vec![
            "SET statement_timeout = 0",
            "WITH gone AS (DELETE FROM categories RETURNING *) SELECT count(*) FROM gone",
            "SELECT * INTO copied FROM users",
        ],
        DatabaseBackend::MySql => vec![
            "SET SESSION sql_mode = ''",
            "SELECT * FROM users INTO OUTFILE '/tmp/x'",
        ],
        _ => vec![
            "PRAGMA writable_schema = ON",
            "PRAGMA query_only = OFF",
            "ATTACH DATABASE ':memory:' AS x",
        ],
    });
    for sql in writes {
        let response = execute(&admin, sql).await;
        assert_eq!(response.status(), 422, "{sql}");
        let error = body(response).await;
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|message| !message.is_empty()),
            "{sql}: {error}"
        );
    }
    assert_eq!(snapshot(&app).await, before, "nothing changed");
    assert_eq!(app.count::<Categories>().await, before.1);
    // The application's own writes still work: no read-only connection went back to the pool.
    let registered = app.user().await;
    assert!(registered.id > 0);
});

on_every_backend!(
    long_queries_stop_at_the_timeout_and_rows_at_the_cap,
    config = |config| {
        config.admin_sql_timeout_secs = std::num::NonZeroU64::new(1).expect("non-zero");
        config.admin_sql_row_cap = std::num::NonZeroU64::new(3).expect("non-zero");
    },
    |app| {
        let admin = app.user().await;
        let started = std::time::Instant::now();
        let response = execute(&admin, slow_query(app.db.get_database_backend())).await;
        let elapsed = started.elapsed();
        assert_invalid(response, "sql", &"a slow query").await;
        assert!(
            elapsed.as_secs() < 4,
            "stopped after about a second, not {elapsed:?}"
        );
        let capped = result(&admin, "SELECT id FROM categories ORDER BY id").await;
        assert_eq!(capped["rows"].as_array().map(Vec::len), Some(3));
        assert_eq!(capped["truncated"], true);
        let timeouts = QueryLog::find()
            .filter(query_log::Column::Status.eq("timeout"))
            .all(&app.db)
            .await
            .expect("query log");
        assert_eq!(timeouts.len(), 1);
        let syntax = execute(&admin, "SELEC id FROM users").await;
        let error = body(syntax).await;
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("Syntax error")),
            "{error}"
        );
        let unknown = execute(&admin, "SELECT nope FROM users").await;
        assert_eq!(
            unknown.status(),
            422,
            "the database's own message comes back"
        );
    }
);

on_every_backend!(only_administrators_use_the_console, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    assert_error(execute(&user, "SELECT 1").await, 403, "forbidden").await;
    assert_server_fns_refuse(
        &app,
        Some(&user.access_token),
        &[
            ("/api/admin/db/tables", vec![]),
            (
                "/api/admin/db/query",
                vec![("query[sql]", "SELECT 1".to_string())],
            ),
        ],
        403,
        "forbidden",
    )
    .await;
    assert_server_fns_refuse(
        &app,
        None,
        &[("/api/admin/db/tables", vec![])],
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(
        result(&admin, "SELECT 1 AS one").await["rows"],
        json!([[1]])
    );
});

/// Fills `console_big` with 100,000 rows, `k` cycling through 0..1000.
async fn big_table(app: &TestApp) {
    let backend = app.db.get_database_backend();
    let statements: &[&str] = match backend {
        DatabaseBackend::Postgres => &[
            "CREATE TABLE console_big (id BIGINT PRIMARY KEY, k BIGINT NOT NULL, note TEXT NOT NULL)",
            "INSERT INTO console_big SELECT n, n % 1000, 'row ' || n FROM generate_series(1, 100000) AS n",
            "ANALYZE console_big",
        ],
        DatabaseBackend::MySql => &[
            "CREATE TABLE console_big (id BIGINT PRIMARY KEY, k BIGINT NOT NULL, note VARCHAR(20) NOT NULL)",
            "SET STATEMENT max_recursive_iterations = 200000 FOR INSERT INTO console_big WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100000) \
             SELECT n, n % 1000, CONCAT('row ', n) FROM r",
            "ANALYZE TABLE console_big",
        ],
        _ => &[
            "CREATE TABLE console_big (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, note TEXT NOT NULL)",
            "INSERT INTO console_big WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100000) \
             SELECT n, n % 1000, 'row ' || n FROM r",
        ],
    };
    for statement in statements {
        app.db
            .execute_unprepared(statement)
            .await
            .unwrap_or_else(|error| panic!("{statement}: {error}"));
    }
}

on_every_backend!(explain_suggests_an_index_until_it_exists, |app| {
    let admin = app.user().await;
    big_table(&app).await;
    let explain = |sql: &str| {
        let admin = &admin;
        let sql = sql.to_string();
        async move {
            let response = admin
                .post("/api/v1/db/explain", &json!({ "sql": sql }))
                .await;
            let status = response.status();
            let plan = body(response).await;
            assert_eq!(status, 200, "{plan}");
            plan
        }
    };
    let query = "SELECT id, note FROM console_big WHERE k = 7";
    let before = explain(query).await;
    let steps = before["steps"].as_array().expect("steps");
    assert!(
        steps
            .iter()
            .any(|step| step["expensive"] == true && step["table"] == "console_big"),
        "the full scan is marked: {before}"
    );
    let advice = before["advice"].to_string();
    assert!(
        advice.contains("CREATE INDEX idx_console_big_k ON console_big (k)"),
        "{advice}"
    );
    assert!(advice.contains("no LIMIT"), "{advice}");
    assert!(!before["raw"].is_null());

    app.db
        .execute_unprepared("CREATE INDEX idx_console_big_k ON console_big (k)")
        .await
        .expect("index created");
    let analyze = match app.db.get_database_backend() {
        DatabaseBackend::MySql => "ANALYZE TABLE console_big",
        _ => "ANALYZE console_big",
    };
    app.db.execute_unprepared(analyze).await.expect("analyzed");
    let after = explain(query).await;
    assert!(
        after["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .all(|step| step["expensive"] == false),
        "{after}"
    );
    assert_eq!(after["advice"], json!([]), "{after}");
    let small = explain("SELECT * FROM categories").await;
    assert_eq!(
        small["advice"],
        json!([]),
        "a small table needs no index: {small}"
    );
    assert_invalid(
        admin
            .post(
                "/api/v1/db/explain",
                &json!({ "sql": "DELETE FROM console_big" }),
            )
            .await,
        "sql",
        &"a write",
    )
    .await;
});
