//! Rows of arbitrary SQL as JSON, for the places that show a query's result as it is (the
//! assistant's sandbox, the admin console): numbers as numbers, text as text, binary by size.

use serde_json::Value;
use sqlx::{Row, TypeInfo, ValueRef, mysql::MySqlRow, postgres::PgRow, sqlite::SqliteRow};

/// Each cell's type name, or `None` where the cell is NULL (or unreadable).
fn cell_types<R>(row: &R) -> impl Iterator<Item = (usize, Option<String>)> + '_
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
{
    (0..row.columns().len()).map(|index| {
        let type_name = row
            .try_get_raw(index)
            .ok()
            .filter(|raw| !raw.is_null())
            .map(|raw| raw.type_info().name().to_string());
        (index, type_name)
    })
}

/// A number when `text` reads as one of the column's kind, else the text itself.
fn number_or_text(text: &str, integer: bool) -> Value {
    let number = if integer {
        text.parse::<i64>().ok().map(Value::from)
    } else {
        text.parse::<f64>().ok().map(Value::from)
    };
    number.unwrap_or_else(|| text.into())
}

/// SQLite's values as stored.
pub fn sqlite(row: &SqliteRow) -> Vec<Value> {
    cell_types(row)
        .map(|(index, type_name)| match type_name.as_deref() {
            None => Value::Null,
            Some("INTEGER") => row
                .try_get::<i64, _>(index)
                .map_or(Value::Null, Value::from),
            Some("REAL") => row
                .try_get::<f64, _>(index)
                .map_or(Value::Null, Value::from),
            Some("BLOB") => row
                .try_get::<Vec<u8>, _>(index)
                .map_or(Value::Null, |blob| format!("({} bytes)", blob.len()).into()),
            Some(_) => row
                .try_get::<String, _>(index)
                .map_or(Value::Null, Value::from),
        })
        .collect()
}

/// PostgreSQL's simple-protocol results, which arrive as text: numbers and booleans become JSON
/// numbers and booleans, JSON stays JSON, everything else (exact decimals included) stays text.
pub fn postgres(row: &PgRow) -> Vec<Value> {
    cell_types(row)
        .map(|(index, type_name)| {
            let Some(type_name) = type_name else {
                return Value::Null;
            };
            let Some(text) = row
                .try_get_raw(index)
                .ok()
                .and_then(|raw| raw.as_str().ok())
            else {
                return "(binary)".into();
            };
            match type_name.as_str() {
                "INT2" | "INT4" | "INT8" | "OID" => number_or_text(text, true),
                "FLOAT4" | "FLOAT8" => number_or_text(text, false),
                "BOOL" => Value::Bool(text == "t"),
                "JSON" | "JSONB" => serde_json::from_str(text).unwrap_or_else(|_| text.into()),
                _ => text.into(),
            }
        })
        .collect()
}

/// MySQL's text-protocol results, read by their column type.
pub fn mysql(row: &MySqlRow) -> Vec<Value> {
    cell_types(row)
        .map(|(index, type_name)| {
            let Some(type_name) = type_name else {
                return Value::Null;
            };
            let Ok(text) = row.try_get_unchecked::<String, _>(index) else {
                return "(binary)".into();
            };
            let integer = ["TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT"]
                .iter()
                .any(|name| type_name.starts_with(name));
            if integer || type_name == "DOUBLE" || type_name == "FLOAT" {
                number_or_text(&text, integer)
            } else {
                text.into()
            }
        })
        .collect()
}
