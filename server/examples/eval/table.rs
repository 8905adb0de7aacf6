//! Reading a result by column names and cell types: which column holds money, counts or labels,
//! and which rows are in a currency.

use serde_json::Value;

/// What the pipeline returned for one question.
pub struct Got<'a> {
    /// `false` when no query ran: the question was declined or not understood.
    pub ran: bool,
    pub columns: &'a [String],
    pub rows: &'a [Vec<Value>],
}

pub fn field(value: &Value, key: &str) -> i64 {
    value.get(key).and_then(number).unwrap_or_default()
}

/// An integer cell: integers, reals rounded, or digits in text.
pub fn number(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number
            .as_i64()
            .or_else(|| number.as_f64().map(|float| float.round() as i64)),
        Value::String(text) => text.trim().parse().ok(),
        Value::Bool(flag) => Some(i64::from(*flag)),
        _ => None,
    }
}

pub fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.trim().to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl Got<'_> {
    /// The first column whose name contains one of `hints` (in the order of the hints).
    pub fn column(&self, hints: &[&str]) -> Option<usize> {
        hints.iter().find_map(|hint| {
            self.columns
                .iter()
                .position(|column| column.to_lowercase().contains(hint))
        })
    }

    /// Columns of numbers that are not counts or ids: money.
    pub fn money_columns(&self) -> Vec<usize> {
        let first = self.rows.first();
        (0..self.columns.len())
            .filter(|&index| {
                let name = self.columns[index].to_lowercase();
                let numeric = first.is_none_or(|row| {
                    matches!(row.get(index), Some(Value::Number(_)) | Some(Value::Null))
                });
                numeric
                    && !["count", "id", "number", "rollover", "over"]
                        .iter()
                        .any(|word| {
                            name == *word
                                || name.ends_with(&format!("_{word}"))
                                || name.starts_with(&format!("{word}_"))
                        })
            })
            .collect()
    }

    /// The money column named like one of `hints`, else the only (or first) money column.
    pub fn money(&self, hints: &[&str]) -> Option<usize> {
        let money = self.money_columns();
        self.column(hints)
            .filter(|index| money.contains(index))
            .or_else(|| money.first().copied())
    }

    /// The column of labels: one called `label`, else the first one holding text.
    pub fn label(&self) -> Option<usize> {
        self.column(&["label"]).or_else(|| {
            let first = self.rows.first()?;
            (0..self.columns.len()).find(|&index| {
                matches!(first.get(index), Some(Value::String(_)))
                    && self.columns[index].to_lowercase() != "currency"
            })
        })
    }

    pub fn cell(&self, row: usize, column: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|row| row.get(column))
            .unwrap_or(&Value::Null)
    }

    /// The rows in `currency`, or all of them when there is no currency column.
    pub fn in_currency(&self, currency: &str) -> Vec<usize> {
        let column = self
            .columns
            .iter()
            .position(|column| column.eq_ignore_ascii_case("currency"));
        (0..self.rows.len())
            .filter(|&row| column.is_none_or(|column| text(self.cell(row, column)) == currency))
            .collect()
    }
}
