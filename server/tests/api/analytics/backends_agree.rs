//! The same data gives the same answers on SQLite, PostgreSQL and MariaDB: one rich fixture is
//! loaded into each, every analytics, budget and list question is asked of each, and the JSON
//! must match once the ids each database hands out are replaced by the names of the rows.

mod fixture;

use std::collections::{BTreeSet, HashMap};

use app::budgets::Month;
use chrono::{Days, NaiveDate};
use serde_json::{Value, json};

use super::get_json;
use crate::{
    budgets::shift,
    expenses::{set_base_currency, set_timezone},
    helpers::{Backend, TestApp, TestUser, spawn_app_on},
};

/// Twelve or thirteen hours ahead of UTC, with daylight saving: its months and weeks start while
/// UTC is still in the day before.
const ZONE: &str = "Pacific/Auckland";

/// What one database calls the fixture's rows, by id.
#[derive(Default)]
struct Names {
    categories: HashMap<i64, String>,
    expenses: HashMap<i64, String>,
    budgets: HashMap<i64, String>,
}

impl Names {
    fn category_id(&self, name: &str) -> i64 {
        self.categories
            .iter()
            .find_map(|(id, known)| (known == name).then_some(*id))
            .unwrap_or_else(|| panic!("no category {name}"))
    }
}

/// Every question, as (what it asks, in words every backend shares; the path to ask it at).
fn questions(today: NaiveDate, names: &Names) -> Vec<(String, String)> {
    let this_month = Month::of(today);
    let first = |back: i32| shift(this_month, -back).first_day();
    let last = |back: i32| shift(this_month, -back).last_day();
    let mut asked = vec![(
        "overview".to_string(),
        "/api/v1/analytics/overview".to_string(),
    )];
    let ranges = [
        String::new(),
        "range=last_month".into(),
        "range=last_3_months&group=week".into(),
        "range=last_6_months&by=merchant".into(),
        "range=last_12_months".into(),
        "range=last_12_months&group=week&by=merchant".into(),
        "range=this_year&group=week".into(),
        "range=this_year&group=day&by=merchant".into(),
        format!("range=custom&from={}&to={today}&group=month", first(13)),
        format!("range=custom&from={}&to={}&group=week", last(2), first(0)),
        format!("range=custom&from={}&to={}&group=week", first(6), last(1)),
        format!(
            "range=custom&from={}&to={today}&group=day&by=merchant",
            last(1) - Days::new(3)
        ),
    ];
    for query in ranges {
        let path = format!("/api/v1/analytics/trends?{query}");
        asked.push((format!("trends?{query}"), path));
    }
    for back in -1..=4 {
        let month = shift(this_month, -back);
        let path = format!("/api/v1/budgets/status?month={month}");
        asked.push((format!("budgets/status?month={month}"), path));
    }
    let eating_out = names.category_id("Eating out");
    let filters = [
        ("everything", "limit=100".to_string()),
        ("this month", "preset=this_month&limit=100".into()),
        ("last month", "preset=last_month&limit=100".into()),
        ("between dates", format!("from={}&to={}", last(3), first(1))),
        ("Eating out", format!("category_id={eating_out}&limit=100")),
        ("café", "q=caf%C3%A9&limit=100".into()),
        ("cafe", "q=cafe&limit=100".into()),
        ("ZOË over 20", "q=ZO%C3%8B&min_amount=20&limit=100".into()),
        ("up to 1", "min_amount=0.01&max_amount=1&limit=100".into()),
        ("by amount", "sort=amount&order=asc&limit=100".into()),
    ];
    for (label, query) in filters {
        asked.push((
            format!("expenses ({label})"),
            format!("/api/v1/expenses?{query}"),
        ));
    }
    asked
}

