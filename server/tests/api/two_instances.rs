//! Two instances on one database, as behind a load balancer: a session started on one works on
//! the other and ends on both at once, neither serves a figure the other's write made stale (each
//! has its own caches), and a write on one reaches the event streams open on the other.

use std::{future::Future, num::NonZeroU64, time::Duration};

use futures_util::{Stream, StreamExt};
use reqwest::{Method, Response};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::{Value, json};

use crate::{
    events::open,
    expenses::{add, body, category_id, days_ago, expense, today_at_offset},
    helpers::{
        ACCESS_COOKIE, Backend, REFRESH_COOKIE, TestApp, TestUser, sets_cookie, spawn_app_on,
    },
};

/// Four polls of the event stream: a change that has not arrived by then was missed.
const PROMPTLY: Duration = Duration::from_secs(2);

/// Runs `scenario` on two instances sharing one fresh database of `backend`, or skips loudly.
async fn on_two_instances<F, Fut>(backend: Backend, scenario: F)
where
    F: FnOnce(TestApp, TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(first) = spawn_app_on(backend).await else {
        eprintln!("SKIPPED: no {backend:?} server configured, so two instances were not compared");
        return;
    };
    let second = first.another_instance().await;
    eprintln!(
        "two instances on one {backend:?} database: {} and {}",
        first.address, second.address
    );
    scenario(first, second).await;
}

/// One test per shared database engine: `scenario::postgres` and `scenario::mysql`.
macro_rules! on_shared_databases {
    ($scenario:ident) => {
        mod $scenario {
            use crate::helpers::Backend;

            #[tokio::test]
            async fn postgres() {
                super::on_two_instances(Backend::Postgres, super::$scenario).await;
            }

            #[tokio::test]
            async fn mysql() {
                super::on_two_instances(Backend::Mysql, super::$scenario).await;
            }
        }
    };
}

/// A client with no cookie store, so it sends exactly what the test gives it.
async fn send(request: reqwest::RequestBuilder) -> Response {
    request.send().await.expect("request sent")
}

async fn with_token(app: &TestApp, token: &str, path: &str) -> Response {
    send(reqwest::Client::new().get(app.url(path)).bearer_auth(token)).await
}

async fn with_cookies(app: &TestApp, cookies: &str, path: &str) -> Response {
    send(
        reqwest::Client::new()
            .get(app.url(path))
            .header("cookie", cookies),
    )
    .await
}

/// `method path` on `app` as `user`, wherever the user signed in.
async fn as_user(app: &TestApp, user: &TestUser, method: Method, path: &str) -> Response {
    send(user.request(method, &app.url(path))).await
}

async fn json_on(app: &TestApp, user: &TestUser, path: &str) -> Value {
    let response = as_user(app, user, Method::GET, path).await;
    let status = response.status();
    let answer = body(response).await;
    assert_eq!(status, 200, "GET {path} on {}: {answer}", app.address);
    answer
}

on_shared_databases!(a_session_works_on_both_instances_and_ends_on_both);
async fn a_session_works_on_both_instances_and_ends_on_both(a: TestApp, b: TestApp) {
    let user = a.user().await;
    let profile = "/api/v1/auth/profile";
    let cookies = format!(
        "{ACCESS_COOKIE}={}; {REFRESH_COOKIE}={}",
        user.access_token, user.refresh_token
    );
    let by_token = with_token(&b, &user.access_token, profile).await;
    assert_eq!(by_token.status(), 200);
    assert_eq!(body(by_token).await["email"], user.email.as_str());
    let by_cookie = with_cookies(&b, &cookies, profile).await;
    assert_eq!(by_cookie.status(), 200);
    assert_eq!(body(by_cookie).await["email"], user.email.as_str());
    // A browser whose access cookie expired is refreshed by whichever instance it reaches.
    let refresh_only = format!("{REFRESH_COOKIE}={}", user.refresh_token);
    let refreshed = with_cookies(&b, &refresh_only, profile).await;
    assert_eq!(refreshed.status(), 200);
    assert!(
        sets_cookie(&refreshed, ACCESS_COOKIE),
        "B refreshed A's session"
    );

    let logout = user.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(logout.status(), 204, "logged out on A");
    for app in [&b, &a] {
        let by_token = with_token(app, &user.access_token, profile).await;
        assert_eq!(
            by_token.status(),
            401,
            "the token is dead on {}",
            app.address
        );
        let by_cookie = with_cookies(app, &cookies, profile).await;
        assert_eq!(
            by_cookie.status(),
            401,
            "the cookies are dead on {}",
            app.address
        );
        let refresh = with_cookies(app, &refresh_only, profile).await;
        assert_eq!(refresh.status(), 401, "no refresh on {}", app.address);
    }
}

/// This month's spending on `app` as the overview, the budget status, the trends and the list's
/// sums see it (each has a cache or a query of its own).
async fn spent_on(app: &TestApp, user: &TestUser) -> [Option<i64>; 4] {
    let overview = json_on(app, user, "/api/v1/analytics/overview").await;
    let status = json_on(app, user, "/api/v1/budgets/status").await;
    let trends = json_on(app, user, "/api/v1/analytics/trends").await;
    let list = json_on(app, user, "/api/v1/expenses?preset=this_month").await;
    [
        &overview["spent_this_month_minor"],
        &status["lines"][0]["spent_minor"],
        &trends["series"][0]["total_minor"],
        &list["sums"][0]["amount_minor"],
    ]
    .map(Value::as_i64)
}

