//! Budget rows in words: what was spent of what was available, what is left or how far over,
//! and what rolled over from earlier months.

use super::{
    BudgetScope, Plan,
    amounts::format_money,
    budget_sql::{AVAILABLE, CARRIED, REMAINING},
    sql,
    wording::{Row, scope},
};

fn line(row: &Row) -> String {
    let currency = row.text("currency");
    let money = |column: &str| format_money(row.number(column), &currency);
    let (available, spent) = (row.number(AVAILABLE), row.number(sql::SPENT));
    let percent = if available > 0 {
        spent * 100 / available
    } else {
        0
    };
    let remaining = row.number(REMAINING);
    let state = if remaining < 0 {
        format!("{} over", format_money(-remaining, &currency))
    } else {
        format!("{} left", money(REMAINING))
    };
    let carried = match row.number(CARRIED) {
        0 => String::new(),
        carried if carried > 0 => format!(", {} rolled over", format_money(carried, &currency)),
        carried => format!(
            ", less {} overspent before",
            format_money(-carried, &currency)
        ),
    };
    format!(
        "{} {} of {} ({percent}%, {state}; budget {}{carried})",
        row.text(sql::LABEL),
        money(sql::SPENT),
        money(AVAILABLE),
        money(sql::BUDGET),
    )
}

pub fn answer(plan: &Plan, rows: &[Row]) -> String {
    let month = plan.period.label.trim_start_matches("in ");
    if rows.is_empty() {
        return match plan.budgets {
            BudgetScope::Over if plan.categories.is_empty() => {
                format!("You stayed within every budget {}.", plan.period.label)
            }
            _ => format!("You have no budget{} for {month}.", scope(plan)),
        };
    }
    let items: Vec<String> = rows.iter().map(line).collect();
    let opening = match (plan.budgets, items.len()) {
        (BudgetScope::Over, _) if plan.categories.is_empty() => "Budgets you went over",
        (_, 1) => "Your budget",
        _ => "Your budgets",
    };
    format!("{opening} {}: {}.", plan.period.label, items.join("; "))
}
