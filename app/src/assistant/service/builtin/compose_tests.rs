use super::super::{BudgetScope, Grouping, Measure, understand::tests::Words};

fn span(plan: &super::Plan) -> (String, String) {
    (
        plan.period
            .from
            .map(|from| from.to_string())
            .unwrap_or_default(),
        plan.period.to.to_string(),
    )
}

fn compared(plan: &super::Plan) -> Option<(String, String)> {
    let comparison = plan.comparison.as_ref()?;
    Some((comparison.from?.to_string(), comparison.to.to_string()))
}

fn days(from: &str, to: &str) -> (String, String) {
    (from.to_string(), to.to_string())
}

#[test]
fn the_earlier_period_is_always_the_one_compared_against() {
    let words = Words::new();
    let plan = words.plan("october vs september");
    assert_eq!(span(&plan), days("2026-10-01", "2026-10-31"));
    assert_eq!(compared(&plan), Some(days("2026-09-01", "2026-09-30")));
    let plan = words.plan("groceries in 2024 compared with 2025");
    assert_eq!(span(&plan), days("2025-01-01", "2025-12-31"));
    assert_eq!(compared(&plan), Some(days("2024-01-01", "2024-12-31")));
}

#[test]
fn comparisons_from_ranges_alternatives_and_the_same_period() {
    let words = Words::new();
    let plan = words.plan("did groceries go down from august to september");
    assert_eq!(span(&plan), days("2026-09-01", "2026-09-30"));
    assert_eq!(compared(&plan), Some(days("2026-08-01", "2026-08-31")));
    let plan = words.plan("was more spent in h1 2025 or h2 2025");
    assert_eq!(span(&plan), days("2025-07-01", "2025-12-31"));
    assert_eq!(compared(&plan), Some(days("2025-01-01", "2025-06-30")));
    let plan = words.plan("did I spend more at lyft in march or april 2025");
    assert_eq!(span(&plan), days("2025-04-01", "2025-04-30"));
    assert_eq!(compared(&plan), Some(days("2025-03-01", "2025-03-31")));
    let plan = words.plan("dining this month against the same period last year");
    assert_eq!(span(&plan), days("2026-11-01", "2026-11-23"));
    assert_eq!(compared(&plan), Some(days("2025-11-01", "2025-11-23")));
}

#[test]
fn without_a_period_everything_counts_except_for_budgets() {
    let words = Words::new();
    assert_eq!(
        words.plan("how many transactions in euros").period.from,
        None
    );
    assert_eq!(words.plan("biggest lyft ride").period.from, None);
    let plan = words.plan("has my grocery spending gone up");
    assert_eq!(span(&plan), days("2026-11-01", "2026-11-23"));
    assert_eq!(compared(&plan), Some(days("2026-10-01", "2026-10-31")));
    assert_eq!(words.plan("lyft versus bvg").period.from, None);
    let plan = words.plan("how is my budget looking");
    assert_eq!(
        (plan.budgets, plan.period.label.as_str()),
        (BudgetScope::Overall, "this month")
    );
}

#[test]
fn follow_ups_change_only_what_they_say() {
    let words = Words::new();
    let first = words.plan("biggest expense last month");
    let second = words.after("and the cheapest?", &first);
    assert_eq!(
        (second.measure, second.period.label.as_str()),
        (Measure::Smallest, "last month")
    );
    let first = words.plan("top 5 merchants this year");
    let second = words.after("by count instead", &first);
    assert_eq!(
        (second.measure, second.group_by, second.top_n),
        (Measure::Count, Some(Grouping::Merchant), Some(5))
    );
    let first = words.plan("travel budget in september");
    let second = words.after("what about health?", &first);
    assert_eq!(
        (second.measure, second.categories.len()),
        (Measure::Budget, 1)
    );
    assert_eq!(second.categories[0].name, "Health");
}

#[test]
fn names_set_against_each_other_are_grouped_side_by_side() {
    let words = Words::new();
    let plan = words.plan("starbucks vs whole foods last month");
    assert_eq!(
        (plan.group_by, plan.comparison),
        (Some(Grouping::Merchant), None)
    );
    let plan = words.plan("dining versus groceries");
    assert_eq!(plan.group_by, Some(Grouping::Category));
}

#[test]
fn a_named_currency_carries_into_follow_ups() {
    let words = Words::new();
    let first = words.plan("how much in dollars this month");
    assert_eq!(
        words.after("and last month?", &first).currency.as_deref(),
        Some("USD")
    );
    let fresh = words.plan("how much this month");
    assert_eq!(words.after("and last month?", &fresh).currency, None);
}
