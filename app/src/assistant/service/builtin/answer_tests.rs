use super::super::{BudgetScope, Category, Period};
use super::*;
use chrono::NaiveDate;
use serde_json::json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn plan(measure: Measure) -> Plan {
    Plan {
        categories: vec![Category {
            id: 1,
            name: "Dining".into(),
        }],
        ..Plan::new(measure, Period::month(2026, 10, today()).expect("month"))
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

#[test]
fn budgets_say_what_rolled_over_and_how_far_over() {
    let columns = [
        "label",
        "currency",
        "budget_minor",
        "carried_minor",
        "available_minor",
        "spent_minor",
        "remaining_minor",
        "over_budget",
    ];
    let row = |label: &str, carried: i64, spent: i64| {
        let available = 10_000 + carried;
        vec![
            json!(label),
            json!("USD"),
            json!(10_000),
            json!(carried),
            json!(available),
            json!(spent),
            json!(available - spent),
            json!(i64::from(spent > available)),
        ]
    };
    let rows = vec![row("Dining", -2_000, 9_000), row("Travel", 500, 4_000)];
    assert_eq!(
        say(&plan(Measure::Budget), &columns, rows),
        "Your budgets last month: Dining 90.00 USD of 80.00 USD (112%, 10.00 USD over; budget \
         100.00 USD, less 20.00 USD overspent before); Travel 40.00 USD of 105.00 USD (38%, \
         65.00 USD left; budget 100.00 USD, 5.00 USD rolled over)."
    );
    let mut over = plan(Measure::Budget);
    over.categories.clear();
    over.budgets = BudgetScope::Over;
    assert_eq!(
        say(&over, &columns, vec![]),
        "You stayed within every budget last month."
    );
}

#[test]
fn counts_of_different_things_and_narrowed_scopes() {
    let mut merchants = plan(Measure::Distinct(Grouping::Merchant));
    merchants.categories.clear();
    merchants.receipt = Some(false);
    merchants.tags = vec!["work".into()];
    let columns = ["total_minor", "expense_count", "distinct_count"];
    assert_eq!(
        say(
            &merchants,
            &columns,
            vec![vec![json!(9_000), json!(7), json!(3)]]
        ),
        "You spent at 3 different merchants tagged work without a receipt last month (7 expenses)."
    );
    let mut in_euros = plan(Measure::Count);
    in_euros.currency = Some("EUR".into());
    assert_eq!(
        say(
            &in_euros,
            &["total_minor", "expense_count"],
            vec![vec![json!(900), json!(2)]]
        ),
        "You had 2 expenses in EUR on Dining last month."
    );
}
