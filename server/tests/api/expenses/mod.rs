//! Expenses (issue 4): single expenses, their rules, the paginated list and its filters, and who
//! may see them. The shared steps (make an expense, read a list, prove nothing was written) are
//! here; the categories tests use them too.

mod access;
mod concurrency;
mod crud;
mod filters;
mod pagination;
mod search;
mod server_functions;
mod totals;
mod validation;

use std::collections::BTreeSet;

use app::server::entities::{
    activity,
    prelude::{Activity, Categories, Expenses},
};
use chrono::{Days, NaiveDate, Timelike, Utc};
use reqwest::Response;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser};

pub async fn body(response: Response) -> Value {
    response.json().await.expect("json body")
}

/// Asserts a 422 validation error naming `field`; `context` says which request it was.
pub async fn assert_invalid(response: Response, field: &str, context: &impl std::fmt::Display) {
    let status = response.status();
    let error = body(response).await;
    assert_eq!(status, 422, "{context}: {error}");
    assert_eq!(error["error"]["code"], "validation", "{context}: {error}");
    assert_eq!(error["error"]["field"], field, "{context}: {error}");
}

/// Asserts the `{"error": {"code": ...}}` body and status of a refused REST call.
pub async fn assert_error(response: Response, status: u16, code: &str) {
    let actual = response.status();
    let error = body(response).await;
    assert_eq!(actual, status, "{error}");
    assert_eq!(error["error"]["code"], code, "{error}");
}

/// Row counts of every table an expense or category change writes.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub expenses: u64,
    pub categories: u64,
    pub activity: u64,
}

/// What the database holds now, to prove a refused request wrote nothing.
pub async fn written(app: &TestApp) -> Written {
    Written {
        expenses: app.count::<Expenses>().await,
        categories: app.count::<Categories>().await,
        activity: app.count::<Activity>().await,
    }
}

/// The newest activity row: its kind, user and payload.
pub async fn last_activity(app: &TestApp) -> (String, Option<i64>, Value) {
    let row = Activity::find()
        .order_by_desc(activity::Column::Id)
        .one(&app.db)
        .await
        .expect("activity read")
        .expect("an activity row");
    let payload = serde_json::from_str(&row.payload).expect("payload is JSON");
    (row.kind, row.user_id, payload)
}

pub async fn categories(user: &TestUser) -> Vec<Value> {
    let response = user.get("/api/v1/categories").await;
    assert_eq!(response.status(), 200);
    body(response).await["items"]
        .as_array()
        .expect("items")
        .clone()
}

/// The id of the user's category called `name`.
pub async fn category_id(user: &TestUser, name: &str) -> i64 {
    categories(user)
        .await
        .iter()
        .find(|category| category["name"] == name)
        .and_then(|category| category["id"].as_i64())
        .unwrap_or_else(|| panic!("no category {name}"))
}

/// A new category of the user's, archived when `archived` says so.
pub async fn new_category(user: &TestUser, name: &str, archived: bool) -> i64 {
    let response = user
        .post("/api/v1/categories", &json!({ "name": name }))
        .await;
    assert_eq!(response.status(), 201);
    let id = body(response).await["id"].as_i64().expect("id");
    if archived {
        let response = user
            .patch(
                &format!("/api/v1/categories/{id}"),
                &json!({ "archived": true }),
            )
            .await;
        assert_eq!(response.status(), 200);
    }
    id
}

/// Creates an expense and answers with what the server made of it.
pub async fn create(user: &TestUser, expense: &Value) -> Value {
    let response = user.post("/api/v1/expenses", expense).await;
    let status = response.status();
    let created = body(response).await;
    assert_eq!(status, 201, "{expense}: {created}");
    created
}

/// An expense of `amount` in the user's base currency on `spent_on`.
pub fn expense(category_id: i64, amount: &str, spent_on: NaiveDate) -> Value {
    json!({ "amount": amount, "spent_on": spent_on, "category_id": category_id })
}

pub async fn get_expense(user: &TestUser, id: i64) -> Value {
    let response = user.get(&format!("/api/v1/expenses/{id}")).await;
    assert_eq!(response.status(), 200);
    body(response).await
}

/// `GET /api/v1/expenses?{query}`, which must succeed.
pub async fn list(user: &TestUser, query: &str) -> Value {
    let response = user.get(&format!("/api/v1/expenses?{query}")).await;
    let status = response.status();
    let page = body(response).await;
    assert_eq!(status, 200, "?{query}: {page}");
    page
}

/// Creates the expense and answers its id.
pub async fn add(user: &TestUser, expense: Value) -> i64 {
    create(user, &expense).await["id"].as_i64().expect("id")
}

/// The ids the list answers for `query`, as a set, after checking `total` agrees.
pub async fn matching(user: &TestUser, query: &str) -> BTreeSet<i64> {
    let page = list(user, &format!("{query}&limit=100")).await;
    let found: BTreeSet<i64> = ids(&page).into_iter().collect();
    assert_eq!(page["total"], found.len(), "?{query}");
    found
}

pub fn id_set<const N: usize>(ids: [i64; N]) -> BTreeSet<i64> {
    ids.into_iter().collect()
}

/// The ids of a page, in order.
pub fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["id"].as_i64().expect("id"))
        .collect()
}

/// A day before today in UTC, the time zone of a new account: never in the future.
pub fn days_ago(days: u64) -> NaiveDate {
    assert!(
        days >= 1,
        "today itself races midnight; use today_at_offset"
    );
    Utc::now().date_naive() - Days::new(days)
}

/// Today at a fixed UTC offset (zones without daylight saving), after waiting out the last
/// seconds before midnight so the test and the server agree on the date.
pub async fn today_at_offset(hours: i64) -> NaiveDate {
    loop {
        let now = Utc::now() + chrono::Duration::hours(hours);
        let seconds_left = 86_400 - u64::from(now.num_seconds_from_midnight());
        if seconds_left > 15 {
            return now.date_naive();
        }
        tokio::time::sleep(std::time::Duration::from_secs(seconds_left + 1)).await;
    }
}

pub async fn set_timezone(user: &TestUser, timezone: &str) {
    let response = user
        .patch("/api/v1/auth/profile", &json!({ "timezone": timezone }))
        .await;
    assert_eq!(response.status(), 200);
}

pub async fn set_base_currency(user: &TestUser, currency: &str) {
    let response = user
        .patch(
            "/api/v1/auth/profile",
            &json!({ "base_currency": currency }),
        )
        .await;
    assert_eq!(response.status(), 200);
}
