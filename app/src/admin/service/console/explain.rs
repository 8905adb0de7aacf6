//! EXPLAIN in each engine's own form (SQLite `EXPLAIN QUERY PLAN`, PostgreSQL
//! `EXPLAIN (FORMAT JSON)`, MySQL `EXPLAIN FORMAT=JSON`), turned into one readable list of
//! steps, with the full scans of large tables marked and advice: the index that would avoid each
//! such scan (from the query's own filters and sort), and a warning when a large result has no
//! LIMIT.

use std::collections::{HashMap, hash_map::Entry};

use sea_orm::{DatabaseBackend, DatabaseConnection};
use serde_json::Value;
use sqlparser::ast::Query;

use super::{
    ConsoleLimits,
    advice::index_columns,
    check, run,
    tables::{quoted, row_count},
};
use crate::{
    AppError,
    admin::console::{ExplainResult, PlanAdvice, PlanStep},
};

/// Tables with at least this many rows are worth an index.
pub const LARGE_TABLE_ROWS: u64 = 10_000;

/// A step and, when it reads a whole table, that table.
struct Step {
    depth: u32,
    detail: String,
    table: Option<String>,
    full_scan: bool,
}

pub async fn explain(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    sql: &str,
) -> Result<ExplainResult, AppError> {
    let backend = db.get_database_backend();
    let (sql, query) = check::query(backend, sql)?;
    let explained = match backend {
        DatabaseBackend::Postgres => format!("EXPLAIN (FORMAT JSON) {sql}"),
        DatabaseBackend::MySql => format!("EXPLAIN FORMAT=JSON {sql}"),
        _ => format!("EXPLAIN QUERY PLAN {sql}"),
    };
    let rows = run::run(db, &explained, limits, run::Access::ReadOnly)
        .await?
        .rows;
    let (steps, raw) = match backend {
        DatabaseBackend::Sqlite => (sqlite_steps(&rows), Value::from(rows)),
        _ => {
            let raw = match rows.first().and_then(|row| row.first()) {
                Some(Value::String(text)) => serde_json::from_str(text).unwrap_or(Value::Null),
                Some(json) => json.clone(),
                None => Value::Null,
            };
            let mut steps = Vec::new();
            json_steps(&raw, 0, &mut steps);
            (steps, raw)
        }
    };
    let mut sizes = HashMap::new();
    for table in steps
        .iter()
        .filter(|step| step.full_scan)
        .filter_map(|step| step.table.clone())
    {
        if let Entry::Vacant(entry) = sizes.entry(table) {
            let rows = row_count(db, &quoted(backend, entry.key()))
                .await
                .unwrap_or_default();
            entry.insert(rows);
        }
    }
    let large = |step: &Step| {
        step.full_scan
            && step
                .table
                .as_ref()
                .and_then(|table| sizes.get(table))
                .is_some_and(|rows| *rows >= LARGE_TABLE_ROWS)
    };
    let advice = advise(&query, steps.iter().filter(|step| large(step)), &sizes);
    Ok(ExplainResult {
        steps: steps
            .iter()
            .map(|step| PlanStep {
                depth: step.depth,
                detail: step.detail.clone(),
                table: step.table.clone(),
                expensive: large(step),
            })
            .collect(),
        advice,
        raw,
    })
}

fn advise<'a>(
    query: &Query,
    scans: impl Iterator<Item = &'a Step>,
    sizes: &HashMap<String, u64>,
) -> Vec<PlanAdvice> {
    let wanted = index_columns(query);
    let mut advice = Vec::new();
    let mut seen = Vec::new();
    for table in scans.filter_map(|step| step.table.clone()) {
        if seen.contains(&table) {
            continue;
        }
        let rows = sizes.get(&table).copied().unwrap_or_default();
        advice.push(match wanted.get(&table) {
            Some(columns) => PlanAdvice {
                message: format!(
                    "{table} ({rows} rows) is read in full. An index on ({}) lets the database go \
                     straight to the rows this query wants.",
                    columns.join(", ")
                ),
                sql: Some(format!(
                    "CREATE INDEX idx_{table}_{} ON {table} ({})",
                    columns.join("_"),
                    columns.join(", ")
                )),
            },
            None => PlanAdvice {
                message: format!(
                    "{table} ({rows} rows) is read in full and the query does not filter it: \
                     add a WHERE on an indexed column if you want less."
                ),
                sql: None,
            },
        });
        if query.limit_clause.is_none() {
            advice.push(PlanAdvice {
                message: format!(
                    "There is no LIMIT, and {table} has {rows} rows: the result may be large."
                ),
                sql: None,
            });
        }
        seen.push(table);
    }
    advice
}

/// SQLite's `(id, parent, notused, detail)` rows.
fn sqlite_steps(rows: &[Vec<Value>]) -> Vec<Step> {
    let mut depths: HashMap<i64, u32> = HashMap::new();
    rows.iter()
        .filter_map(|row| {
            let id = row.first()?.as_i64()?;
            let parent = row.get(1)?.as_i64()?;
            let detail = row.get(3)?.as_str()?.to_string();
            let depth = depths.get(&parent).map_or(0, |depth| depth + 1);
            depths.insert(id, depth);
            // SCAN reads the whole table (or a whole index); SEARCH seeks.
            let full_scan = detail.starts_with("SCAN ");
            let table = detail
                .strip_prefix("SCAN ")
                .or_else(|| detail.strip_prefix("SEARCH "))
                .and_then(|rest| rest.split_whitespace().next())
                .map(str::to_lowercase);
            Some(Step {
                depth,
                detail,
                table,
                full_scan,
            })
        })
        .collect()
}

/// PostgreSQL's plan nodes (`Plan`/`Plans`) and MySQL's tables (objects with `table_name`),
/// depth first.
fn json_steps(value: &Value, depth: u32, steps: &mut Vec<Step>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| json_steps(item, depth, steps)),
        Value::Object(object) => {
            let mut child_depth = depth;
            if let Some(node) = object.get("Node Type").and_then(Value::as_str) {
                let table = object
                    .get("Relation Name")
                    .and_then(Value::as_str)
                    .map(str::to_lowercase);
                let cost = object
                    .get("Total Cost")
                    .map(Value::to_string)
                    .unwrap_or_default();
                let rows = object
                    .get("Plan Rows")
                    .map(Value::to_string)
                    .unwrap_or_default();
                steps.push(Step {
                    depth,
                    detail: match &table {
                        Some(table) => format!("{node} on {table} (cost {cost}, rows {rows})"),
                        None => format!("{node} (cost {cost}, rows {rows})"),
                    },
                    full_scan: node == "Seq Scan",
                    table,
                });
                child_depth += 1;
            } else if let Some(table) = object.get("table_name").and_then(Value::as_str) {
                let access = object
                    .get("access_type")
                    .and_then(Value::as_str)
                    .unwrap_or("?");
                let key = object.get("key").and_then(Value::as_str);
                let rows = object.get("rows").map(Value::to_string).unwrap_or_default();
                steps.push(Step {
                    depth,
                    detail: match key {
                        Some(key) => format!("{table}: {access} using {key} (rows {rows})"),
                        None => format!("{table}: {access} (rows {rows})"),
                    },
                    table: Some(table.to_lowercase()),
                    // ALL reads the table, index a whole index.
                    full_scan: access == "ALL" || access == "index",
                });
                child_depth += 1;
            }
            for (key, child) in object {
                if matches!(child, Value::Object(_) | Value::Array(_)) && key != "table_name" {
                    json_steps(child, child_depth, steps);
                }
            }
        }
        _ => {}
    }
}
