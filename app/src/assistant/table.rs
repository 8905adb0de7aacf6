//! An answer's rows as a plain table. Every cell is text (never markup): a column whose name ends
//! in `_minor` holds money in minor units and is shown in its row's currency.

use leptos::prelude::*;
use serde_json::Value;

use crate::dashboard::tables::display_amount;

const MINOR_SUFFIX: &str = "_minor";
const CURRENCY_COLUMN: &str = "currency";

/// "total_minor" → "Total", "expense_count" → "Expense count".
pub fn heading(column: &str) -> String {
    let words = column
        .strip_suffix(MINOR_SUFFIX)
        .unwrap_or(column)
        .replace('_', " ");
    let mut letters = words.trim().chars();
    match letters.next() {
        Some(first) => first.to_uppercase().chain(letters).collect(),
        None => column.to_string(),
    }
}

pub fn is_money(column: &str) -> bool {
    column.ends_with(MINOR_SUFFIX)
}

/// The currency of a row: its own `currency` cell, else the user's base currency.
pub fn row_currency(columns: &[String], row: &[Value], base: &str) -> String {
    columns
        .iter()
        .position(|column| column == CURRENCY_COLUMN)
        .and_then(|index| row.get(index))
        .and_then(Value::as_str)
        .unwrap_or(base)
        .to_string()
}

/// A number cell as a whole number of minor units (SQLite averages are fractional).
pub fn minor_units(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_f64().map(|number| number.round() as i64))
}

/// A cell for people, and whether it is a number (right-aligned).
pub fn cell_text(column: &str, value: &Value, currency: &str) -> (String, bool) {
    match value {
        Value::Null => ("—".to_string(), false),
        Value::Bool(flag) => (if *flag { "yes" } else { "no" }.to_string(), false),
        Value::String(text) => (text.clone(), false),
        Value::Number(number) if is_money(column) => (
            minor_units(value).map_or_else(
                || number.to_string(),
                |minor| display_amount(minor, currency),
            ),
            true,
        ),
        Value::Number(number) => match number.as_f64() {
            Some(float) if number.as_i64().is_none() && number.as_u64().is_none() => {
                (format!("{float:.2}"), true)
            }
            _ => (number.to_string(), true),
        },
        other => (other.to_string(), false),
    }
}

#[component]
pub fn ResultTable(
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
    truncated: bool,
    /// For money in rows without a currency of their own.
    base_currency: String,
) -> impl IntoView {
    let count = rows.len();
    let header = columns
        .iter()
        .map(|column| view! { <th scope="col" class="px-3 py-2 font-medium whitespace-nowrap text-muted">{heading(column)}</th> })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let currency = row_currency(&columns, row, &base_currency);
            let cells = columns
                .iter()
                .zip(row)
                .map(|(column, value)| {
                    let (text, numeric) = cell_text(column, value, &currency);
                    view! {
                        <td class="border-t border-line px-3 py-2" class:text-right=numeric class:tabular-nums=numeric class:whitespace-nowrap=numeric>
                            {text}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let summary = match count {
        1 => "1 row".to_string(),
        count => format!("{count} rows"),
    };
    view! {
        <div class="overflow-x-auto rounded-lg border border-line">
            <table class="w-full text-left text-sm" data-testid="assistant-table">
                <caption class="sr-only">{format!("The result: {summary}")}</caption>
                <thead><tr>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {truncated.then(|| view! {
            <p class="mt-1 text-xs text-muted" data-testid="assistant-truncated">
                {format!("Showing the first {summary}; the result had more.")}
            </p>
        })}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn headings_drop_the_unit_and_read_as_words() {
        assert_eq!(heading("total_minor"), "Total");
        assert_eq!(heading("expense_count"), "Expense count");
        assert_eq!(heading("label"), "Label");
    }

    #[test]
    fn money_is_shown_in_the_rows_own_currency_else_the_base_one() {
        let columns = vec!["total_minor".to_string(), "currency".to_string()];
        let row = vec![json!(123_456), json!("EUR")];
        let currency = row_currency(&columns, &row, "USD");
        assert_eq!(currency, "EUR");
        assert_eq!(
            cell_text("total_minor", &row[0], &currency),
            ("1,234.56 EUR".to_string(), true)
        );
        assert_eq!(row_currency(&columns[..1], &row[..1], "USD"), "USD");
        assert_eq!(
            cell_text("average_minor", &json!(1250.4), "USD").0,
            "12.50 USD"
        );
    }

    #[test]
    fn other_cells_are_plain_text() {
        assert_eq!(
            cell_text("expense_count", &json!(3), "USD"),
            ("3".to_string(), true)
        );
        assert_eq!(
            cell_text("ratio", &json!(0.256), "USD"),
            ("0.26".to_string(), true)
        );
        assert_eq!(
            cell_text("label", &json!("<b>Dining</b>"), "USD"),
            ("<b>Dining</b>".to_string(), false)
        );
        assert_eq!(
            cell_text("merchant", &Value::Null, "USD"),
            ("—".to_string(), false)
        );
    }
}
