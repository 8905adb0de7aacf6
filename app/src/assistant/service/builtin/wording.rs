//! Putting plans and rows into words: money, counts, lists and which expenses an answer covers.

use serde_json::Value;

use super::{DayFilter, Plan, Vocabulary, amounts::format_money, sql};

/// One result row, read by column name.
pub struct Row<'a> {
    pub columns: &'a [String],
    pub cells: &'a [Value],
}

impl Row<'_> {
    pub fn value(&self, column: &str) -> Option<&Value> {
        let index = self.columns.iter().position(|name| name == column)?;
        self.cells.get(index)
    }

    pub fn number(&self, column: &str) -> i64 {
        self.value(column)
            .and_then(|value| {
                value
                    .as_i64()
                    .or_else(|| value.as_f64().map(|f| f.round() as i64))
            })
            .unwrap_or(0)
    }

    pub fn text(&self, column: &str) -> String {
        match self.value(column) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }
}

pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub fn plural(count: i64, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// Which expenses the answer is about: " on Dining at Starbucks on weekends (over 50.00 USD)".
pub fn scope(plan: &Plan) -> String {
    let mut text = String::new();
    if !plan.categories.is_empty() {
        let names: Vec<String> = plan
            .categories
            .iter()
            .map(|category| category.name.clone())
            .collect();
        text.push_str(&format!(" on {}", join(&names)));
    }
    if !plan.merchants.is_empty() {
        text.push_str(&format!(" at {}", join(&plan.merchants)));
    }
    let excluded: Vec<String> = plan
        .excluded_categories
        .iter()
        .map(|category| category.name.clone())
        .chain(plan.excluded_merchants.iter().cloned())
        .collect();
    if !excluded.is_empty() {
        text.push_str(&format!(" excluding {}", join(&excluded)));
    }
    if !plan.tags.is_empty() {
        text.push_str(&format!(" tagged {}", join(&plan.tags)));
    }
    if let Some(note) = &plan.note {
        text.push_str(&format!(" with \"{note}\" in the note"));
    }
    match plan.receipt {
        Some(true) => text.push_str(" with a receipt"),
        Some(false) => text.push_str(" without a receipt"),
        None => {}
    }
    match plan.days {
        DayFilter::All => {}
        DayFilter::Weekends => text.push_str(" on weekends"),
        DayFilter::Weekdays => text.push_str(" on weekdays"),
        DayFilter::Only(day) => {
            let names = [
                "Sundays",
                "Mondays",
                "Tuesdays",
                "Wednesdays",
                "Thursdays",
                "Fridays",
                "Saturdays",
            ];
            text.push_str(&format!(
                " on {}",
                names.get(day as usize).unwrap_or(&"that day")
            ));
        }
    }
    if let Some(amount) = &plan.amount {
        text.push_str(&format!(" (expenses {})", amount.describe()));
    }
    text
}

pub fn money(row: &Row, column: &str, plan: &Plan, vocabulary: &Vocabulary) -> String {
    let currency = match row.text("currency") {
        code if !code.is_empty() => code,
        _ => plan
            .currency
            .clone()
            .unwrap_or_else(|| vocabulary.base_currency.to_string()),
    };
    format_money(row.number(column), &currency)
}

pub fn change(current: i64, previous: i64, currency: &str) -> String {
    let difference = format_money((current - previous).abs(), currency);
    let direction = if current >= previous { "more" } else { "less" };
    match previous {
        0 => format!("{difference} {direction}"),
        _ => format!(
            "{difference} {direction}, {:+}%",
            (current - previous) * 100 / previous
        ),
    }
}

pub fn expense_line(row: &Row, plan: &Plan, vocabulary: &Vocabulary) -> String {
    let merchant = row.text("merchant");
    let at = if merchant.trim().is_empty() {
        String::new()
    } else {
        format!(" at {merchant}")
    };
    format!(
        "{}{at} ({}) on {}",
        money(row, sql::AMOUNT, plan, vocabulary),
        row.text("category"),
        row.text("spent_on")
    )
}
