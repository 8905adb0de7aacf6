use chrono::NaiveDate;

use super::super::{
    BudgetScope, Measure, Period,
    sql::{
        LABEL, SPENT,
        tests::{plan, sql, today},
    },
};

/// Runs the budget query of `month` over a sandbox holding `budgets` and `expenses` (one
/// category, Dining, id 1), and returns (label, carried, available, spent, over) per row.
async fn budget_rows(
    scope: BudgetScope,
    month: u32,
    budgets: &[(Option<i64>, i64, &str, bool)],
    expenses: &[(&str, i64)],
) -> Vec<(String, i64, i64, i64, i64)> {
    use crate::assistant::service::sandbox::{BudgetRow, CategoryRow, ExpenseRow, Limits, Sandbox};
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date");
    let category = CategoryRow {
        id: 1,
        name: "Dining".into(),
        color: "#000000".into(),
        archived: false,
    };
    let budgets =
        budgets
            .iter()
            .enumerate()
            .map(
                |(id, (category_id, amount, starts_on, rollover))| BudgetRow {
                    id: id as i64 + 1,
                    category_id: *category_id,
                    amount_minor: *amount,
                    currency: "USD".into(),
                    starts_on: day(starts_on),
                    rollover: *rollover,
                },
            );
    let expenses = expenses
        .iter()
        .enumerate()
        .map(|(id, (spent_on, amount))| ExpenseRow {
            id: id as i64 + 1,
            category_id: 1,
            amount_minor: *amount,
            currency: "USD".into(),
            spent_on: day(spent_on),
            merchant: "Cafe".into(),
            note: String::new(),
            tags: "[]".into(),
            has_receipt: false,
            created_at: format!("{spent_on}T12:00:00Z"),
        });
    let sandbox = Sandbox::from_rows([category], budgets, expenses)
        .await
        .expect("sandbox");
    let mut plan = plan();
    plan.measure = Measure::Budget;
    plan.budgets = scope;
    plan.period = Period::month(2026, month, today()).expect("month");
    let result = sandbox
        .run(&sql(&plan), Limits::default())
        .await
        .expect("budget query");
    let column = |name: &str| {
        result
            .columns
            .iter()
            .position(|column| column == name)
            .expect(name)
    };
    let number = |row: &[serde_json::Value], name: &str| row[column(name)].as_i64().expect(name);
    result
        .rows
        .iter()
        .map(|row| {
            (
                row[column(LABEL)].as_str().unwrap_or_default().to_string(),
                number(row, "carried_minor"),
                number(row, "available_minor"),
                number(row, SPENT),
                number(row, "over_budget"),
            )
        })
        .collect()
}

#[tokio::test]
async fn rollover_carries_each_months_remainder_until_a_row_without_it() {
    // Dining 100.00 rolling over from June; 120.00 (no rollover) from September; 80.00 rolling
    // over again from October.
    let budgets = [
        (Some(1), 10_000, "2026-06-01", true),
        (Some(1), 12_000, "2026-09-01", false),
        (Some(1), 8_000, "2026-10-01", true),
    ];
    let expenses = [
        ("2026-06-10", 7_000),
        ("2026-07-03", 13_000),
        ("2026-08-20", 9_000),
        ("2026-09-09", 1_000),
        ("2026-10-30", 9_000),
        ("2026-11-02", 500),
    ];
    let rows = |month| budget_rows(BudgetScope::All, month, &budgets, &expenses);
    // July: June left 30.00 over. August: 30 + 100 − 130 = 0. September: no rollover row in
    // force in August is rollover, so 0 + 100 − 90 = 10.00 carried.
    assert_eq!(rows(7).await, [("Dining".into(), 3_000, 13_000, 13_000, 0)]);
    assert_eq!(rows(8).await, [("Dining".into(), 0, 10_000, 9_000, 0)]);
    assert_eq!(rows(9).await, [("Dining".into(), 1_000, 13_000, 1_000, 0)]);
    // October: September's row does not roll over. November: October overspent by 10.00.
    assert_eq!(rows(10).await, [("Dining".into(), 0, 8_000, 9_000, 1)]);
    assert_eq!(rows(11).await, [("Dining".into(), -1_000, 7_000, 500, 0)]);
    // Before the first row there is no budget at all.
    assert!(rows(5).await.is_empty());
}

#[tokio::test]
async fn my_budget_is_the_overall_one_and_over_lists_only_those_overspent() {
    let budgets = [
        (None, 50_000, "2026-01-01", false),
        (Some(1), 5_000, "2026-01-01", false),
    ];
    let expenses = [("2026-10-05", 6_000)];
    let overall = budget_rows(BudgetScope::Overall, 10, &budgets, &expenses).await;
    assert_eq!(overall, [("All spending".into(), 0, 50_000, 6_000, 0)]);
    let over = budget_rows(BudgetScope::Over, 10, &budgets, &expenses).await;
    assert_eq!(over, [("Dining".into(), 0, 5_000, 6_000, 1)]);
    // Without an overall budget, "my budget" shows the ones there are.
    let only_dining = budget_rows(BudgetScope::Overall, 10, &budgets[1..], &expenses).await;
    assert_eq!(only_dining.len(), 1);
}
