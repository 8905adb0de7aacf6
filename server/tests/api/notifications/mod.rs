//! Budget alerts and the bell: which writes raise an alert (once per budget, month and threshold,
//! the higher covering the lower), what it says, the activity event written with it, and reading
//! and marking notifications over REST and the server functions, each user only their own.

mod access;
mod concurrency;
mod reading;
mod thresholds;
mod triggers;

use app::{
    budgets::Month,
    server::entities::{
        activity, notifications,
        prelude::{Activity, Notifications},
    },
};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::{
    budgets::{budget, category_ids, create_budget, spend, today_in_utc},
    expenses::body,
    helpers::{TestApp, TestUser},
};

pub const LIST: &str = "/api/v1/notifications";
pub const READ_ALL: &str = "/api/v1/notifications/read-all";

pub fn read_path(id: i64) -> String {
    format!("/api/v1/notifications/{id}/read")
}

/// `GET /api/v1/notifications`, which must succeed.
pub async fn bell(user: &TestUser) -> Value {
    let response = user.get(LIST).await;
    let status = response.status();
    let answer = body(response).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

/// The titles the bell lists, newest first.
pub async fn titles(user: &TestUser) -> Vec<String> {
    bell(user).await["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["title"].as_str().expect("a title").to_string())
        .collect()
}

/// The user's notification rows as stored, oldest first.
pub async fn rows_of(app: &TestApp, user: &TestUser) -> Vec<notifications::Model> {
    Notifications::find()
        .filter(notifications::Column::UserId.eq(user.id))
        .order_by_asc(notifications::Column::Id)
        .all(&app.db)
        .await
        .expect("notifications read")
}

/// The dedupe keys of the user's notifications, oldest first.
pub async fn keys_of(app: &TestApp, user: &TestUser) -> Vec<String> {
    rows_of(app, user)
        .await
        .into_iter()
        .map(|row| row.dedupe_key)
        .collect()
}

/// The payloads of the user's `budget.alert` activity events, oldest first.
pub async fn alert_events(app: &TestApp, user: &TestUser) -> Vec<Value> {
    Activity::find()
        .filter(activity::Column::UserId.eq(user.id))
        .filter(activity::Column::Kind.eq("budget.alert"))
        .order_by_asc(activity::Column::Id)
        .all(&app.db)
        .await
        .expect("activity read")
        .into_iter()
        .map(|row| serde_json::from_str(&row.payload).expect("payload is JSON"))
        .collect()
}

/// "November 2026", as the alerts name a month.
pub fn month_name(month: Month) -> String {
    month.first_day().format("%B %Y").to_string()
}

/// "8 days" (today included), as a warning counts what is left of the month.
pub fn days_left(today: NaiveDate, month: Month) -> String {
    let days = month.days() - today.day() + 1;
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

/// A category budget's dedupe key (`None`: the overall budget).
pub fn key(category_id: Option<i64>, month: Month, threshold: u32) -> String {
    let series = category_id.map_or_else(|| "overall".to_string(), |id| id.to_string());
    format!("budget:{series}:{month}:{threshold}")
}

/// Budgets the category at 10 this month and spends all of it today: one "used up" alert.
pub async fn use_up(user: &TestUser, category: &str) {
    let [id] = category_ids(user, [category]).await;
    let (today, month) = today_in_utc().await;
    create_budget(user, &budget(Some(id), "10", month, false)).await;
    spend(user, id, "10", today).await;
}

/// The ids the bell lists, in its order.
pub fn ids(listed: &Value) -> Vec<i64> {
    listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["id"].as_i64().expect("an id"))
        .collect()
}
