//! The budget question as SQL: each budget series' row in force for the month (the latest
//! `starts_on` not after its first day), what rolled over into it, and what was spent in the
//! budget's currency and category, as SpendWise's budget page computes them.
//!
//! Rollover without recursion: what a month inherits is the sum, over the unbroken run of
//! earlier months whose row in force rolls over (in the same currency), of each month's amount
//! less its spending; so it is one sum of amounts (each row times the months it was in force)
//! less one sum of spending over the run.

use chrono::{Datelike, Months, NaiveDate};
use sea_orm::sea_query::{Cond, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};

use super::{
    BudgetScope, Plan,
    expressions::{call, col},
    sql::{BUDGET, LABEL, SPENT},
};

pub const CARRIED: &str = "carried_minor";
pub const AVAILABLE: &str = "available_minor";
pub const REMAINING: &str = "remaining_minor";
pub const OVER: &str = "over_budget";

fn scalar(select: SelectStatement) -> Expr {
    Expr::SubQuery(None, Box::new(select.into()))
}

fn text(date: NaiveDate) -> Expr {
    Expr::val(date.to_string())
}

/// `alias`'s row belongs to the same series (category, or overall) as the budget `b`.
fn same_series(alias: &'static str, of: &'static str) -> Expr {
    let series = |table: &'static str| {
        Expr::from(Func::coalesce([
            Expr::col((table, "category_id")),
            Expr::val(0),
        ]))
    };
    series(alias).eq(series(of))
}

/// A month as a number (year × 12 + month), so months in force can be subtracted.
fn month_index(date: Expr) -> Expr {
    call("strftime", vec![Expr::val("%Y"), date.clone()])
        .mul(12)
        .add(call("strftime", vec![Expr::val("%m"), date]))
}

/// What budget `b` counts as spent from `from` (inclusive) to `before` (exclusive).
fn spent(from: Expr, before: Expr) -> Expr {
    let select = Query::select()
        .expr(Func::coalesce([
            Func::sum(col("amount_minor")).into(),
            Expr::val(0),
        ]))
        .from_as("expenses", "e")
        .and_where(col("currency").equals(("b", "currency")))
        .and_where(col("spent_on").gte(from))
        .and_where(col("spent_on").lt(before))
        .cond_where(
            Cond::any()
                .add(Expr::col(("b", "category_id")).is_null())
                .add(col("category_id").equals(("b", "category_id"))),
        )
        .to_owned();
    scalar(select)
}

/// Rows of `b`'s series in the unbroken rollover run that ends in the month before `month`.
fn rollover_run(alias: &'static str, previous_month: NaiveDate) -> Cond {
    let broken = Query::select()
        .expr(Func::max(Expr::col(("k", "starts_on"))))
        .from_as("budgets", "k")
        .and_where(same_series("k", "b"))
        .and_where(Expr::col(("k", "starts_on")).lte(text(previous_month)))
        .cond_where(
            Cond::any()
                .add(Expr::col(("k", "rollover")).eq(0))
                .add(Expr::col(("k", "currency")).ne(Expr::col(("b", "currency")))),
        )
        .to_owned();
    Cond::all()
        .add(same_series(alias, "b"))
        .add(Expr::col((alias, "starts_on")).lte(text(previous_month)))
        .add(Expr::col((alias, "starts_on")).gt(Func::coalesce([scalar(broken), Expr::val("")])))
}

