//! The budget question as SQL: each budget series' row in force for the month (the latest
//! `starts_on` not after it), against what was spent in the budget's currency and category.
//! Rollover from earlier months is not followed here; the budgets page shows it.

use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Cond, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};

use super::{
    Period, Plan,
    sql::{BUDGET, LABEL, SPENT, col, within},
};

pub fn budgets(plan: &Plan) -> SelectStatement {
    let month_start = NaiveDate::from_ymd_opt(plan.period.to.year(), plan.period.to.month(), 1)
        .unwrap_or(plan.period.to);
    let month = Period::month(month_start.year(), month_start.month(), plan.period.to)
        .unwrap_or_else(|| plan.period.clone());
    let budget_category = Expr::col(("b", "category_id"));
    let spent = Query::select()
        .expr(Func::coalesce([
            Func::sum(col("amount_minor")).into(),
            Expr::val(0),
        ]))
        .from_as("expenses", "e")
        .and_where(col("currency").equals(("b", "currency")))
        .and_where(within(&month))
        .cond_where(
            Cond::any()
                .add(budget_category.clone().is_null())
                .add(col("category_id").equals(("b", "category_id"))),
        )
        .to_owned();
    let latest = Query::select()
        .expr(Func::max(Expr::col(("later", "starts_on"))))
        .from_as("budgets", "later")
        .and_where(Expr::col(("later", "category_id")).is(budget_category.clone()))
        .and_where(Expr::col(("later", "starts_on")).lte(month_start.to_string()))
        .to_owned();
    let mut select = Query::select();
    select
        .expr_as(
            Func::coalesce([Expr::col(("c", "name")), Expr::val("All spending")]),
            LABEL,
        )
        .expr_as(Expr::col(("b", "currency")), "currency")
        .expr_as(Expr::col(("b", "amount_minor")), BUDGET)
        .expr_as(Expr::SubQuery(None, Box::new(spent.into())), SPENT)
        .from_as("budgets", "b")
        .join_as(
            JoinType::LeftJoin,
            "categories",
            "c",
            Expr::col(("c", "id")).equals(("b", "category_id")),
        )
        .and_where(Expr::col(("b", "starts_on")).eq(Expr::SubQuery(None, Box::new(latest.into()))))
        .order_by_expr(budget_category.is_null(), Order::Desc)
        .order_by_expr(Expr::col(LABEL), Order::Asc);
    if !plan.categories.is_empty() {
        select.and_where(
            Expr::col(("b", "category_id"))
                .is_in(plan.categories.iter().map(|category| category.id)),
        );
    }
    select
}
