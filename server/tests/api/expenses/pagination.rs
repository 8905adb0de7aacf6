//! Keyset pagination: every sort key and order walks the whole list in pages with no duplicate,
//! no gap, and ties broken by id; the total and per-currency sums cover the whole filter.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{assert_invalid, category_id, create, days_ago, expense, ids, list};
use crate::helpers::{TestUser, on_every_backend};

const MERCHANTS: [&str; 5] = ["alpha", "bravo", "charlie", "delta", "echo"];
const AMOUNTS: [&str; 5] = ["5.00", "12.50", "12.50", "99.99", "0.10"];
const CATEGORIES: [&str; 4] = ["Groceries", "Dining", "Transport", "Housing"];
const SORTS: [&str; 4] = ["spent_on", "amount", "category", "merchant"];

/// `count` expenses with many ties in every sort key; every sixth is in EUR, the rest in USD.
async fn seed(user: &TestUser, count: usize) -> Vec<Value> {
    let mut category_ids = Vec::new();
    for name in CATEGORIES {
        category_ids.push(category_id(user, name).await);
    }
    let mut created = Vec::new();
    for n in 0..count {
        let mut body = expense(
            category_ids[n % CATEGORIES.len()],
            AMOUNTS[n % AMOUNTS.len()],
            days_ago(1 + (n as u64 * 7) % 9),
        );
        body["merchant"] = json!(MERCHANTS[(n / 2) % MERCHANTS.len()]);
        if n % 6 == 0 {
            body["currency"] = json!("EUR");
        }
        created.push(create(user, &body).await);
    }
    created
}

/// The sort value the server orders by. Test data keeps to lowercase ASCII in text keys, so
/// byte order here is the collation order on every engine.
fn sort_value(expense: &Value, sort: &str) -> (i64, String) {
    match sort {
        "amount" => (
            expense["amount_minor"].as_i64().expect("amount"),
            String::new(),
        ),
        "category" => (
            0,
            expense["category_name"]
                .as_str()
                .expect("name")
                .to_lowercase(),
        ),
        key => (0, expense[key].as_str().expect("text").to_string()),
    }
}

/// The order the list must have: by the sort value, ties by id, all reversed for `desc`.
fn expected_order(expenses: &[Value], sort: &str, order: &str) -> Vec<i64> {
    let mut sorted: Vec<&Value> = expenses.iter().collect();
    sorted.sort_by(|a, b| {
        sort_value(a, sort)
            .cmp(&sort_value(b, sort))
            .then_with(|| a["id"].as_i64().cmp(&b["id"].as_i64()))
    });
    let ids = sorted
        .iter()
        .map(|expense| expense["id"].as_i64().expect("id"));
    match order {
        "asc" => ids.collect(),
        _ => ids.rev().collect(),
    }
}

/// Sums per currency as the server must report them, ordered by currency code.
fn expected_sums(expenses: &[Value]) -> Value {
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for expense in expenses {
        let currency = expense["currency"].as_str().expect("currency").to_string();
        *sums.entry(currency).or_default() += expense["amount_minor"].as_i64().expect("minor");
    }
    sums.into_iter()
        .map(|(currency, minor)| {
            json!({
                "currency": currency,
                "amount": format!("{}.{:02}", minor / 100, minor % 100),
                "amount_minor": minor,
            })
        })
        .collect()
}

/// Follows `next_cursor` from the first page to the last; answers every page.
async fn walk(user: &TestUser, query: &str) -> Vec<Value> {
    let mut pages = vec![list(user, query).await];
    while let Some(cursor) = pages.last().and_then(|page| page["next_cursor"].as_str()) {
        assert!(pages.len() < 20, "the walk must end");
        let page = list(user, &format!("{query}&cursor={cursor}")).await;
        pages.push(page);
    }
    pages
}

