//! Whether a result is the expected answer, by the conventions of `eval/README.md`. Results are
//! read by column names and cell types alone, so the model's SQL, whatever it names its columns,
//! is judged like the built-in engine's.

use serde_json::Value;

use crate::{
    budget::{budget, budget_list, no_budget},
    table::{Got, field, number, text},
};

/// `Ok` when the result is the expected answer, else what differs.
pub fn judge(kind: &str, question: &str, expected: &Value, got: &Got) -> Result<(), String> {
    let has = |key: &str| expected.get(key).is_some();
    if has("decline") {
        return match got.ran {
            true => Err("answered instead of declining".into()),
            false => Ok(()),
        };
    }
    if !got.ran {
        return Err("no query ran".into());
    }
    if has("no_budget") {
        no_budget(expected, got)
    } else if has("budgets") {
        budget_list(expected, got)
    } else if has("budget_minor") {
        let asks_rollover = question.to_lowercase().contains("roll");
        budget(expected, got, asks_rollover)
    } else if has("periods") {
        comparison(expected, got)
    } else if has("expenses") {
        expense_list(expected, got)
    } else if has("rows") {
        rows(kind, expected, got)
    } else if has("label") {
        extreme_group(expected, got)
    } else if has("expense_id") {
        single_expense(expected, got)
    } else if has("count") {
        single(
            got,
            &["distinct", "count", "number", "visits", "times", "days"],
            field(expected, "count"),
        )
    } else {
        let hints: &[&str] = match has("per") {
            true => &["average", "avg", "mean", "per_"],
            false => &["total", "sum", "spent", "amount", "value"],
        };
        single_money(expected, got, hints)
    }
}

/// One number: no rows (or a NULL) is zero, one row is read, several are ambiguous.
fn single_number(rows: &[usize], got: &Got, column: Option<usize>) -> Result<i64, String> {
    match rows {
        [] => Ok(0),
        [row] => {
            let column = column.ok_or("no value column")?;
            Ok(number(got.cell(*row, column)).unwrap_or(0))
        }
        many => Err(format!("{} rows instead of one", many.len())),
    }
}

fn single(got: &Got, hints: &[&str], expected: i64) -> Result<(), String> {
    let rows: Vec<usize> = (0..got.rows.len()).collect();
    let column = got
        .column(hints)
        .or_else(|| got.money_columns().first().copied());
    let value = single_number(&rows, got, column)?;
    same(value, expected)
}

fn single_money(expected: &Value, got: &Got, hints: &[&str]) -> Result<(), String> {
    let currency = expected["currency"].as_str().unwrap_or_default();
    let value = single_number(&got.in_currency(currency), got, got.money(hints))?;
    same(value, field(expected, "value_minor"))
}

fn same(value: i64, expected: i64) -> Result<(), String> {
    match value == expected {
        true => Ok(()),
        false => Err(format!("got {value}, expected {expected}")),
    }
}

fn single_expense(expected: &Value, got: &Got) -> Result<(), String> {
    if got.rows.is_empty() {
        return Err("no expense".into());
    }
    let amount = got.money(&["amount", "value"]).ok_or("no amount column")?;
    same(
        number(got.cell(0, amount)).unwrap_or(0),
        field(expected, "value_minor"),
    )?;
    let id = got.columns.iter().position(|column| {
        let column = column.to_lowercase();
        column == "id" || column == "expense_id"
    });
    match id {
        Some(id) => same(
            number(got.cell(0, id)).unwrap_or(0),
            field(expected, "expense_id"),
        ),
        None => Ok(()),
    }
}

fn extreme_group(expected: &Value, got: &Got) -> Result<(), String> {
    let label = got.label().ok_or("no label column")?;
    let value = got
        .money(&["total", "sum", "spent", "amount"])
        .ok_or("no value column")?;
    let (got_label, got_value) = (text(got.cell(0, label)), number(got.cell(0, value)));
    let wanted = (text(&expected["label"]), field(expected, "value_minor"));
    match (got_label == wanted.0, got_value == Some(wanted.1)) {
        (true, true) => Ok(()),
        _ => Err(format!(
            "got {got_label} {}, expected {} {}",
            got_value.unwrap_or(0),
            wanted.0,
            wanted.1
        )),
    }
}

