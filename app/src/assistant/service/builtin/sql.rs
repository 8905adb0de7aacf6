//! A plan as one SQLite SELECT over the sandbox's tables, built with sea-query so every value
//! from the question (names, dates, amounts) is inlined as an escaped literal. Only functions on
//! the sandbox's allow-list appear, and no recursive CTE, so the guard and authorizer accept it.

use chrono::Datelike;
use sea_orm::sea_query::{
    Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement, SqliteQueryBuilder,
};

use super::{
    Bucket, Grouping, Measure, Period, Plan, Vocabulary, budget_sql,
    expressions::{call, col, filters, label, within},
};

pub const LABEL: &str = "label";
pub const TOTAL: &str = "total_minor";
pub const COUNT: &str = "expense_count";
pub const AVERAGE: &str = "average_minor";
pub const PREVIOUS_TOTAL: &str = "previous_total_minor";
pub const PREVIOUS_COUNT: &str = "previous_count";
pub const AMOUNT: &str = "amount_minor";
pub const BUDGET: &str = "budget_minor";
pub const SPENT: &str = "spent_minor";
pub const DISTINCT: &str = "distinct_count";
/// Expenses shown at most when the user asks for a list without saying how many.
const LIST_LIMIT: u64 = 50;

pub fn value_column(measure: Measure) -> &'static str {
    match measure {
        Measure::Total => TOTAL,
        Measure::Count => COUNT,
        Measure::Average | Measure::AveragePer(_) => AVERAGE,
        Measure::Largest | Measure::Smallest | Measure::List => AMOUNT,
        Measure::Budget => SPENT,
        Measure::Distinct(_) => DISTINCT,
    }
}

/// How many days, weeks or months the period spreads over, for per-unit averages.
fn units(period: &Period, bucket: Bucket) -> Option<f64> {
    let from = period.from?;
    let days = period.days() as f64;
    Some(match bucket {
        Bucket::Day => days,
        Bucket::Week => days / 7.0,
        Bucket::Month => {
            let months = (period.to.year() - from.year()) * 12 + period.to.month() as i32
                - from.month() as i32
                + 1;
            f64::from(std::cmp::max(months, 1))
        }
    })
}

fn sum_within(period: &Period, value: Expr) -> Expr {
    Func::sum(Expr::case(within(period), value).finally(0)).into()
}

fn base_select(plan: &Plan) -> SelectStatement {
    let mut select = Query::select();
    select.from_as("expenses", "e");
    select.join_as(
        JoinType::LeftJoin,
        "categories",
        "c",
        Expr::col(("c", "id")).equals(("e", "category_id")),
    );
    select.cond_where(filters(plan));
    if let Some(currency) = &plan.currency {
        select.and_where(col("currency").eq(currency.as_str()));
    }
    select
}

fn rows_of_expenses(plan: &Plan, select: &mut SelectStatement) {
    select
        .expr_as(col("spent_on"), "spent_on")
        .expr_as(col("merchant"), "merchant")
        .expr_as(
            Func::coalesce([Expr::col(("c", "name")), Expr::val("Uncategorised")]),
            "category",
        )
        .expr_as(col("amount_minor"), AMOUNT)
        .expr_as(col("currency"), "currency");
    match plan.measure {
        Measure::List => select
            .order_by_expr(col("spent_on"), Order::Desc)
            .order_by_expr(col("id"), Order::Desc),
        _ => {
            let order = if plan.measure == Measure::Smallest {
                Order::Asc
            } else {
                Order::Desc
            };
            select
                .order_by_expr(col("amount_minor"), order)
                .order_by_expr(col("spent_on"), Order::Desc)
        }
    };
    select.limit(plan.top_n.map_or(LIST_LIMIT, u64::from));
}

