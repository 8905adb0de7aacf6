use super::super::{Category, DayFilter, Period};
use super::*;
use chrono::NaiveDate;
use serde_json::json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn plan(measure: Measure) -> Plan {
    Plan {
        measure,
        period: Period::month(2026, 10, today()).expect("month"),
        comparison: None,
        categories: vec![Category {
            id: 1,
            name: "Dining".into(),
        }],
        merchants: Vec::new(),
        excluded_categories: Vec::new(),
        excluded_merchants: Vec::new(),
        amount: None,
        days: DayFilter::All,
        currency: None,
        group_by: None,
        top_n: None,
        ascending: false,
        share: false,
    }
}

fn say(plan: &Plan, columns: &[&str], rows: Vec<Vec<Value>>) -> String {
    let categories = [(1, "Dining".to_string())];
    let merchants = ["Starbucks".to_string()];
    let vocabulary = Vocabulary {
        today: today(),
        base_currency: "USD",
        categories: &categories,
        merchants: &merchants,
    };
    let columns: Vec<String> = columns.iter().map(|column| column.to_string()).collect();
    answer(plan, &columns, &rows, &vocabulary)
}

#[test]
fn totals_read_as_one_sentence_per_currency() {
    let columns = ["currency", "total_minor", "expense_count"];
    let rows = vec![
        vec![json!("USD"), json!(41230), json!(12)],
        vec![json!("JPY"), json!(1500), json!(1)],
    ];
    assert_eq!(
        say(&plan(Measure::Total), &columns, rows),
        "You spent 412.30 USD on Dining last month (12 expenses), plus 1,500 JPY (1 expense)."
    );
    assert_eq!(
        say(&plan(Measure::Total), &columns, vec![]),
        "You spent nothing on Dining last month."
    );
}

#[test]
fn comparisons_say_how_much_more_or_less() {
    let mut plan = plan(Measure::Total);
    plan.currency = Some("USD".into());
    plan.comparison = Period::month(2026, 9, today());
    let columns = [
        "total_minor",
        "expense_count",
        "previous_total_minor",
        "previous_count",
    ];
    let rows = vec![vec![json!(5000), json!(3), json!(10000), json!(5)]];
    assert_eq!(
        say(&plan, &columns, rows),
        "You spent 50.00 USD on Dining last month and 100.00 USD in September 2026: 50.00 USD less, -50%."
    );
}

#[test]
fn rankings_name_the_winner() {
    let mut plan = plan(Measure::Total);
    plan.categories.clear();
    plan.group_by = Some(Grouping::Merchant);
    plan.top_n = Some(1);
    plan.currency = Some("USD".into());
    let rows = vec![vec![json!("Starbucks"), json!(2100), json!(4)]];
    assert_eq!(
        say(&plan, &["label", "total_minor", "expense_count"], rows),
        "You spent the most at Starbucks last month: 21.00 USD (4 expenses)."
    );
}

#[test]
fn budgets_without_rows_say_so() {
    assert_eq!(
        say(&plan(Measure::Budget), &["label"], vec![]),
        "You have no budget on Dining for last month."
    );
}

#[test]
fn suggestions_use_the_users_names() {
    let categories = [(1, "Dining".to_string())];
    let merchants = ["Starbucks".to_string()];
    let vocabulary = Vocabulary {
        today: today(),
        base_currency: "USD",
        categories: &categories,
        merchants: &merchants,
    };
    let questions = suggestions(&vocabulary);
    assert!((4..=6).contains(&questions.len()));
    assert!(questions.iter().any(|question| question.contains("Dining")));
    assert!(
        questions
            .iter()
            .any(|question| question.contains("Starbucks"))
    );
    let empty = Vocabulary {
        today: today(),
        base_currency: "USD",
        categories: &[],
        merchants: &[],
    };
    assert!(suggestions(&empty).len() >= 4);
}