/// Replaces what legitimately differs between databases (ids, timestamps, cursors made of ids)
/// by the names of the rows, in place.
fn normalise(value: &mut Value, names: &Names) {
    let name = |field: &Value, known: &HashMap<i64, String>| match field.as_i64() {
        Some(id) => json!(known.get(&id).unwrap_or_else(|| panic!("unknown id {id}"))),
        None => field.clone(),
    };
    match value {
        Value::Object(object) => {
            object.remove("created_at");
            object.remove("updated_at");
            if let Some(cursor) = object.get_mut("next_cursor") {
                *cursor = json!(cursor.is_string());
            }
            let is_expense = object.contains_key("spent_on");
            let by_category = object.get("by") == Some(&json!("category"));
            for (key, field) in object.iter_mut() {
                match key.as_str() {
                    "id" if is_expense => *field = name(field, &names.expenses),
                    "category_id" => *field = name(field, &names.categories),
                    "budget_id" => *field = name(field, &names.budgets),
                    "series" if by_category => {
                        for line in field.as_array_mut().into_iter().flatten() {
                            let id: Option<i64> =
                                line["key"].as_str().and_then(|key| key.parse().ok());
                            line["key"] = name(&json!(id), &names.categories);
                        }
                    }
                    _ => normalise(field, names),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| normalise(item, names)),
        _ => {}
    }
}

/// Where two answers first part, as `path: expected vs actual`.
fn first_difference(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(left), Value::Object(right)) => {
            let keys: BTreeSet<&String> = left.keys().chain(right.keys()).collect();
            keys.into_iter()
                .find_map(|key| match (left.get(key), right.get(key)) {
                    (Some(left), Some(right)) => {
                        first_difference(left, right, &format!("{path}.{key}"))
                    }
                    (left, right) => Some(format!("{path}.{key}: {left:?} vs {right:?}")),
                })
        }
        (Value::Array(left), Value::Array(right)) if left.len() == right.len() => left
            .iter()
            .zip(right)
            .enumerate()
            .find_map(|(index, (left, right))| {
                first_difference(left, right, &format!("{path}[{index}]"))
            }),
        _ if expected == actual => None,
        _ => Some(format!("{path}: {expected} vs {actual}")),
    }
}

async fn today_of(user: &TestUser) -> NaiveDate {
    let overview = get_json(user, "/api/v1/analytics/overview").await;
    serde_json::from_value(overview["today"].clone()).expect("today is a date")
}

/// Loads the fixture into every backend and asks every question of each, all on one day in
/// [`ZONE`]; `None` when the day turned meanwhile, which moves "this month" under the answers.
async fn answers_on_one_day(apps: &[(Backend, TestApp)]) -> Option<Vec<Vec<(String, Value)>>> {
    let mut users = Vec::new();
    for (_, app) in apps {
        let user = app.user().await;
        set_timezone(&user, ZONE).await;
        set_base_currency(&user, "NZD").await;
        users.push(user);
    }
    let today = today_of(&users[0]).await;
    let mut answers = Vec::new();
    for user in &users {
        let names = fixture::load(user, today).await;
        let mut answered = Vec::new();
        for (question, path) in questions(today, &names) {
            let mut answer = get_json(user, &path).await;
            normalise(&mut answer, &names);
            answered.push((question, answer));
        }
        answers.push(answered);
    }
    for user in &users {
        if today_of(user).await != today {
            return None;
        }
    }
    Some(answers)
}

/// Guards against agreeing on nothing: every answer of the reference backend has figures in it.
fn assert_not_empty(answers: &[(String, Value)]) {
    for (question, answer) in answers {
        let empty = ["series", "lines", "items"]
            .iter()
            .any(|field| answer.get(*field).is_some_and(|list| list == &json!([])));
        assert!(!empty, "{question} has figures to compare: {answer}");
    }
    let everything = &answers
        .iter()
        .find(|(question, _)| question == "expenses (everything)")
        .expect("the whole list")
        .1;
    assert_eq!(everything["total"], fixture::LIVE_EXPENSES, "{everything}");
    assert!(answers[0].1["spent_this_month_minor"].as_i64() > Some(0));
}

#[tokio::test]
async fn every_backend_gives_the_same_answers_for_the_same_data() {
    let mut apps = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres, Backend::Mysql] {
        if let Some(app) = spawn_app_on(backend).await {
            apps.push((backend, app));
        }
    }
    if apps.len() < 2 {
        eprintln!(
            "SKIPPED: only SQLite is configured, so no backends were compared; set \
             SPENDWISE_TEST_POSTGRES_URL and/or SPENDWISE_TEST_MYSQL_URL"
        );
        return;
    }
    let compared: Vec<String> = apps
        .iter()
        .map(|(backend, _)| format!("{backend:?}"))
        .collect();
    eprintln!(
        "COMPARING analytics, budgets and list totals on {}",
        compared.join(", ")
    );
    for _ in 0..2 {
        let Some(answers) = answers_on_one_day(&apps).await else {
            eprintln!("the day turned in {ZONE} during the run; running it again");
            continue;
        };
        assert_not_empty(&answers[0]);
        let mut differences = Vec::new();
        for (backend, answered) in compared.iter().zip(&answers).skip(1) {
            for ((question, expected), (_, actual)) in answers[0].iter().zip(answered) {
                if let Some(difference) = first_difference(expected, actual, question) {
                    differences.push(format!("{} vs {backend}: {difference}", compared[0]));
                }
            }
        }
        assert!(
            differences.is_empty(),
            "the backends disagree:\n{}",
            differences.join("\n")
        );
        eprintln!(
            "AGREED: {} answers each on {}",
            answers[0].len(),
            compared.join(", ")
        );
        return;
    }
    panic!("the day turned twice in {ZONE} during the run");
}