/// What rolled over into `month` for budget `b`: the run's amounts less its spending.
fn carried(month: NaiveDate) -> Expr {
    let previous_month = month.checked_sub_months(Months::new(1)).unwrap_or(month);
    let this_month = Expr::val(i64::from(month.year()) * 12 + i64::from(month.month()));
    let next_start = Query::select()
        .expr(Func::min(Expr::col(("n", "starts_on"))))
        .from_as("budgets", "n")
        .and_where(same_series("n", "r"))
        .and_where(Expr::col(("n", "starts_on")).gt(Expr::col(("r", "starts_on"))))
        .to_owned();
    let until = call(
        "min",
        vec![
            Func::coalesce([month_index(scalar(next_start)), this_month.clone()]).into(),
            this_month,
        ],
    );
    let months_in_force = until.sub(month_index(Expr::col(("r", "starts_on"))));
    let allotted = Query::select()
        .expr(Func::sum(
            Expr::col(("r", "amount_minor")).mul(months_in_force),
        ))
        .from_as("budgets", "r")
        .cond_where(rollover_run("r", previous_month))
        .to_owned();
    let run_start = Query::select()
        .expr(Func::min(Expr::col(("r", "starts_on"))))
        .from_as("budgets", "r")
        .cond_where(rollover_run("r", previous_month))
        .to_owned();
    Expr::from(Func::coalesce([scalar(allotted), Expr::val(0)]))
        .sub(spent(scalar(run_start), text(month)))
}

/// Each budget in force in the month of the plan's period (or those it names), in the columns
/// of SpendWise's budget status.
pub fn budgets(plan: &Plan) -> SelectStatement {
    let month = NaiveDate::from_ymd_opt(plan.period.to.year(), plan.period.to.month(), 1)
        .unwrap_or(plan.period.to);
    let next_month = month.checked_add_months(Months::new(1)).unwrap_or(month);
    let latest = Query::select()
        .expr(Func::max(Expr::col(("later", "starts_on"))))
        .from_as("budgets", "later")
        .and_where(same_series("later", "b"))
        .and_where(Expr::col(("later", "starts_on")).lte(text(month)))
        .to_owned();
    let mut rows = Query::select();
    rows.expr_as(
        Func::coalesce([Expr::col(("c", "name")), Expr::val("All spending")]),
        LABEL,
    )
    .expr_as(Expr::col(("b", "category_id")), "category_id")
    .expr_as(Expr::col(("b", "currency")), "currency")
    .expr_as(Expr::col(("b", "amount_minor")), BUDGET)
    .expr_as(carried(month), CARRIED)
    .expr_as(spent(text(month), text(next_month)), SPENT)
    .from_as("budgets", "b")
    .join_as(
        JoinType::LeftJoin,
        "categories",
        "c",
        Expr::col(("c", "id")).equals(("b", "category_id")),
    )
    .and_where(Expr::col(("b", "starts_on")).eq(scalar(latest)));
    if !plan.categories.is_empty() {
        rows.and_where(
            Expr::col(("b", "category_id"))
                .is_in(plan.categories.iter().map(|category| category.id)),
        );
    } else if plan.budgets == BudgetScope::Overall {
        // "My budget" is the overall one, or every budget for a user without one.
        let overall = Query::select()
            .expr(Expr::val(1))
            .from_as("budgets", "o")
            .and_where(Expr::col(("o", "category_id")).is_null())
            .and_where(Expr::col(("o", "starts_on")).lte(text(month)))
            .to_owned();
        rows.cond_where(
            Cond::any()
                .add(Expr::col(("b", "category_id")).is_null())
                .add(Expr::exists(overall).not()),
        );
    }
    let field = |name: &'static str| Expr::col(("s", name));
    let available = field(BUDGET).add(field(CARRIED));
    let mut select = Query::select();
    select
        .expr_as(field(LABEL), LABEL)
        .expr_as(field("currency"), "currency")
        .expr_as(field(BUDGET), BUDGET)
        .expr_as(field(CARRIED), CARRIED)
        .expr_as(available.clone(), AVAILABLE)
        .expr_as(field(SPENT), SPENT)
        .expr_as(available.clone().sub(field(SPENT)), REMAINING)
        .expr_as(field(SPENT).gt(available.clone()), OVER)
        .from_subquery(rows, "s")
        .order_by_expr(field("category_id").is_null(), Order::Desc)
        .order_by_expr(field(LABEL), Order::Asc);
    if plan.categories.is_empty() && plan.budgets == BudgetScope::Over {
        select.and_where(field(SPENT).gt(available));
    }
    select
}

#[cfg(test)]
#[path = "budget_sql_tests.rs"]
mod tests;
