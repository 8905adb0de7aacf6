//! The one-sentence answer to a plan's rows, and questions to offer from the user's own data.

use serde_json::Value;

use super::{
    Bucket, Grouping, Measure, Plan, Vocabulary,
    amounts::format_money,
    budget_answer, sql,
    wording::{Row, change, expense_line, join, money, plural, scope},
};

fn grouping_noun(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::Category => "category",
        Grouping::Merchant => "merchant",
        Grouping::Time(Bucket::Day) => "day",
        Grouping::Time(Bucket::Week) => "week",
        Grouping::Time(Bucket::Month) => "month",
        Grouping::Weekday => "day of the week",
        Grouping::PartOfWeek => "part of the week",
        Grouping::Currency => "currency",
    }
}

fn grouped_answer(
    plan: &Plan,
    grouping: Grouping,
    rows: &[Row],
    vocabulary: &Vocabulary,
) -> String {
    let period = &plan.period.label;
    let scope = scope(plan);
    let column = sql::value_column(plan.measure);
    let show = |row: &Row| match plan.measure {
        Measure::Count => plural(row.number(sql::COUNT), "expense"),
        Measure::Distinct(_) => row.number(sql::DISTINCT).to_string(),
        _ => money(row, column, plan, vocabulary),
    };
    if plan.share && grouping == Grouping::Category && !plan.categories.is_empty() {
        return share_answer(plan, rows, vocabulary);
    }
    if let Some(comparison) = &plan.comparison {
        let currency = plan
            .currency
            .clone()
            .unwrap_or_else(|| vocabulary.base_currency.to_string());
        let items: Vec<String> = rows
            .iter()
            .take(8)
            .map(|row| {
                format!(
                    "{} {} vs {}",
                    row.text(sql::LABEL),
                    format_money(row.number(sql::TOTAL), &currency),
                    format_money(row.number(sql::PREVIOUS_TOTAL), &currency)
                )
            })
            .collect();
        return format!(
            "By {}{scope}, {period} vs {}: {}.",
            grouping_noun(grouping),
            comparison.label,
            items.join("; ")
        );
    }
    if let ([top], Some(1)) = (rows, plan.top_n) {
        let most = if plan.ascending { "least" } else { "most" };
        let preposition = match grouping {
            Grouping::Merchant => "at",
            Grouping::Time(Bucket::Week) => "in the week of",
            Grouping::Time(Bucket::Month) => "in",
            _ => "on",
        };
        let count = plural(top.number(sql::COUNT), "expense");
        let label = top.text(sql::LABEL);
        return match plan.measure {
            Measure::Count => format!(
                "You had the {most} expenses {preposition} {label}{scope} {period} ({count})."
            ),
            _ => format!(
                "You spent the {most} {preposition} {label}{scope} {period}: {} ({count}).",
                show(top)
            ),
        };
    }
    let items: Vec<String> = rows
        .iter()
        .take(10)
        .map(|row| format!("{} {}", row.text(sql::LABEL), show(row)))
        .collect();
    let more = if rows.len() > 10 {
        format!(" and {} more", rows.len() - 10)
    } else {
        String::new()
    };
    format!(
        "{}{scope} {period} by {}: {}{more}.",
        match plan.measure {
            Measure::Count => "Your expenses",
            Measure::Average | Measure::AveragePer(_) => "Your average expense",
            _ => "Your spending",
        },
        grouping_noun(grouping),
        items.join(", ")
    )
}

/// "Housing was 90% of your spending this year (4,500.00 USD of 4,982.49 USD)."
fn share_answer(plan: &Plan, rows: &[Row], vocabulary: &Vocabulary) -> String {
    let currency = plan
        .currency
        .clone()
        .unwrap_or_else(|| vocabulary.base_currency.to_string());
    let whole: i64 = rows.iter().map(|row| row.number(sql::TOTAL)).sum();
    let part: i64 = rows
        .iter()
        .filter(|row| {
            plan.categories
                .iter()
                .any(|category| category.name == row.text(sql::LABEL))
        })
        .map(|row| row.number(sql::TOTAL))
        .sum();
    let names: Vec<String> = plan
        .categories
        .iter()
        .map(|category| category.name.clone())
        .collect();
    let percent = if whole > 0 { part * 100 / whole } else { 0 };
    format!(
        "{} {} {percent}% of your spending {} ({} of {}).",
        join(&names),
        if names.len() == 1 { "was" } else { "were" },
        plan.period.label,
        format_money(part, &currency),
        format_money(whole, &currency)
    )
}

