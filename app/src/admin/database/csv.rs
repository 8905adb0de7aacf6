//! A result as CSV (RFC 4180), built in the browser from what the grid shows, so the download is
//! exactly the result on screen, masked values included.

use chrono::DateTime;
use serde_json::Value;

use crate::admin::console::ConsoleResult;

/// A cell as text: strings as they are, other JSON (numbers, arrays) as written; `None` for NULL.
pub fn cell_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// One field, quoted when it holds a comma, a quote or a line break (quotes are doubled).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn line(fields: impl Iterator<Item = String>) -> String {
    let mut line = fields
        .map(|text| field(&text))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The header row, then every row; NULL is an empty field.
pub fn to_csv(result: &ConsoleResult) -> String {
    let mut csv = line(result.columns.iter().map(|column| column.name.clone()));
    for row in &result.rows {
        csv.push_str(&line(
            row.iter().map(|value| cell_text(value).unwrap_or_default()),
        ));
    }
    csv
}

/// `query-20261206-151516.csv` for a download made at `millis` (Unix time, UTC).
pub fn file_name(millis: i64) -> String {
    let at = DateTime::from_timestamp_millis(millis).unwrap_or_default();
    format!("query-{}.csv", at.format("%Y%m%d-%H%M%S"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::admin::console::ResultColumn;

    fn column(name: &str) -> ResultColumn {
        ResultColumn {
            name: name.into(),
            data_type: "TEXT".into(),
            masked: false,
        }
    }

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let result = ConsoleResult {
            columns: vec![column("id"), column("note, short"), column("amount")],
            rows: vec![
                vec![json!(1), json!("say \"hi\""), json!(12.5)],
                vec![json!(2), json!("two\nlines"), Value::Null],
                vec![json!(3), json!("plain"), json!(true)],
            ],
            truncated: false,
            duration_ms: 3,
            rows_affected: None,
        };
        assert_eq!(
            to_csv(&result),
            "id,\"note, short\",amount\r\n\
             1,\"say \"\"hi\"\"\",12.5\r\n\
             2,\"two\nlines\",\r\n\
             3,plain,true\r\n"
        );
    }

    #[test]
    fn an_empty_result_is_its_header() {
        let result = ConsoleResult {
            columns: vec![column("email")],
            rows: Vec::new(),
            truncated: false,
            duration_ms: 0,
            rows_affected: None,
        };
        assert_eq!(to_csv(&result), "email\r\n");
    }

    #[test]
    fn the_file_is_named_after_the_time() {
        assert_eq!(file_name(1_796_570_116_000), "query-20261206-151516.csv");
    }

    #[test]
    fn null_has_no_text_and_json_is_written_out() {
        assert_eq!(cell_text(&Value::Null), None);
        assert_eq!(cell_text(&json!("a")), Some("a".into()));
        assert_eq!(cell_text(&json!([1, 2])), Some("[1,2]".into()));
    }
}
