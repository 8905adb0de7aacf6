//! The data every backend gets: thirteen months of spending in several currencies, merchants that
//! differ only in case or accents, amounts at the edges, dates on the first and last days of
//! months and on both sides of week boundaries, budgets that roll over and change, a renamed and
//! an archived category, an edited and a deleted expense. All dated up to the user's today.

use app::budgets::Month;
use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

use super::Names;
use crate::{
    budgets::{budget, create_budget, id_of, patch_budget, shift},
    expenses::{add, body, categories, expense, new_category},
    helpers::TestUser,
};

/// The expenses the fixture leaves (one more is created and deleted).
pub const LIVE_EXPENSES: i64 = 61;

/// Equal to one another under a case- and accent-insensitive collation, and only under one.
const CAFES: [&str; 4] = ["Café Zoë", "CAFÉ ZOË", "cafe zoe", "Cafe Zoe"];
const METROS: [&str; 3] = ["Metro", "METRO", "métro"];

fn spending(category_id: i64, amount: &str, on: NaiveDate, merchant: &str) -> Value {
    let mut spent = expense(category_id, amount, on);
    spent["merchant"] = json!(merchant);
    spent
}

fn in_currency(mut spent: Value, currency: &str) -> Value {
    spent["currency"] = json!(currency);
    spent
}

async fn expect_ok(response: reqwest::Response, what: &str) -> Value {
    let status = response.status();
    let answer = body(response).await;
    assert_eq!(status, 200, "{what}: {answer}");
    answer
}

/// Loads the fixture for a user whose today is `today` (base currency NZD).
pub(super) async fn load(user: &TestUser, today: NaiveDate) -> Names {
    let mut names = Names::default();
    for category in categories(user).await {
        let id = category["id"].as_i64().expect("id");
        let name = category["name"].as_str().expect("name");
        names.categories.insert(id, name.to_string());
    }
    for name in ["Café Crème", "Vet bills"] {
        let id = new_category(user, name, false).await;
        names.categories.insert(id, name.to_string());
    }
    let [
        groceries,
        dining,
        transport,
        housing,
        health,
        fun,
        shopping,
        cafe,
        vet,
    ] = [
        "Groceries",
        "Dining",
        "Transport",
        "Housing",
        "Health",
        "Entertainment",
        "Shopping",
        "Café Crème",
        "Vet bills",
    ]
    .map(|name| names.category_id(name));
    let this_month = Month::of(today);

    let plans = [
        ("overall from -4", None, "2000", -4, true),
        ("Groceries from -3", Some(groceries), "100", -3, true),
        ("Groceries from -1", Some(groceries), "120", -1, false),
        ("Dining from -2", Some(dining), "80", -2, false),
        ("Vet bills from -1", Some(vet), "200", -1, true),
        ("Café Crème from 0", Some(cafe), "50", 0, false),
        ("Transport from +1", Some(transport), "30.05", 1, true),
    ];
    let mut dining_budget = 0;
    for (label, category, amount, offset, rollover) in plans {
        let month = shift(this_month, offset);
        let created = create_budget(user, &budget(category, amount, month, rollover)).await;
        names.budgets.insert(id_of(&created), label.to_string());
        if category == Some(dining) {
            dining_budget = id_of(&created);
        }
    }

    let mut spent = Vec::new();
    for back in 1..=13 {
        let month = shift(this_month, -back);
        let cents = format!("{}.{:02}", 10 + back, back);
        spent.push(spending(groceries, &cents, month.first_day(), "Countdown"));
        let cafe_name = CAFES[back.unsigned_abs() as usize % CAFES.len()];
        let dinner = format!("{}.99", 20 + 3 * back);
        spent.push(spending(dining, &dinner, month.last_day(), cafe_name));
        let fare = spending(transport, "7.50", month.first_day() + Days::new(14), "Uber");
        spent.push(in_currency(fare, "USD"));
    }
    spent.push(spending(groceries, "0.01", today, "countdown"));
    spent.push(spending(health, "9999.99", today, "Ünïcode Apotheke"));
    let mut treat = spending(cafe, "4.50", today, CAFES[0]);
    treat["note"] = json!("Zoë's treat");
    treat["tags"] = json!(["Morning", "flat white"]);
    spent.push(treat);
    for back in 1..=9u64 {
        let amount = format!("0.{}", 90 + back);
        let metro = METROS[back as usize % METROS.len()];
        spent.push(spending(transport, &amount, today - Days::new(back), metro));
    }
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    spent.push(spending(fun, "15.00", monday, "Cinema"));
    spent.push(spending(fun, "15.01", monday - Days::new(1), "cinema"));
    spent.push(spending(fun, "15.02", monday - Days::new(7), "Ciné"));
    let ramen = spending(dining, "1200", today - Days::new(2), "Ramen Ya");
    spent.push(in_currency(ramen, "JPY"));
    let souq = spending(shopping, "1.234", this_month.first_day(), "Souq");
    spent.push(in_currency(souq, "BHD"));
    let largest = shift(this_month, -5).first_day();
    spent.push(spending(
        shopping,
        "10000000000.00",
        largest,
        "The Largest Allowed",
    ));
    for back in [1, 2] {
        let rent = shift(this_month, -back).first_day();
        spent.push(spending(housing, "1500.00", rent, ""));
    }
    let vet_visit = shift(this_month, -1).first_day() + Days::new(9);
    spent.push(spending(vet, "250.00", vet_visit, "Vet"));
    for (index, spent) in spent.into_iter().enumerate() {
        names
            .expenses
            .insert(add(user, spent).await, format!("expense {index}"));
    }

    let two_ago = shift(this_month, -2).last_day();
    let moved = add(user, spending(groceries, "33.33", two_ago, "Moved Market")).await;
    names.expenses.insert(moved, "moved expense".into());
    let changes = json!({ "spent_on": this_month.first_day(), "amount": "44.44" });
    let path = format!("/api/v1/expenses/{moved}");
    expect_ok(user.patch(&path, &changes).await, "move").await;
    let gone = add(
        user,
        spending(dining, "77.77", this_month.first_day(), "Gone"),
    )
    .await;
    let path = format!("/api/v1/expenses/{gone}");
    expect_ok(user.delete(&path).await, "delete").await;

    let changes = json!({ "amount": "95.50", "rollover": true });
    let changed = patch_budget(user, dining_budget, &changes).await;
    let changed = expect_ok(changed, "budget change").await;
    names
        .budgets
        .insert(id_of(&changed), "Dining from 0".to_string());
    let rename = json!({ "name": "Eating out" });
    let path = format!("/api/v1/categories/{dining}");
    expect_ok(user.patch(&path, &rename).await, "rename").await;
    names.categories.insert(dining, "Eating out".to_string());
    let path = format!("/api/v1/categories/{vet}");
    expect_ok(
        user.patch(&path, &json!({ "archived": true })).await,
        "archive",
    )
    .await;
    names
}
