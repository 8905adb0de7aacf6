//! The data of the chart an answer suggests, for the dashboard's ECharts code: a line over time, ranked
//! bars, or a donut of shares. Amounts of one currency only: rows in others are left out.

use super::{
    ChartHint, ChartKind, Reply,
    table::{is_money, minor_units, row_currency},
};
use crate::dashboard::charts::{ChartData, ChartSpec, Slice};

/// The hint's columns as chart data; `None` when the result has nothing to draw.
pub fn chart_data(reply: &Reply, base_currency: &str) -> Option<ChartData> {
    let ChartHint {
        kind,
        label_column,
        value_column,
    } = reply.chart.as_ref()?;
    let position = |name: &str| reply.columns.iter().position(|column| column == name);
    let (label_at, value_at) = (position(label_column)?, position(value_column)?);
    let money = is_money(value_column);
    // A count has no currency: an unknown code draws the plain number.
    let currency = match (money, reply.rows.first()) {
        (true, Some(first)) => row_currency(&reply.columns, first, base_currency),
        _ => String::new(),
    };
    let points: Vec<(String, i64)> = reply
        .rows
        .iter()
        .filter(|row| !money || row_currency(&reply.columns, row, base_currency) == currency)
        .filter_map(|row| {
            let label = match row.get(label_at)? {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Null => "—".to_string(),
                other => other.to_string(),
            };
            Some((label, minor_units(row.get(value_at)?)?))
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let slices = || {
        points
            .iter()
            .map(|(label, minor)| Slice {
                label: label.clone(),
                color: None,
                minor: *minor,
            })
            .collect()
    };
    let spec = match kind {
        ChartKind::Line => ChartSpec::Line {
            labels: points.iter().map(|(label, _)| label.clone()).collect(),
            values: points.iter().map(|(_, value)| *value).collect(),
        },
        ChartKind::Bar => ChartSpec::Ranking(slices()),
        ChartKind::Donut => ChartSpec::Donut(slices()),
    };
    Some(ChartData { spec, currency })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::assistant::Source;

    fn reply(kind: ChartKind, rows: Vec<Vec<serde_json::Value>>) -> Reply {
        Reply {
            conversation_id: "c".into(),
            answer: String::new(),
            sql: None,
            columns: vec!["label".into(), "total_minor".into(), "currency".into()],
            rows,
            truncated: false,
            chart: Some(ChartHint {
                kind,
                label_column: "label".into(),
                value_column: "total_minor".into(),
            }),
            source: Source::Builtin,
            cached: false,
            suggestions: Vec::new(),
            notice: None,
        }
    }

    #[test]
    fn a_line_keeps_the_order_and_the_first_rows_currency() {
        let rows = vec![
            vec![json!("2026-10"), json!(1000), json!("EUR")],
            vec![json!("2026-11"), json!(2500.4), json!("EUR")],
            vec![json!("2026-11"), json!(99), json!("USD")],
        ];
        let data = chart_data(&reply(ChartKind::Line, rows), "USD").expect("a chart");
        assert_eq!(data.currency, "EUR");
        assert_eq!(
            data.spec,
            ChartSpec::Line {
                labels: vec!["2026-10".into(), "2026-11".into()],
                values: vec![1000, 2500],
            }
        );
    }

    #[test]
    fn one_point_or_a_missing_column_draws_nothing() {
        let one = vec![vec![json!("Dining"), json!(1000), json!("USD")]];
        assert_eq!(chart_data(&reply(ChartKind::Bar, one), "USD"), None);
        let mut missing = reply(ChartKind::Donut, Vec::new());
        missing.columns.truncate(1);
        assert_eq!(chart_data(&missing, "USD"), None);
    }
}
