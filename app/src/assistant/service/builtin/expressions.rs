//! The pieces plans are built from in SQL: columns of the expense alias `e`, allow-listed
//! function calls, a plan's conditions and the label of each grouping.

use sea_orm::sea_query::{Cond, Condition, Expr, ExprTrait, Func};

use super::{Bucket, DayFilter, Grouping, Period, Plan};

pub fn col(column: &'static str) -> Expr {
    Expr::col(("e", column))
}

pub fn call(name: &'static str, args: Vec<Expr>) -> Expr {
    Func::cust(name).args(args).into()
}

pub fn within(period: &Period) -> Expr {
    let to = Expr::val(period.to.to_string());
    match period.from {
        Some(from) => col("spent_on").between(Expr::val(from.to_string()), to),
        None => col("spent_on").lte(to),
    }
}

/// Every filter of the plan except the currency, which budgets apply per budget.
pub fn filters(plan: &Plan) -> Condition {
    let mut condition = Cond::all();
    condition = condition.add(match &plan.comparison {
        Some(comparison) => Cond::any()
            .add(within(&plan.period))
            .add(within(comparison)),
        None => Cond::all().add(within(&plan.period)),
    });
    // A share of the whole needs the whole: the named categories are picked out by the answer.
    let share_of_whole = plan.share && plan.group_by == Some(Grouping::Category);
    if !plan.categories.is_empty() && !share_of_whole {
        condition = condition
            .add(col("category_id").is_in(plan.categories.iter().map(|category| category.id)));
    }
    if !plan.merchants.is_empty() {
        let merchants = plan
            .merchants
            .iter()
            .map(|merchant| merchant.to_lowercase());
        condition = condition.add(call("lower", vec![col("merchant")]).is_in(merchants));
    }
    if !plan.excluded_categories.is_empty() {
        let ids = plan.excluded_categories.iter().map(|category| category.id);
        condition = condition.add(col("category_id").is_not_in(ids));
    }
    if !plan.excluded_merchants.is_empty() {
        let merchants = plan
            .excluded_merchants
            .iter()
            .map(|merchant| merchant.to_lowercase());
        condition = condition.add(call("lower", vec![col("merchant")]).is_not_in(merchants));
    }
    if let Some(amount) = &plan.amount {
        let amount_minor = col("amount_minor");
        if let Some(min) = amount.min_minor {
            condition = condition.add(match amount.min_exclusive {
                true => amount_minor.clone().gt(min),
                false => amount_minor.clone().gte(min),
            });
        }
        if let Some(max) = amount.max_minor {
            condition = condition.add(match amount.max_exclusive {
                true => amount_minor.lt(max),
                false => amount_minor.lte(max),
            });
        }
    }
    // Tags and note words are letters and digits (see `filters`), so no `%` or `_` to escape.
    for tag in &plan.tags {
        // Tags are stored as a JSON array of strings: match the quoted tag.
        let quoted = format!("%\"{}\"%", tag.to_lowercase());
        condition = condition.add(call("lower", vec![col("tags")]).like(quoted));
    }
    if let Some(note) = &plan.note {
        let pattern = format!("%{}%", note.to_lowercase());
        condition = condition.add(call("lower", vec![col("note")]).like(pattern));
    }
    if let Some(receipt) = plan.receipt {
        condition = condition.add(col("has_receipt").eq(i32::from(receipt)));
    }
    let weekday = || call("strftime", vec![Expr::val("%w"), col("spent_on")]);
    match plan.days {
        DayFilter::All => {}
        DayFilter::Weekends => condition = condition.add(weekday().is_in(["0", "6"])),
        DayFilter::Weekdays => condition = condition.add(weekday().is_not_in(["0", "6"])),
        DayFilter::Only(day) => condition = condition.add(weekday().eq(day.to_string())),
    }
    condition
}

pub fn label(grouping: Grouping) -> Expr {
    match grouping {
        Grouping::Category => {
            Func::coalesce([Expr::col(("c", "name")), Expr::val("Uncategorised")]).into()
        }
        Grouping::Merchant => Func::coalesce([
            call(
                "nullif",
                vec![call("trim", vec![col("merchant")]), Expr::val("")],
            ),
            Expr::val("(no merchant)"),
        ])
        .into(),
        Grouping::Currency => col("currency"),
        Grouping::Time(Bucket::Day) => col("spent_on"),
        Grouping::Time(Bucket::Week) => call(
            "date",
            vec![
                col("spent_on"),
                Expr::val("weekday 0"),
                Expr::val("-6 days"),
            ],
        ),
        Grouping::Time(Bucket::Month) => {
            call("strftime", vec![Expr::val("%Y-%m"), col("spent_on")])
        }
        Grouping::PartOfWeek => {
            let weekday = call("strftime", vec![Expr::val("%w"), col("spent_on")]);
            Expr::case(weekday.is_in(["0", "6"]), "Weekends")
                .finally("Weekdays")
                .into()
        }
        Grouping::Weekday => {
            let names = [
                "Sunday",
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
            ];
            let weekday = || call("strftime", vec![Expr::val("%w"), col("spent_on")]);
            let mut case = Expr::case(weekday().eq("0"), names[0]);
            for (day, name) in names.iter().enumerate().skip(1) {
                case = case.case(weekday().eq(day.to_string()), *name);
            }
            case.into()
        }
    }
}
