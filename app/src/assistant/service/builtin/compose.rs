//! From what a question says to a plan: a fresh one, or the previous question's plan with what
//! a follow-up restates replaced ("and the month before?" keeps the category, moves the period).

use chrono::{Datelike, NaiveDate};

use super::{
    DayFilter, Grouping, Measure, Plan, Vocabulary,
    intent::Intent,
    period::{Period, PeriodUnit},
    understand::Reading,
};

/// The period a question means when it names none: all the data, except for budgets and
/// changes ("how has my spending changed?"), which are about this month.
fn default_period(measure: Measure, compare: bool, today: NaiveDate) -> Period {
    match measure {
        _ if compare => Period::month(today.year(), today.month(), today),
        Measure::Budget => Period::month(today.year(), today.month(), today),
        _ => None,
    }
    .unwrap_or_else(|| Period::all_time(today))
}

/// Which currency the plan sums in: the one named, the amount's, the previous question's when
/// it was named there, or none (one row per currency, or counts across all of them) where rows
/// can be kept apart.
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
            let counting = matches!(plan.measure, Measure::Count | Measure::Distinct(_))
                && plan.comparison.is_none();
            let per_currency = matches!(
                plan.measure,
                Measure::Total | Measure::Average | Measure::List | Measure::Budget
            );
            let apart = (single && per_currency) || plan.group_by == Some(Grouping::Currency);
            (!counting && !apart).then(|| base.to_string())
        })
}

pub fn plan(reading: Reading, vocabulary: &Vocabulary, previous: Option<&Plan>) -> Option<Plan> {
    let today = vocabulary.today;
    let intent = &reading.intent;
    let recognised = intent.measure.is_some()
        || intent.group_by.is_some()
        || reading.grouping.is_some()
        || intent.ranked
        || intent.compare
        || intent.spend_word;
    let named_time = !reading.periods.is_empty() || reading.against.is_some() || reading.step_back;
    let carried = &reading.carried;
    let filters = named_time
        || reading.week_split
        || !reading.found.is_empty()
        || !reading.excluded.is_empty()
        || reading.amount.is_some()
        || reading.days != DayFilter::All
        || reading.currency.is_some()
        || !carried.tags.is_empty()
        || carried.note.is_some()
        || carried.receipt.is_some();
    let anything = recognised || filters;
    // "How many?" on its own asks the last question again with another measure.
    let short_follow_up = recognised && !filters && reading.words <= 3;
    let follow_up = previous.is_some()
        && (reading.follow_up_marker || (!recognised && anything) || short_follow_up);
    let mut plan = match previous {
        Some(previous) if follow_up => previous.clone(),
        _ if !anything => return None,
        _ => {
            let measure = intent.measure.unwrap_or(Measure::Total);
            Plan::new(measure, default_period(measure, intent.compare, today))
        }
    };
    let stepped_back_from_previous = reading.step_back
        && reading.periods.is_empty()
        && (reading.follow_up_marker || !recognised);
    periods(
        &mut plan,
        &reading,
        previous.filter(|_| stepped_back_from_previous),
        today,
    );
    if reading.against.is_none()
        && reading.periods.len() < 2
        && intent.compare
        && reading.found.merchants.len() + reading.found.categories.len() >= 2
    {
        // "Walmart vs Amazon" compares names within one period, side by side.
        plan.comparison = None;
        plan.group_by = Some(if reading.found.merchants.len() >= 2 {
            Grouping::Merchant
        } else {
            Grouping::Category
        });
    }
    // "more than last month": this month, against the last.
    let current = reading
        .against
        .as_ref()
        .and_then(|against| Period::current(against.unit, today));
    if let Some(current) = current.filter(|_| !follow_up) {
        plan.period = current;
    }
    narrow(&mut plan, &reading);
    apply_ranking(&mut plan, intent);
    if !follow_up && !named_time && plan.comparison.is_none() {
        // Ranking may have turned the question into one about single expenses.
        plan.period = default_period(plan.measure, false, today);
    }
    if let Some(comparison) = plan.comparison.take() {
        // Earlier first, so "previous" is the earlier period and the change is later − earlier.
        plan.comparison = Some(if comparison.from > plan.period.from {
            std::mem::replace(&mut plan.period, comparison)
        } else {
            comparison
        });
    }
    let previous = previous.filter(|_| follow_up);
    plan.currency = currency_for(&plan, reading.currency, previous, vocabulary.base_currency);
    Some(plan)
}

/// The period of the plan and the one it is compared with.
fn periods(plan: &mut Plan, reading: &Reading, stepped_from: Option<&Plan>, today: NaiveDate) {
    let intent = &reading.intent;
    if reading.same_period {
        // "this year than the same period last year": the same days, a year earlier. The
        // "last year" said there only points back.
        let year_ago = |period: &&Period| {
            period.unit == PeriodUnit::Year && period.to.year() == today.year() - 1
        };
        match reading.periods.iter().find(|period| !year_ago(period)) {
            Some(period) => plan.period = period.clone(),
            None if plan.period.from.is_none() => {
                plan.period =
                    Period::current(PeriodUnit::Year, today).unwrap_or_else(|| plan.period.clone())
            }
            None => {}
        }
        plan.comparison = plan.period.year_earlier();
        return;
    }
    if let Some(first) = reading.periods.first() {
        plan.period = first.clone();
        plan.comparison = plan.comparison.as_ref().and_then(|_| first.before(today));
    }
    if reading.step_back {
        match stepped_from {
            Some(previous) => {
                plan.period = previous
                    .period
                    .before(today)
                    .unwrap_or_else(|| previous.period.clone());
                plan.comparison = plan
                    .comparison
                    .as_ref()
                    .and_then(|_| plan.period.before(today));
            }
            None => plan.comparison = plan.period.before(today),
        }
    }
    if let [first, second, ..] = reading.periods.as_slice() {
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
    } else if let Some(against) = &reading.against {
        plan.comparison = Some(against.clone());
    } else if intent.compare && !reading.week_split && plan.comparison.is_none() {
        plan.comparison = plan.period.before(today);
    }
}

/// Names, amounts, days, tags and groupings the question states replace the plan's.
fn narrow(plan: &mut Plan, reading: &Reading) {
    let intent = &reading.intent;
    if !reading.found.is_empty() {
        plan.categories = reading.found.categories.clone();
        plan.merchants = reading.found.merchants.clone();
    }
    if !reading.excluded.is_empty() {
        plan.excluded_categories = reading.excluded.categories.clone();
        plan.excluded_merchants = reading.excluded.merchants.clone();
    }
    if let Some(measure) = intent.measure {
        plan.measure = measure;
        if measure == Measure::Budget {
            plan.budgets = intent.budgets;
        }
    }
    let week_split = reading.week_split.then_some(Grouping::PartOfWeek);
    if let Some(grouping) = reading.grouping.or(intent.group_by).or(week_split) {
        plan.group_by = Some(grouping);
    }
    if reading.amount.is_some() {
        plan.amount = reading.amount.clone();
    }
    if reading.days != DayFilter::All {
        plan.days = reading.days;
    }
    let carried = &reading.carried;
    if !carried.tags.is_empty() {
        plan.tags = carried.tags.clone();
    }
    if carried.note.is_some() {
        plan.note = carried.note.clone();
    }
    if carried.receipt.is_some() {
        plan.receipt = carried.receipt;
    }
    if intent.share {
        plan.share = true;
    }
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
                Measure::Total
                    | Measure::Average
                    | Measure::List
                    | Measure::Largest
                    | Measure::Smallest
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
#[path = "compose_tests.rs"]
mod tests;
