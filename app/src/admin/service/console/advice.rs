//! Which columns a query filters and sorts a table by, read from its SQL: the columns an index
//! suggestion names. Equality filters come first (they make the best index prefix), then ranges,
//! then the sort.

use std::collections::HashMap;

use sqlparser::ast::{BinaryOperator, Expr, OrderByKind, Query, SetExpr, TableFactor};

/// `table → columns` in index order, at most three per table.
pub type IndexColumns = HashMap<String, Vec<String>>;

const MOST_COLUMNS: usize = 3;

#[derive(Default)]
struct Collector {
    /// Alias (or name) → table name, lower case.
    tables: HashMap<String, String>,
    equal: Vec<(String, String)>,
    other: Vec<(String, String)>,
}

impl Collector {
    /// The table and column an expression names, if it is a plain column reference.
    fn column(&self, expr: &Expr) -> Option<(String, String)> {
        match expr {
            Expr::Identifier(ident) if self.tables.len() == 1 => Some((
                self.tables.values().next()?.clone(),
                ident.value.to_lowercase(),
            )),
            Expr::CompoundIdentifier(parts) if parts.len() == 2 => Some((
                self.tables.get(&parts[0].value.to_lowercase())?.clone(),
                parts[1].value.to_lowercase(),
            )),
            Expr::Nested(inner) => self.column(inner),
            _ => None,
        }
    }

    fn filter(&mut self, expr: &Expr) {
        match expr {
            Expr::BinaryOp { left, op, right } => match op {
                BinaryOperator::And | BinaryOperator::Or => {
                    self.filter(left);
                    self.filter(right);
                }
                BinaryOperator::Eq => {
                    if let Some(column) = self.column(left).or_else(|| self.column(right)) {
                        self.equal.push(column);
                    }
                }
                BinaryOperator::Lt
                | BinaryOperator::LtEq
                | BinaryOperator::Gt
                | BinaryOperator::GtEq => {
                    if let Some(column) = self.column(left).or_else(|| self.column(right)) {
                        self.other.push(column);
                    }
                }
                _ => {}
            },
            Expr::InList { expr, .. } => {
                if let Some(column) = self.column(expr) {
                    self.equal.push(column);
                }
            }
            Expr::Between { expr, .. } | Expr::Like { expr, .. } | Expr::ILike { expr, .. } => {
                if let Some(column) = self.column(expr) {
                    self.other.push(column);
                }
            }
            Expr::Nested(inner) => self.filter(inner),
            _ => {}
        }
    }
}

fn relation(factor: &TableFactor, tables: &mut HashMap<String, String>) {
    if let TableFactor::Table { name, alias, .. } = factor
        && let Some(table) = name.0.last().and_then(|part| part.as_ident())
    {
        let table = table.value.to_lowercase();
        let key = alias
            .as_ref()
            .map_or_else(|| table.clone(), |alias| alias.name.value.to_lowercase());
        tables.insert(key, table);
    }
}

/// The columns worth indexing per table for `query` (its outermost SELECT).
pub fn index_columns(query: &Query) -> IndexColumns {
    let mut collector = Collector::default();
    let SetExpr::Select(select) = query.body.as_ref() else {
        return IndexColumns::new();
    };
    for from in &select.from {
        relation(&from.relation, &mut collector.tables);
        for join in &from.joins {
            relation(&join.relation, &mut collector.tables);
        }
    }
    if let Some(selection) = &select.selection {
        collector.filter(selection);
    }
    if let Some(order_by) = &query.order_by
        && let OrderByKind::Expressions(expressions) = &order_by.kind
    {
        for expression in expressions {
            if let Some(column) = collector.column(&expression.expr) {
                collector.other.push(column);
            }
        }
    }
    let mut columns = IndexColumns::new();
    for (table, column) in collector.equal.into_iter().chain(collector.other) {
        let list = columns.entry(table).or_default();
        if !list.contains(&column) && list.len() < MOST_COLUMNS {
            list.push(column);
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use sqlparser::{ast::Statement, dialect::GenericDialect, parser::Parser};

    use super::*;

    fn columns(sql: &str) -> IndexColumns {
        let statements = Parser::parse_sql(&GenericDialect {}, sql).expect("parses");
        let [Statement::Query(query)] = statements.as_slice() else {
            panic!("one query");
        };
        index_columns(query)
    }

    #[test]
    fn equality_then_ranges_then_the_sort() {
        let found = columns(
            "SELECT * FROM expenses WHERE spent_on >= '2026-01-01' AND user_id = 3 ORDER BY amount_minor",
        );
        assert_eq!(found["expenses"], ["user_id", "spent_on", "amount_minor"]);
    }

    #[test]
    fn aliases_and_joins_are_resolved() {
        let found = columns(
            "SELECT e.id FROM expenses e JOIN categories c ON c.id = e.category_id \
             WHERE c.name = 'Dining' AND e.merchant LIKE 'A%'",
        );
        assert_eq!(found["categories"], ["name"]);
        assert_eq!(found["expenses"], ["merchant"]);
        assert!(columns("SELECT count(*) FROM expenses").is_empty());
    }
}
