//! From words to a plan: runs the recognisers in order (amounts before time so "between 5 and
//! 15" is money, names before intent so "grocery store" is a category), refuses when any word is
//! left unexplained, and applies a follow-up to the previous plan instead of starting afresh.

use chrono::{Datelike, Months, NaiveDate};

use super::{
    Bucket, DayFilter, Grouping, Measure, NotUnderstood, Plan, Vocabulary, amounts, answer,
    intent::{Intent, is_filler, is_incidental, read_intent},
    names,
    period::Period,
    time,
    tokens::{Tokens, number},
};

const FOLLOW_UPS: &[&str] = &[
    "and",
    "what about",
    "how about",
    "what of",
    "same for",
    "now",
    "also",
    "ok and",
    "then",
];

/// The period a question means when it names none: this month, except for a month-by-month
/// series (the last twelve months) and single expenses (all of them).
fn default_period(measure: Measure, grouping: Option<Grouping>, today: NaiveDate) -> Period {
    let this_month = Period::month(today.year(), today.month(), today);
    match (measure, grouping) {
        (Measure::List | Measure::Largest | Measure::Smallest, _) => Some(Period::all_time(today)),
        (_, Some(Grouping::Time(Bucket::Month))) => today
            .checked_sub_months(Months::new(11))
            .and_then(|start| start.with_day(1))
            .map(|start| Period::span(start, today, "in the last 12 months".to_string())),
        _ => this_month,
    }
    .unwrap_or_else(|| Period::all_time(today))
}

fn not_understood(unknown: &[String], vocabulary: &Vocabulary) -> NotUnderstood {
    let mut suggestions: Vec<String> = unknown
        .iter()
        .flat_map(|word| names::closest(word, vocabulary))
        .collect();
    suggestions.extend(answer::suggestions(vocabulary));
    suggestions.dedup();
    suggestions.truncate(6);
    let message = if unknown.is_empty() {
        "I can answer questions about your spending, such as totals, counts, top categories or merchants and budgets, but I did not understand this one.".to_string()
    } else {
        let quoted: Vec<String> = unknown.iter().map(|word| format!("\"{word}\"")).collect();
        format!(
            "I did not understand {} here: it is not one of your categories or merchants, nor a time, amount or kind of question I know.",
            quoted.join(", ")
        )
    };
    NotUnderstood {
        message,
        suggestions,
    }
}

/// "more than last month", "compared with the previous year": a lone period right after these
/// words is what the question compares against, not what it is about.
fn lone_comparison(tokens: &Tokens, mentions: &[(usize, Period)]) -> Option<Period> {
    let [(at, period)] = mentions else {
        return None;
    };
    let mut before = at.checked_sub(1)?;
    if tokens.word(before) == "the" {
        before = before.checked_sub(1)?;
    }
    let comparing = matches!(
        tokens.word(before),
        "than" | "with" | "to" | "against" | "vs" | "versus"
    );
    comparing.then(|| period.clone())
}

/// Which currency the plan sums in: the one named, the amount's, the previous question's when
/// it was named there, or none (one row per currency) where rows can be kept apart.
fn currency_for(
    plan: &Plan,
    named: Option<String>,
    previous: Option<&Plan>,
    base: &str,
) -> Option<String> {
    let inherited = previous
        .and_then(|previous| previous.currency.clone())
        .filter(|currency| currency != base);
    named
        .or_else(|| plan.amount.as_ref().map(|amount| amount.currency.clone()))
        .or(inherited)
        .or_else(|| {
            let single = plan.group_by.is_none() && plan.comparison.is_none();
            let per_currency = matches!(
                plan.measure,
                Measure::Total
                    | Measure::Average
                    | Measure::Count
                    | Measure::List
                    | Measure::Budget
            );
            (!(single && per_currency) && plan.group_by != Some(Grouping::Currency))
                .then(|| base.to_string())
        })
}

