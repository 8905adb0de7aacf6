//! The first line of defence for SQL the assistant did not write itself (the model's) and a
//! check on the SQL it did: parse with `sqlparser` in the sandbox's dialect (SQLite), accept
//! exactly one query that reads only the user's three relations (and its own CTEs) through
//! allow-listed functions, and cap its rows. The sandbox enforces the same rules again on its
//! own (see `sandbox`), so a gap here is not a breach.

use std::{collections::HashSet, ops::ControlFlow};

use sqlparser::{
    ast::{Expr, LimitClause, ObjectName, Query, Statement, TableFactor, Value, Visit, Visitor},
    dialect::SQLiteDialect,
    parser::Parser,
};

use super::sandbox::{FUNCTIONS, TABLES};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

fn refuse<T>(message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(message.into()))
}

/// What a query names, collected in one walk.
#[derive(Default)]
struct Names {
    relations: Vec<String>,
    qualified: Vec<String>,
    functions: Vec<String>,
    ctes: HashSet<String>,
    recursive: bool,
    table_functions: bool,
}

fn plain_name(name: &ObjectName) -> Option<String> {
    match name.0.as_slice() {
        [part] => part.as_ident().map(|ident| ident.value.to_lowercase()),
        _ => None,
    }
}

impl Visitor for Names {
    type Break = ();

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            self.recursive |= with.recursive;
            for cte in &with.cte_tables {
                self.ctes.insert(cte.alias.name.value.to_lowercase());
            }
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
        match plain_name(relation) {
            Some(name) => self.relations.push(name),
            None => self.qualified.push(relation.to_string()),
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        match factor {
            TableFactor::Table { args: None, .. }
            | TableFactor::Derived { .. }
            | TableFactor::NestedJoin { .. } => {}
            _ => self.table_functions = true,
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
        if let Expr::Function(function) = expr {
            self.functions
                .push(plain_name(&function.name).unwrap_or_else(|| function.name.to_string()));
        }
        ControlFlow::Continue(())
    }
}

/// The query to run: `sql` checked, with a `LIMIT` of at most `max_rows`.
pub fn check(sql: &str, max_rows: u64) -> Result<String, Refusal> {
    let statements = Parser::parse_sql(&SQLiteDialect {}, sql)
        .map_err(|error| Refusal(format!("The SQL does not parse: {error}")))?;
    let [statement] = statements.as_slice() else {
        return refuse("Exactly one statement is allowed.");
    };
    let Statement::Query(query) = statement else {
        return refuse("Only SELECT queries are allowed: nothing may be changed.");
    };
    let mut names = Names::default();
    let _ = statement.visit(&mut names);
    if names.recursive {
        return refuse("Recursive queries are not allowed.");
    }
    if names.table_functions {
        return refuse("Only tables and subqueries may appear in FROM.");
    }
    if let Some(name) = names.qualified.first() {
        return refuse(format!(
            "Schema-qualified names such as {name} are not allowed."
        ));
    }
    if let Some(name) = names
        .relations
        .iter()
        .find(|name| !TABLES.contains(&name.as_str()) && !names.ctes.contains(*name))
    {
        return refuse(format!(
            "Only your expenses, categories and budgets can be queried, not {name}."
        ));
    }
    if let Some(name) = names
        .functions
        .iter()
        .find(|name| !FUNCTIONS.contains(&name.as_str()))
    {
        return refuse(format!("The function {name} is not allowed."));
    }
    let mut query = query.as_ref().clone();
    cap_rows(&mut query, max_rows);
    Ok(query.to_string())
}

/// Keeps a literal LIMIT up to `max_rows`; anything else (none, larger, an expression) becomes
/// `max_rows`. The OFFSET stays.
fn cap_rows(query: &mut Query, max_rows: u64) {
    let within = |limit: &Expr| match limit {
        Expr::Value(value) => match &value.value {
            Value::Number(number, _) => number.parse::<u64>().is_ok_and(|n| n <= max_rows),
            _ => false,
        },
        _ => false,
    };
    let cap = || Expr::value(Value::Number(max_rows.to_string(), false));
    query.limit_clause = Some(match query.limit_clause.take() {
        Some(LimitClause::LimitOffset { limit, offset, .. }) => LimitClause::LimitOffset {
            limit: Some(limit.filter(within).unwrap_or_else(cap)),
            offset,
            limit_by: Vec::new(),
        },
        Some(LimitClause::OffsetCommaLimit { offset, limit }) => LimitClause::OffsetCommaLimit {
            offset,
            limit: if within(&limit) { limit } else { cap() },
        },
        None => LimitClause::LimitOffset {
            limit: Some(cap()),
            offset: None,
            limit_by: Vec::new(),
        },
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(sql: &str) -> String {
        check(sql, 100).expect_err(sql).0
    }

    #[test]
    fn plain_questions_pass_with_a_limit() {
        assert_eq!(
            check(
                "SELECT SUM(amount_minor) FROM expenses WHERE spent_on >= '2026-11-01'",
                100
            ),
            Ok(
                "SELECT SUM(amount_minor) FROM expenses WHERE spent_on >= '2026-11-01' LIMIT 100"
                    .into()
            )
        );
        assert_eq!(
            check("select c.name, count(*) from expenses e join categories c on c.id = e.category_id group by c.name limit 5", 100),
            Ok("SELECT c.name, count(*) FROM expenses e JOIN categories c ON c.id = e.category_id GROUP BY c.name LIMIT 5".into())
        );
        assert!(
            check("SELECT * FROM expenses LIMIT 100000", 100)
                .is_ok_and(|sql| sql.ends_with("LIMIT 100"))
        );
        assert!(check("WITH m AS (SELECT * FROM expenses) SELECT * FROM m", 100).is_ok());
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert!(refused("DELETE FROM expenses").contains("Only SELECT"));
        assert!(refused("SELECT 1; DROP TABLE expenses").contains("one statement"));
        assert!(refused("SELECT * FROM users").contains("not users"));
        assert!(
            refused("SELECT * FROM expenses UNION SELECT * FROM sessions").contains("sessions")
        );
        assert!(refused("SELECT * FROM main.expenses").contains("Schema-qualified"));
        assert!(refused("SELECT * FROM sqlite_master").contains("sqlite_master"));
        assert!(refused("SELECT load_extension('x')").contains("load_extension"));
        assert!(refused("SELECT randomblob(1000000000)").contains("randomblob"));
        assert!(refused("SELECT * FROM pragma_table_info('users')").contains("FROM"));
        assert!(
            refused(
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r"
            )
            .contains("Recursive")
        );
        assert!(refused("ATTACH 'x.db' AS x").contains("Only SELECT"));
        assert!(refused("PRAGMA query_only = 0").contains("Only SELECT"));
        assert!(refused("SELEC nonsense").contains("parse"));
    }
}
