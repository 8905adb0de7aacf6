//! Query analytics for administrators: top queries with percentiles and errors, queries per day
//! by origin, the slowest runs, what the assistant could not answer, usage per day and receipt
//! storage; the `metric=queries` trend; refused for everyone else.

use serde_json::{Value, json};

use crate::{
    budgets::{category_ids, spend, today_in_utc},
    expenses::{assert_error, assert_invalid, body},
    helpers::{assert_documented, assert_server_fns_refuse, on_every_backend},
    receipts::{samples::png, uploaded},
};

const ANALYTICS: &str = "/api/v1/admin/analytics";
const QUERY_TRENDS: &str = "/api/v1/analytics/trends?metric=queries";

fn series<'a>(counts: &'a Value, name: &str) -> &'a Value {
    counts["series"]
        .as_array()
        .and_then(|series| series.iter().find(|s| s["name"] == name))
        .unwrap_or_else(|| panic!("a `{name}` series in {counts}"))
}

on_every_backend!(analytics_sum_up_queries_questions_and_usage, |app| {
    let admin = app.user().await;
    let user = app.user().await;
    let (today, _) = today_in_utc().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    spend(&user, dining, "8.00", today).await;
    spend(&user, dining, "2.00", today).await;
    let receipt = uploaded(&user, "receipt.png", png(4, 4)).await;
    for sql in [
        "SELECT id FROM users WHERE id = 1",
        "SELECT id FROM users WHERE id = 2",
        "SELECT nope FROM users",
    ] {
        admin.post("/api/v1/db/query", &json!({ "sql": sql })).await;
    }
    for question in [
        "how much did I spend on dining this month?",
        "how much did I spend on zebras",
        "How much did I spend on ZEBRAS",
    ] {
        let asked = user
            .post("/api/v1/chatbot/query", &json!({ "question": question }))
            .await;
        assert_eq!(asked.status(), 200);
    }

    // Usage comes from the event handlers' counters: let them catch up first.
    crate::outbox::drained(&app).await;
    let response = admin.get(ANALYTICS).await;
    assert_eq!(response.status(), 200);
    let analytics = body(response).await;
    assert_eq!(analytics["days"], 30);

    let top = analytics["top_queries"].as_array().expect("top queries");
    let by_sql = |needle: &str| {
        top.iter()
            .find(|query| {
                query["sql"]
                    .as_str()
                    .is_some_and(|sql| sql.contains(needle))
            })
            .unwrap_or_else(|| panic!("`{needle}` among {top:?}"))
    };
    let lookup = by_sql("WHERE id =");
    assert_eq!(lookup["count"], 2, "literals aside, one query: {lookup}");
    assert_eq!(lookup["origin"], "console");
    assert_eq!(lookup["errors"], 0);
    assert!(lookup["p95_ms"].as_i64() >= lookup["p50_ms"].as_i64());
    assert!(lookup["last_run_at"].is_string());
    assert_eq!(by_sql("nope")["errors"], 1);
    assert_eq!(top[0], *lookup, "most frequent first");

    let per_day = &analytics["queries_per_day"];
    assert_eq!(per_day["days"].as_array().map(Vec::len), Some(30));
    assert_eq!(per_day["days"][29], today_utc_label());
    assert_eq!(series(per_day, "console")["total"], 3);
    assert_eq!(series(per_day, "console")["values"][29], 3);
    assert_eq!(series(per_day, "assistant")["total"], 1);

    assert!(
        analytics["slowest"]
            .as_array()
            .is_some_and(|slowest| slowest.len() == 4),
        "every run of the window, slowest first: {}",
        analytics["slowest"]
    );
    let unanswered = analytics["unanswered"].as_array().expect("unanswered");
    assert_eq!(unanswered.len(), 1, "{unanswered:?}");
    assert_eq!(unanswered[0]["times"], 2, "the same question, case aside");
    assert!(
        unanswered[0]["question"]
            .as_str()
            .is_some_and(|question| question.to_lowercase().contains("zebras"))
    );

    let usage = &analytics["usage_per_day"];
    assert_eq!(series(usage, "expenses_created")["total"], 2);
    assert!(series(usage, "active_users")["values"][29].as_u64() >= Some(1));
    assert_eq!(analytics["receipt_storage"]["receipts"], 1);
    assert_eq!(analytics["receipt_storage"]["bytes"], receipt["byte_size"]);

    let response = admin.get(&format!("{QUERY_TRENDS}&days=7")).await;
    assert_eq!(response.status(), 200);
    let trend = body(response).await;
    assert_eq!(trend["days"].as_array().map(Vec::len), Some(7));
    assert_eq!(series(&trend, "console")["total"], 3);

    assert_error(user.get(ANALYTICS).await, 403, "forbidden").await;
    assert_error(user.get(QUERY_TRENDS).await, 403, "forbidden").await;
    let spending = user.get("/api/v1/analytics/trends?metric=spending").await;
    assert_eq!(
        spending.status(),
        200,
        "a user's own spending trend still works"
    );
    assert!(body(spending).await["buckets"].is_array());
    assert_error(app.get(ANALYTICS).await, 401, "unauthorized").await;
    assert_server_fns_refuse(
        &app,
        Some(&user.access_token),
        &[("/api/admin/analytics", vec![])],
        403,
        "forbidden",
    )
    .await;
});

fn today_utc_label() -> String {
    chrono::Utc::now().date_naive().to_string()
}

on_every_backend!(bad_analytics_parameters_are_refused, |app| {
    let admin = app.user().await;
    for (path, field) in [
        (format!("{ANALYTICS}?days=0"), "days"),
        (format!("{ANALYTICS}?days=366"), "days"),
        (format!("{ANALYTICS}?days=week"), "days"),
        (format!("{QUERY_TRENDS}&days=-1"), "days"),
        (format!("{QUERY_TRENDS}&range=this_month"), "range"),
        (
            "/api/v1/analytics/trends?metric=vibes".to_string(),
            "metric",
        ),
        ("/api/v1/analytics/trends?days=7".to_string(), "days"),
    ] {
        assert_invalid(admin.get(&path).await, field, &path).await;
    }
    assert_documented(
        &app,
        "admin",
        &[("/admin/analytics", "get")],
        &[
            "AdminAnalytics",
            "DailyCounts",
            "SlowQuery",
            "UnansweredQuestion",
        ],
    )
    .await;
});