fn measures(plan: &Plan, select: &mut SelectStatement) {
    let amount = col("amount_minor");
    match &plan.comparison {
        Some(comparison) => {
            select
                .expr_as(sum_within(&plan.period, amount.clone()), TOTAL)
                .expr_as(sum_within(&plan.period, Expr::val(1)), COUNT)
                .expr_as(sum_within(comparison, amount.clone()), PREVIOUS_TOTAL)
                .expr_as(sum_within(comparison, Expr::val(1)), PREVIOUS_COUNT);
        }
        None => {
            select
                .expr_as(Func::sum(amount.clone()), TOTAL)
                .expr_as(Func::count(Expr::val(1)), COUNT);
        }
    }
    match plan.measure {
        Measure::Average => {
            select.expr_as(call("round", vec![Func::avg(amount).into()]), AVERAGE);
        }
        Measure::Distinct(counted) => {
            select.expr_as(Func::count_distinct(label(counted)), DISTINCT);
        }
        Measure::AveragePer(bucket) => {
            // All time has no first day in the plan, so the data's own first day stands in.
            let spread = match units(&plan.period, bucket) {
                Some(units) => Expr::val(units),
                None => {
                    let days = call("julianday", vec![Expr::val(plan.period.to.to_string())])
                        .sub(call("julianday", vec![Func::min(col("spent_on")).into()]))
                        .add(1);
                    match bucket {
                        Bucket::Day => days,
                        Bucket::Week => days.div(7.0),
                        Bucket::Month => days.div(30.4375),
                    }
                }
            };
            // total() sums as a real, so the division is not an integer one.
            select.expr_as(
                call("round", vec![call("total", vec![amount]).div(spread)]),
                AVERAGE,
            );
        }
        _ => {}
    }
}

fn grouped(plan: &Plan, grouping: Grouping, select: &mut SelectStatement) {
    select.expr_as(label(grouping), LABEL);
    if grouping == Grouping::Currency {
        // Lets the answer format each row's money in its own currency.
        select.expr_as(col("currency"), "currency");
    }
    measures(plan, select);
    select.add_group_by([label(grouping)]);
    let value = Expr::col(value_column(plan.measure));
    let chronological = matches!(grouping, Grouping::Time(_)) && plan.top_n.is_none();
    if chronological {
        select.order_by_expr(Expr::col(LABEL), Order::Asc);
    } else if grouping == Grouping::Weekday && plan.top_n.is_none() {
        let weekday = call("strftime", vec![Expr::val("%w"), col("spent_on")]);
        select.order_by_expr(Func::min(weekday.add(6).modulo(7)).into(), Order::Asc);
    } else {
        select.order_by_expr(
            value,
            if plan.ascending {
                Order::Asc
            } else {
                Order::Desc
            },
        );
        select.order_by_expr(Expr::col(LABEL), Order::Asc);
    }
    if let Some(top) = plan.top_n {
        select.limit(u64::from(top));
    }
}

/// The query that answers `plan`, as SQLite text with every value inlined and escaped.
pub fn to_sql(plan: &Plan, vocabulary: &Vocabulary) -> String {
    let select = match (plan.measure, plan.group_by) {
        (Measure::Budget, _) => budget_sql::budgets(plan),
        (Measure::Largest | Measure::Smallest | Measure::List, _) => {
            let mut select = base_select(plan);
            rows_of_expenses(plan, &mut select);
            select
        }
        (_, Some(grouping)) => {
            let mut select = base_select(plan);
            grouped(plan, grouping, &mut select);
            select
        }
        (_, None) => {
            let mut select = base_select(plan);
            let counting = matches!(plan.measure, Measure::Count | Measure::Distinct(_));
            if plan.currency.is_none() && !counting {
                // Minor units of two currencies cannot be added: one row per currency, the
                // user's own first.
                select
                    .expr_as(col("currency"), "currency")
                    .group_by_col(("e", "currency"));
                select.order_by_expr(col("currency").eq(vocabulary.base_currency), Order::Desc);
            }
            measures(plan, &mut select);
            select
        }
    };
    select.to_string(SqliteQueryBuilder)
}

#[cfg(test)]
#[path = "sql_tests.rs"]
pub(super) mod tests;