/// Label and value of every row.
fn labelled(got: &Got, count: bool) -> Result<Vec<(String, i64)>, String> {
    let label = got.label().ok_or("no label column")?;
    let value = match count {
        true => got.column(&["count", "number", "visits", "times"]),
        false => got.money(&["total", "sum", "spent", "amount"]),
    }
    .ok_or("no value column")?;
    Ok((0..got.rows.len())
        .map(|row| {
            (
                text(got.cell(row, label)),
                number(got.cell(row, value)).unwrap_or(0),
            )
        })
        .collect())
}

fn rows(kind: &str, expected: &Value, got: &Got) -> Result<(), String> {
    let wanted: Vec<(String, i64)> = expected["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| (text(&row[0]), number(&row[1]).unwrap_or(0)))
        .collect();
    let mut found = labelled(got, expected["measure"] == "count")?;
    let ordered = kind != "breakdown" && matches!(expected["order"].as_str(), Some("desc" | "asc"));
    let mut wanted_sorted = wanted.clone();
    if !ordered {
        found.sort();
        wanted_sorted.sort();
    }
    match found == wanted_sorted {
        true => Ok(()),
        false => Err(format!("got rows {}", show(&found))),
    }
}

fn show(rows: &[(String, i64)]) -> String {
    let shown: Vec<String> = rows
        .iter()
        .take(12)
        .map(|(label, value)| format!("{label}={value}"))
        .collect();
    let more = rows.len().saturating_sub(12);
    match more {
        0 => shown.join(", "),
        _ => format!("{}, … {more} more", shown.join(", ")),
    }
}

fn expense_list(expected: &Value, got: &Got) -> Result<(), String> {
    let wanted: Vec<i64> = expected["expenses"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|expense| field(expense, "value_minor"))
        .collect();
    let amount = got.money(&["amount", "value"]).ok_or("no amount column")?;
    let found: Vec<i64> = (0..got.rows.len())
        .map(|row| number(got.cell(row, amount)).unwrap_or(0))
        .collect();
    match found == wanted {
        true => Ok(()),
        false => Err(format!("got amounts {found:?}")),
    }
}

/// Two totals, earlier and later: a column named "previous" (or "earlier") holds the earlier one;
/// otherwise the pair is compared as a set.
fn comparison(expected: &Value, got: &Got) -> Result<(), String> {
    let periods = expected["periods"].as_array().ok_or("no periods")?;
    let wanted = [
        field(&periods[0], "value_minor"),
        field(&periods[1], "value_minor"),
    ];
    let values: Vec<(bool, i64)> = match got.rows {
        [_] => got
            .money_columns()
            .into_iter()
            .map(|column| {
                let name = got.columns[column].to_lowercase();
                let earlier = ["previous", "earlier", "before", "prior"]
                    .iter()
                    .any(|word| name.contains(word));
                (earlier, number(got.cell(0, column)).unwrap_or(0))
            })
            .collect(),
        [_, _] => {
            let value = got
                .money(&["total", "sum", "spent"])
                .ok_or("no value column")?;
            (0..2)
                .map(|row| (false, number(got.cell(row, value)).unwrap_or(0)))
                .collect()
        }
        rows => return Err(format!("{} rows instead of one or two", rows.len())),
    };
    let found = match values.as_slice() {
        [(true, earlier), (false, later)] | [(false, later), (true, earlier)] => {
            [*earlier, *later] == wanted
        }
        [(_, first), (_, second)] => [*first, *second] == wanted || [*second, *first] == wanted,
        _ => false,
    };
    match found {
        true => Ok(()),
        false => Err(format!(
            "got {:?}, expected earlier {} and later {}",
            values.iter().map(|(_, value)| value).collect::<Vec<_>>(),
            wanted[0],
            wanted[1]
        )),
    }
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
