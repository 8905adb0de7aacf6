use serde_json::json;

use super::*;
use crate::table::Got;

fn check(kind: &str, expected: Value, columns: &[&str], rows: Value) -> Result<(), String> {
    let columns: Vec<String> = columns.iter().map(|column| column.to_string()).collect();
    let rows: Vec<Vec<Value>> = serde_json::from_value(rows).expect("rows");
    let got = Got {
        ran: true,
        columns: &columns,
        rows: &rows,
    };
    judge(kind, "", &expected, &got)
}

#[test]
fn totals_are_read_in_the_expected_currency() {
    let expected = json!({"value_minor": 500, "currency": "USD"});
    let columns = ["currency", "total_minor", "expense_count"];
    let both = json!([["USD", 500, 3], ["EUR", 900, 1]]);
    assert_eq!(check("total", expected.clone(), &columns, both), Ok(()));
    let model = json!([[500]]);
    assert_eq!(
        check("total", expected, &["sum(amount_minor)"], model),
        Ok(())
    );
    let nothing = json!({"value_minor": 0, "currency": "USD"});
    assert_eq!(check("total", nothing, &["total_minor"], json!([])), Ok(()));
}

#[test]
fn averages_prefer_the_average_column() {
    let expected = json!({"value_minor": 250, "currency": "USD", "per": "day"});
    let columns = ["total_minor", "expense_count", "average_minor"];
    assert_eq!(
        check(
            "average",
            expected.clone(),
            &columns,
            json!([[750, 3, 250]])
        ),
        Ok(())
    );
    assert!(check("average", expected, &columns, json!([[750, 3, 249]])).is_err());
}

#[test]
fn top_n_keeps_its_order_and_breakdowns_do_not() {
    let expected = json!({"rows": [["A", 3], ["B", 2]], "order": "desc", "measure": "sum"});
    let columns = ["label", "total_minor", "expense_count"];
    let swapped = json!([["B", 2, 1], ["A", 3, 1]]);
    assert!(check("top_n", expected.clone(), &columns, swapped.clone()).is_err());
    assert_eq!(check("breakdown", expected, &columns, swapped), Ok(()));
    let by_count = json!({"rows": [["A", 3]], "order": "desc", "measure": "count"});
    assert_eq!(
        check("top_n", by_count, &columns, json!([["A", 900, 3]])),
        Ok(())
    );
}

#[test]
fn comparisons_know_which_period_is_earlier() {
    let expected = json!({"periods": [{"value_minor": 100}, {"value_minor": 300}]});
    let columns = [
        "total_minor",
        "expense_count",
        "previous_total_minor",
        "previous_count",
    ];
    assert_eq!(
        check(
            "comparison",
            expected.clone(),
            &columns,
            json!([[300, 1, 100, 1]])
        ),
        Ok(())
    );
    assert!(check("comparison", expected, &columns, json!([[100, 1, 300, 1]])).is_err());
}

#[test]
fn budgets_are_found_by_category_and_declines_run_nothing() {
    let status = json!({"category": "Dining", "budget_minor": 105, "spent_minor": 80,
        "available_minor": 100, "remaining_minor": 20, "over": false, "carried_minor": -5});
    let columns = [
        "label",
        "spent_minor",
        "available_minor",
        "remaining_minor",
        "carried_minor",
    ];
    let rows = json!([
        ["All spending", 900, 1000, 100, 0],
        ["Dining", 80, 100, 20, -5]
    ]);
    assert_eq!(check("budget", status, &columns, rows.clone()), Ok(()));
    let none = json!({"no_budget": true, "category": "Transport"});
    assert_eq!(check("budget", none, &columns, rows), Ok(()));
    let declined = Got {
        ran: false,
        columns: &[],
        rows: &[],
    };
    assert_eq!(
        judge("decline", "", &json!({"decline": true}), &declined),
        Ok(())
    );
}