on_shared_databases!(neither_instance_serves_figures_the_other_made_stale);
async fn neither_instance_serves_figures_the_other_made_stale(a: TestApp, b: TestApp) {
    let user = a.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let today = today_at_offset(0).await;
    let budget = user
        .post("/api/v1/budgets", &json!({ "amount": "100" }))
        .await;
    assert_eq!(budget.status(), 201);
    add(&user, expense(groceries, "10.00", today)).await;
    // Asked twice: the second answers come from B's caches.
    for _ in 0..2 {
        assert_eq!(spent_on(&b, &user).await, [Some(1_000); 4], "B before");
    }
    let id = add(&user, expense(groceries, "12.34", today)).await;
    assert_eq!(
        spent_on(&b, &user).await,
        [Some(2_234); 4],
        "B after A's write"
    );

    // The other way round: A has cached the new figures; B deletes.
    assert_eq!(spent_on(&a, &user).await, [Some(2_234); 4], "A before");
    let path = format!("/api/v1/expenses/{id}");
    let deleted = as_user(&b, &user, Method::DELETE, &path).await;
    assert_eq!(deleted.status(), 200);
    assert_eq!(
        spent_on(&a, &user).await,
        [Some(1_000); 4],
        "A after B's delete"
    );
}

/// The next event carrying data, or `None` when the stream ended first.
async fn next_event(stream: &mut (impl Stream<Item = String> + Unpin)) -> Option<String> {
    let mut text = String::new();
    while let Some(chunk) = stream.next().await {
        text.push_str(&chunk);
        if let Some(event) = text.split("\n\n").find(|event| event.contains("data:")) {
            return Some(event.to_string());
        }
    }
    None
}

on_shared_databases!(a_write_on_one_instance_reaches_streams_on_the_other);
async fn a_write_on_one_instance_reaches_streams_on_the_other(a: TestApp, b: TestApp) {
    let user = a.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let url = b.url("/api/v1/events");
    let mut on_b = Box::pin(open(&user, &url).await);
    add(&user, expense(groceries, "3.00", days_ago(1))).await;
    let event = tokio::time::timeout(PROMPTLY, next_event(&mut on_b))
        .await
        .expect("B's stream tells of A's write within two seconds")
        .expect("an event, not the end of the stream");
    assert!(event.contains("event: data_changed"), "{event}");
    assert!(event.contains("\"data_version\":"), "{event}");

    let logout = user.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(logout.status(), 204, "logged out on A");
    let ended = tokio::time::timeout(PROMPTLY, next_event(&mut on_b)).await;
    assert_eq!(ended, Ok(None), "B's stream ends with the session A ended");
}

/// On PostgreSQL a change is pushed (LISTEN/NOTIFY): B's streams re-read on their own only once
/// an hour here, so whatever reaches them was pushed. That holds after B's listening connection
/// is killed, too: it reconnects and every stream re-reads what it may have missed.
#[tokio::test]
async fn on_postgres_changes_and_logouts_are_pushed_to_streams_on_the_other_instance() {
    let Some(a) = spawn_app_on(Backend::Postgres).await else {
        eprintln!(
            "SKIPPED: no PostgreSQL server configured, so pushed live updates were not tested"
        );
        return;
    };
    let hourly = NonZeroU64::new(3600).expect("non-zero");
    let b = a
        .another_instance_with(|config| config.live_recheck_secs = hourly)
        .await;
    let user = a.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let url = b.url("/api/v1/events");
    let mut on_b = Box::pin(open(&user, &url).await);

    add(&user, expense(groceries, "3.00", days_ago(1))).await;
    let first = tokio::time::timeout(PUSHED, next_event(&mut on_b))
        .await
        .expect("B's stream is told of A's write")
        .expect("an event, not the end of the stream");
    assert!(first.contains("event: data_changed"), "{first}");

    let killed = killed_listeners(&a).await;
    assert!(killed >= 1, "the instances listen on PostgreSQL");
    add(&user, expense(groceries, "4.00", days_ago(1))).await;
    let second = tokio::time::timeout(PUSHED, next_event(&mut on_b))
        .await
        .expect("B's stream hears of the write made while it was reconnecting")
        .expect("an event, not the end of the stream");
    assert_ne!(first, second, "a newer data version");

    let logout = user.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(logout.status(), 204, "logged out on A");
    let ended = tokio::time::timeout(PUSHED, next_event(&mut on_b)).await;
    assert_eq!(ended, Ok(None), "B's stream ends with the session A ended");
}

/// Far below the hour-long recheck, far above any push.
const PUSHED: Duration = Duration::from_secs(20);

/// Ends every connection listening for changes on the app's database; how many it ended.
async fn killed_listeners(app: &TestApp) -> u64 {
    let statement = Statement::from_string(
        DatabaseBackend::Postgres,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    app.db
        .query_all_raw(statement)
        .await
        .expect("listeners ended")
        .len() as u64
}

on_shared_databases!(a_budget_alert_raised_on_one_instance_shows_on_the_other);
async fn a_budget_alert_raised_on_one_instance_shows_on_the_other(a: TestApp, b: TestApp) {
    let user = a.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let today = today_at_offset(0).await;
    let notifications = "/api/v1/notifications";
    assert_eq!(json_on(&b, &user, notifications).await["unread"], 0);
    let budget = json!({ "category_id": groceries, "amount": "10" });
    assert_eq!(user.post("/api/v1/budgets", &budget).await.status(), 201);
    add(&user, expense(groceries, "25.00", today)).await;

    let on_b = json_on(&b, &user, notifications).await;
    assert!(on_b["unread"].as_i64() >= Some(1), "{on_b}");
    assert_eq!(on_b["items"][0]["kind"], "budget_alert", "{on_b}");
    let read = as_user(&b, &user, Method::POST, "/api/v1/notifications/read-all").await;
    assert_eq!(read.status(), 200);
    assert_eq!(json_on(&a, &user, notifications).await["unread"], 0);
}
