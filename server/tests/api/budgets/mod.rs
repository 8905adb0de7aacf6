//! Budgets: a monthly amount per category or overall, its history from month to month, how it
//! stands (spent, left, rollover) and who may see it. Months are counted from today in the user's
//! time zone; spending is dated in past months, since the API refuses expenses in the future.

mod access;
mod concurrency;
mod crud;
mod history;
mod rollover;
mod server_functions;
mod status;
mod time_zones;
mod validation;

use app::{
    budgets::Month,
    server::entities::prelude::{Activity, Budgets},
};
use chrono::{Months, NaiveDate};
use reqwest::Response;
use serde_json::{Value, json};

use crate::{
    expenses::{body, categories, create, expense, today_at_offset},
    helpers::{TestApp, TestUser},
};

/// The month `offset` months from `month` (negative: earlier).
pub fn shift(month: Month, offset: i32) -> Month {
    let first = month.first_day();
    let moved = if offset >= 0 {
        first.checked_add_months(Months::new(offset.unsigned_abs()))
    } else {
        first.checked_sub_months(Months::new(offset.unsigned_abs()))
    };
    Month::of(moved.expect("a month in range"))
}

/// Today and this month for a user in UTC (a new account's zone), after waiting out the last
/// seconds before midnight so the test and the server agree.
pub async fn today_in_utc() -> (NaiveDate, Month) {
    let today = today_at_offset(0).await;
    (today, Month::of(today))
}

/// A budget request; `None` is the overall budget.
pub fn budget(category_id: Option<i64>, amount: &str, month: Month, rollover: bool) -> Value {
    json!({
        "category_id": category_id,
        "amount": amount,
        "month": month.to_string(),
        "rollover": rollover,
    })
}

/// Creates the budget and answers what the server made of it.
pub async fn create_budget(user: &TestUser, request: &Value) -> Value {
    let response = user.post("/api/v1/budgets", request).await;
    let status = response.status();
    let created = body(response).await;
    assert_eq!(status, 201, "{request}: {created}");
    created
}

pub fn id_of(budget: &Value) -> i64 {
    budget["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("an id in {budget}"))
}

pub async fn patch_budget(user: &TestUser, id: i64, changes: &Value) -> Response {
    user.patch(&format!("/api/v1/budgets/{id}"), changes).await
}

/// The budgets in force in `month` (this month for `None`), as `GET /api/v1/budgets` lists them.
pub async fn budgets_in(user: &TestUser, month: Option<Month>) -> Vec<Value> {
    let path = match month {
        Some(month) => format!("/api/v1/budgets?month={month}"),
        None => "/api/v1/budgets".to_string(),
    };
    let response = user.get(&path).await;
    let status = response.status();
    let list = body(response).await;
    assert_eq!(status, 200, "{path}: {list}");
    list["items"].as_array().expect("items").clone()
}

/// `GET /api/v1/budgets/status?month=...`, which must succeed.
pub async fn status_of(user: &TestUser, month: Month) -> Value {
    let path = format!("/api/v1/budgets/status?month={month}");
    let response = user.get(&path).await;
    let status = response.status();
    let answer = body(response).await;
    assert_eq!(status, 200, "{path}: {answer}");
    assert_eq!(answer["month"], month.to_string(), "{answer}");
    answer
}

/// The status line of the budget for `category_id` (`None`: the overall budget).
pub fn line_of(status: &Value, category_id: Option<i64>) -> Value {
    status["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|line| line["category_id"] == json!(category_id))
        .cloned()
        .unwrap_or_else(|| panic!("no line for {category_id:?} in {status}"))
}

/// Asserts every field of `expected` on the line of `category_id` in `status`.
pub fn assert_line(status: &Value, category_id: Option<i64>, expected: &Value) {
    let line = line_of(status, category_id);
    for (field, value) in expected.as_object().expect("an object") {
        assert_eq!(
            &line[field], value,
            "{field} of {category_id:?} in {}: {line}",
            status["month"]
        );
    }
}

/// The ids of the user's categories with these names, in the same order.
pub async fn category_ids<const N: usize>(user: &TestUser, names: [&str; N]) -> [i64; N] {
    let all = categories(user).await;
    names.map(|name| {
        all.iter()
            .find(|category| category["name"] == name)
            .and_then(|category| category["id"].as_i64())
            .unwrap_or_else(|| panic!("no category {name}"))
    })
}

/// Spends `amount` of the user's base currency in the category on `date`.
pub async fn spend(user: &TestUser, category_id: i64, amount: &str, date: NaiveDate) {
    create(user, &expense(category_id, amount, date)).await;
}

/// Row counts of the tables a budget change writes, to prove a refused request wrote nothing.
pub async fn written(app: &TestApp) -> (u64, u64) {
    (app.count::<Budgets>().await, app.count::<Activity>().await)
}