/// One sentence that answers the question `plan` came from, given the rows its SQL returned.
pub fn answer(
    plan: &Plan,
    columns: &[String],
    rows: &[Vec<Value>],
    vocabulary: &Vocabulary,
) -> String {
    let rows: Vec<Row> = rows.iter().map(|cells| Row { columns, cells }).collect();
    let period = &plan.period.label;
    let scope = scope(plan);
    if plan.measure == Measure::Budget {
        return budget_answer::answer(plan, &rows);
    }
    if let Some(grouping) = plan.group_by.filter(|_| {
        !matches!(
            plan.measure,
            Measure::List | Measure::Largest | Measure::Smallest
        )
    }) {
        if rows.is_empty() {
            return format!("You have no expenses{scope} {period}.");
        }
        return grouped_answer(plan, grouping, &rows, vocabulary);
    }
    match plan.measure {
        Measure::Largest | Measure::Smallest | Measure::List => {
            let lines: Vec<String> = rows
                .iter()
                .map(|row| expense_line(row, plan, vocabulary))
                .collect();
            let adjective = match plan.measure {
                Measure::Largest => "biggest",
                Measure::Smallest => "smallest",
                _ => "latest",
            };
            match lines.as_slice() {
                [] => format!("You have no expenses{scope} {period}."),
                [one] if plan.top_n == Some(1) || plan.measure != Measure::List => {
                    format!("Your {adjective} expense{scope} {period} was {one}.")
                }
                _ if plan.measure == Measure::List && plan.top_n.is_none() => format!(
                    "You have {}{scope} {period}, the latest {}.",
                    plural(lines.len() as i64, "expense"),
                    lines.first().map_or("", String::as_str)
                ),
                _ => format!(
                    "Your {} {adjective} expenses{scope} {period}: {}.",
                    lines.len(),
                    lines.join("; ")
                ),
            }
        }
        _ => single_answer(plan, &rows, vocabulary),
    }
}

fn single_answer(plan: &Plan, rows: &[Row], vocabulary: &Vocabulary) -> String {
    let period = &plan.period.label;
    let scope = scope(plan);
    let Some(first) = rows.first().filter(|row| row.number(sql::COUNT) > 0) else {
        return match plan.measure {
            Measure::Count | Measure::Distinct(_) => {
                format!("You had no expenses{scope} {period}.")
            }
            _ => format!("You spent nothing{scope} {period}."),
        };
    };
    if let Some(comparison) = &plan.comparison {
        let currency = plan
            .currency
            .clone()
            .unwrap_or_else(|| vocabulary.base_currency.to_string());
        let (current, previous) = (first.number(sql::TOTAL), first.number(sql::PREVIOUS_TOTAL));
        return format!(
            "You spent {}{scope} {period} and {} {}: {}.",
            format_money(current, &currency),
            format_money(previous, &currency),
            comparison.label,
            change(current, previous, &currency)
        );
    }
    let others: Vec<String> = rows
        .iter()
        .skip(1)
        .map(|row| {
            format!(
                "{} ({})",
                money(row, sql::value_column(plan.measure), plan, vocabulary),
                plural(row.number(sql::COUNT), "expense")
            )
        })
        .collect();
    let plus = if others.is_empty() {
        String::new()
    } else {
        format!(", plus {}", join(&others))
    };
    let count = plural(first.number(sql::COUNT), "expense");
    // Money shows its currency; a count says it when the question named one.
    let currency = plan
        .currency
        .as_ref()
        .filter(|currency| *currency != vocabulary.base_currency)
        .map_or(String::new(), |currency| format!(" in {currency}"));
    match plan.measure {
        Measure::Count => format!("You had {count}{currency}{scope} {period}."),
        Measure::Distinct(counted) => {
            let distinct = first.number(sql::DISTINCT);
            let (preposition, one, many) = match counted {
                Grouping::Merchant => ("at", "merchant", "merchants"),
                Grouping::Category => ("in", "category", "categories"),
                Grouping::Time(Bucket::Day) => ("on", "day", "days"),
                Grouping::Time(Bucket::Week) => ("in", "week", "weeks"),
                Grouping::Time(Bucket::Month) => ("in", "month", "months"),
                Grouping::Currency => ("in", "currency", "currencies"),
                Grouping::Weekday | Grouping::PartOfWeek => {
                    ("on", "day of the week", "days of the week")
                }
            };
            let noun = if distinct == 1 { one } else { many };
            format!(
                "You spent {preposition} {distinct} different {noun}{scope} {period} ({count})."
            )
        }
        Measure::Average => format!(
            "Your average expense{scope} {period} was {} ({count}){plus}.",
            money(first, sql::AVERAGE, plan, vocabulary)
        ),
        Measure::AveragePer(bucket) => {
            let unit = grouping_noun(Grouping::Time(bucket));
            format!(
                "You spent on average {} per {unit}{scope} {period} ({} in total){plus}.",
                money(first, sql::AVERAGE, plan, vocabulary),
                money(first, sql::TOTAL, plan, vocabulary)
            )
        }
        _ => format!(
            "You spent {}{scope} {period} ({count}){plus}.",
            money(first, sql::TOTAL, plan, vocabulary)
        ),
    }
}

/// Four to six questions built from the user's own categories and merchants.
pub fn suggestions(vocabulary: &Vocabulary) -> Vec<String> {
    let mut questions = Vec::new();
    if let Some((_, category)) = vocabulary.categories.first() {
        questions.push(format!("How much did I spend on {category} last month?"));
    }
    if let Some(merchant) = vocabulary.merchants.first() {
        questions.push(format!("How much did I spend at {merchant} this year?"));
    }
    questions.push("How much did I spend this month compared to last month?".to_string());
    questions.push("What are my top 5 merchants this year?".to_string());
    questions.push("Show my spending by category this month".to_string());
    questions.push("What was my biggest expense last month?".to_string());
    questions.truncate(6);
    questions
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
