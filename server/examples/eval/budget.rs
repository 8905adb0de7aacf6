//! Budget answers: one budget's status, a list of them, or no budget at all.

use serde_json::Value;

use crate::table::{Got, field, number, text};

/// The row of one budget: its category's name, or for the overall budget a label such as
/// "All spending" or none; a single row stands for whichever was asked.
fn budget_row(got: &Got, category: Option<&str>) -> Option<usize> {
    let label = got.label().or_else(|| got.column(&["category", "name"]));
    let matches = |row: usize| {
        let found = label
            .map(|label| text(got.cell(row, label)))
            .unwrap_or_default();
        match category {
            Some(name) => found.eq_ignore_ascii_case(name),
            None => [
                "",
                "all spending",
                "overall",
                "all",
                "total",
                "all categories",
            ]
            .contains(&found.to_lowercase().as_str()),
        }
    };
    (0..got.rows.len()).find(|&row| matches(row))
}

/// The figures of a budget row: spent, available, remaining, over, carried.
fn budget_figures(got: &Got, row: usize) -> Result<[i64; 5], String> {
    let read = |hints: &[&str]| {
        got.column(hints)
            .and_then(|column| number(got.cell(row, column)))
    };
    let spent = read(&["spent"]).ok_or("no spent column")?;
    let carried = read(&["carried", "rollover_minor", "carry"]).unwrap_or(0);
    let available = read(&["available"])
        .or_else(|| read(&["budget"]).map(|budget| budget + carried))
        .ok_or("no budget column")?;
    let remaining = read(&["remaining", "left"]).unwrap_or(available - spent);
    let over = got
        .columns
        .iter()
        .position(|column| {
            let column = column.to_lowercase();
            column == "over" || column == "over_budget" || column == "is_over"
        })
        .and_then(|column| number(got.cell(row, column)))
        .unwrap_or(i64::from(spent > available));
    Ok([spent, available, remaining, over, carried])
}

fn expected_figures(expected: &Value) -> [i64; 5] {
    [
        field(expected, "spent_minor"),
        field(expected, "available_minor"),
        field(expected, "remaining_minor"),
        i64::from(expected["over"] == true),
        field(expected, "carried_minor"),
    ]
}

pub fn budget(expected: &Value, got: &Got, asks_rollover: bool) -> Result<(), String> {
    let category = expected["category"].as_str();
    let row = budget_row(got, category)
        .or_else(|| (got.rows.len() == 1).then_some(0))
        .ok_or("no row for that budget")?;
    let found = budget_figures(got, row)?;
    let wanted = expected_figures(expected);
    let compared = if asks_rollover { 5 } else { 4 };
    match found[..compared] == wanted[..compared] {
        true => Ok(()),
        false => Err(format!(
            "got spent/available/remaining/over/carried {found:?}, expected {wanted:?}"
        )),
    }
}

pub fn budget_list(expected: &Value, got: &Got) -> Result<(), String> {
    let budgets = expected["budgets"].as_array().ok_or("no budgets")?;
    if budgets.len() != got.rows.len() {
        return Err(format!(
            "{} budgets instead of {}",
            got.rows.len(),
            budgets.len()
        ));
    }
    for status in budgets {
        let category = status["category"].as_str();
        let row = budget_row(got, category)
            .ok_or_else(|| format!("no row for {}", category.unwrap_or("the overall budget")))?;
        if budget_figures(got, row)?[..4] != expected_figures(status)[..4] {
            return Err(format!(
                "{} differs",
                category.unwrap_or("the overall budget")
            ));
        }
    }
    Ok(())
}

pub fn no_budget(expected: &Value, got: &Got) -> Result<(), String> {
    match budget_row(got, expected["category"].as_str()) {
        None => Ok(()),
        Some(_) => Err("showed a budget that was not in force".into()),
    }
}