on_every_backend!(
    every_sort_pages_through_everything_once_in_a_stable_order,
    |app| {
        let user = app.user().await;
        let expenses = seed(&user, 60).await;
        let sums = expected_sums(&expenses);
        assert_eq!(sums.as_array().map(Vec::len), Some(2), "two currencies");
        for sort in SORTS {
            for order in ["asc", "desc"] {
                let query = format!("sort={sort}&order={order}&limit=25");
                let pages = walk(&user, &query).await;
                let sizes: Vec<usize> = pages.iter().map(|page| ids(page).len()).collect();
                assert_eq!(sizes, [25, 25, 10], "{query}");
                for page in &pages {
                    assert_eq!(page["total"], 60, "{query}");
                    assert_eq!(page["sums"], sums, "{query}");
                }
                assert_eq!(pages[2]["next_cursor"], Value::Null, "{query}");
                let walked: Vec<i64> = pages.iter().flat_map(ids).collect();
                assert_eq!(walked, expected_order(&expenses, sort, order), "{query}");
            }
        }
    }
);

on_every_backend!(the_default_view_is_newest_first_in_pages_of_25, |app| {
    let user = app.user().await;
    let expenses = seed(&user, 30).await;
    let first = list(&user, "").await;
    assert_eq!(
        ids(&first),
        expected_order(&expenses, "spent_on", "desc")[..25]
    );
    assert_eq!(first["total"], 30);
    let everything = list(&user, "limit=100").await;
    assert_eq!(ids(&everything).len(), 30);
    assert_eq!(everything["next_cursor"], Value::Null);
    let exact = list(&user, "limit=30").await;
    assert_eq!(exact["next_cursor"], Value::Null, "no empty last page");
});

on_every_backend!(
    a_page_continues_after_its_cursor_when_rows_are_added_before_it,
    |app| {
        let user = app.user().await;
        let expenses = seed(&user, 12).await;
        let first = list(&user, "sort=amount&order=asc&limit=5").await;
        let cursor = first["next_cursor"]
            .as_str()
            .expect("more pages")
            .to_string();
        // Smaller than everything so far: it sorts before the cursor and must not shift the pages.
        let groceries = category_id(&user, "Groceries").await;
        create(&user, &expense(groceries, "0.01", days_ago(1))).await;
        let rest = walk(
            &user,
            &format!("sort=amount&order=asc&limit=5&cursor={cursor}"),
        )
        .await;
        let mut walked = ids(&first);
        walked.extend(rest.iter().flat_map(ids));
        assert_eq!(walked, expected_order(&expenses, "amount", "asc"));
    }
);

on_every_backend!(a_cursor_only_continues_the_sort_it_was_made_for, |app| {
    let user = app.user().await;
    seed(&user, 6).await;
    for sort in SORTS {
        let page = list(&user, &format!("sort={sort}&limit=2")).await;
        let cursor = page["next_cursor"].as_str().expect("cursor");
        for other in SORTS.iter().filter(|other| **other != sort) {
            let query = format!("sort={other}&limit=2&cursor={cursor}");
            let response = user.get(&format!("/api/v1/expenses?{query}")).await;
            assert_invalid(response, "cursor", &query).await;
        }
        let query = format!("sort={sort}&order=asc&limit=2&cursor={cursor}");
        let response = user.get(&format!("/api/v1/expenses?{query}")).await;
        assert_invalid(response, "cursor", &query).await;
    }
    for forged in ["zz", "00", "7b7d", "not-hex-at-all"] {
        let response = user.get(&format!("/api/v1/expenses?cursor={forged}")).await;
        assert_invalid(response, "cursor", &forged).await;
    }
});

#[test]
fn the_expected_order_breaks_ties_by_id() {
    let rows = [
        json!({ "id": 3, "amount_minor": 5 }),
        json!({ "id": 1, "amount_minor": 5 }),
        json!({ "id": 2, "amount_minor": 1 }),
    ];
    assert_eq!(expected_order(&rows, "amount", "asc"), [2, 1, 3]);
    assert_eq!(expected_order(&rows, "amount", "desc"), [3, 1, 2]);
}