pub fn understand(
    question: &str,
    vocabulary: &Vocabulary,
    previous: Option<&Plan>,
) -> Result<Plan, NotUnderstood> {
    let today = vocabulary.today;
    let mut tokens = Tokens::new(question);
    let follow_up_marker = FOLLOW_UPS.iter().any(|marker| tokens.phrase_at(0, marker));
    let amount = amounts::read(&mut tokens, vocabulary.base_currency);
    // Keywords ("monthly", "weekly") and fillers are never time words in disguise.
    time::correct_typos(&mut tokens, |word| {
        let keyword = is_filler(word) || word.ends_with("ly");
        if keyword {
            0
        } else {
            names::distance_to_names(word, vocabulary)
        }
    });
    let mentions = time::read(&mut tokens, today);
    let against = lone_comparison(&tokens, &mentions);
    let periods: Vec<Period> = match against {
        Some(_) => Vec::new(),
        None => mentions.into_iter().map(|(_, period)| period).collect(),
    };
    let step_back = time::read_step_back(&mut tokens);
    // "weekends vs weekdays" splits the week rather than filtering it.
    let week_split =
        tokens.has_any(&["weekend", "weekends"]) && tokens.has_any(&["weekday", "weekdays"]);
    if week_split {
        tokens.take_any(&["weekends", "weekend", "weekdays", "weekday"]);
    }
    let days = time::read_days(&mut tokens);
    let currency = amounts::read_currency(&mut tokens, vocabulary.base_currency);
    let excluded = names::read_excluded(&mut tokens, vocabulary);
    let found = names::read(&mut tokens, vocabulary);
    let intent = read_intent(&mut tokens, periods.first());
    let unknown: Vec<String> = tokens
        .free()
        .filter(|(_, word)| !is_filler(word) && !is_incidental(word) && number(word).is_none())
        .map(|(_, word)| word.to_string())
        .collect();
    if !unknown.is_empty() {
        return Err(not_understood(&unknown, vocabulary));
    }
    let recognised = intent.measure.is_some()
        || intent.group_by.is_some()
        || intent.ranked
        || intent.compare
        || intent.spend_word;
    let named_time = !periods.is_empty() || against.is_some() || step_back;
    let week_split = week_split.then_some(Grouping::PartOfWeek);
    let filters = named_time
        || week_split.is_some()
        || !found.is_empty()
        || !excluded.is_empty()
        || amount.is_some()
        || days != DayFilter::All
        || currency.is_some();
    let anything = recognised || filters;
    // "How many?" on its own asks the last question again with another measure.
    let short_follow_up = recognised && !filters && tokens.len() <= 3;
    let follow_up =
        previous.is_some() && (follow_up_marker || (!recognised && anything) || short_follow_up);
    let mut plan = match previous {
        Some(previous) if follow_up => previous.clone(),
        _ if !anything => return Err(not_understood(&[], vocabulary)),
        _ => {
            let measure = intent.measure.unwrap_or(Measure::Total);
            Plan {
                measure,
                period: default_period(measure, intent.group_by, today),
                comparison: None,
                categories: Vec::new(),
                merchants: Vec::new(),
                excluded_categories: Vec::new(),
                excluded_merchants: Vec::new(),
                amount: None,
                days: DayFilter::All,
                currency: None,
                group_by: None,
                top_n: None,
                ascending: false,
                share: false,
            }
        }
    };
    if let Some(first) = periods.first() {
        plan.period = first.clone();
        plan.comparison = plan.comparison.as_ref().and_then(|_| first.before(today));
    }
    if step_back {
        match (previous, periods.is_empty()) {
            (Some(previous), true) if follow_up_marker || !recognised => {
                plan.period = previous
                    .period
                    .before(today)
                    .unwrap_or_else(|| previous.period.clone());
                plan.comparison = plan
                    .comparison
                    .as_ref()
                    .and_then(|_| plan.period.before(today));
            }
            _ => plan.comparison = plan.period.before(today),
        }
    }
    if let [first, second, ..] = periods.as_slice() {
        // "September and October" is one stretch of time unless the question compares them.
        let adjoining =
            first.from.is_some() && second.from.and_then(|from| from.pred_opt()) == Some(first.to);
        if adjoining && !intent.compare {
            if let Some(from) = first.from {
                plan.period =
                    Period::span(from, second.to, format!("from {from} to {}", second.to));
            }
        } else {
            plan.comparison = Some(second.clone());
        }
    } else if let Some(against) = against {
        if !follow_up && let Some(current) = Period::current(against.unit, today) {
            plan.period = current;
        }
        plan.comparison = Some(against);
    } else if intent.compare && found.merchants.len() + found.categories.len() >= 2 {
        // "Walmart vs Amazon" compares names within one period, side by side.
        plan.group_by = Some(if found.merchants.len() >= 2 {
            Grouping::Merchant
        } else {
            Grouping::Category
        });
    } else if intent.compare && week_split.is_none() && plan.comparison.is_none() {
        plan.comparison = plan.period.before(today);
    }
    if !found.is_empty() {
        plan.categories = found.categories;
        plan.merchants = found.merchants;
    }
    if !excluded.is_empty() {
        plan.excluded_categories = excluded.categories;
        plan.excluded_merchants = excluded.merchants;
    }
    if let Some(measure) = intent.measure {
        plan.measure = measure;
    }
    if let Some(grouping) = intent.group_by.or(week_split) {
        plan.group_by = Some(grouping);
    }
    if amount.is_some() {
        plan.amount = amount;
    }
    if days != DayFilter::All {
        plan.days = days;
    }
    if intent.share {
        plan.share = true;
    }
    apply_ranking(&mut plan, &intent);
    if !follow_up && !named_time && plan.comparison.is_none() {
        // Ranking may have turned the question into one about single expenses.
        plan.period = default_period(plan.measure, plan.group_by, today);
    }
    let previous = previous.filter(|_| follow_up);
    plan.currency = currency_for(&plan, currency, previous, vocabulary.base_currency);
    Ok(plan)
}

fn apply_ranking(plan: &mut Plan, intent: &Intent) {
    if intent.top_n.is_some() {
        plan.top_n = intent.top_n;
    }
    if !intent.ranked {
        return;
    }
    plan.ascending = intent.ascending;
    if plan.group_by.is_none() {
        if intent.quantity && matches!(plan.measure, Measure::Total | Measure::Count) {
            // "What did I spend the most on?" ranks categories, not single expenses.
            plan.group_by = Some(Grouping::Category);
        } else if intent.measure.is_none()
            && matches!(
                plan.measure,
                Measure::Total | Measure::Average | Measure::List
            )
        {
            plan.measure = if intent.ascending {
                Measure::Smallest
            } else {
                Measure::Largest
            };
        }
    }
    if plan.top_n.is_none() {
        plan.top_n = Some(if intent.plural { 5 } else { 1 });
    }
}

#[cfg(test)]
#[path = "understand_tests.rs"]
mod tests;
