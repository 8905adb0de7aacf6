use super::super::{Bucket, Category, Grouping, Measure};
use super::*;
use chrono::NaiveDate;

/// A user's names, shared with `compose_tests`; today is Monday 23 November 2026.
pub struct Words {
    categories: Vec<(i64, String)>,
    merchants: Vec<String>,
}

impl Words {
    pub fn new() -> Self {
        let names = [
            "Dining",
            "Groceries",
            "Transport",
            "Housing",
            "Travel",
            "Health",
        ];
        let categories = names
            .iter()
            .enumerate()
            .map(|(index, name)| (index as i64 + 1, name.to_string()))
            .collect();
        let merchants = ["Starbucks", "Whole Foods", "Lyft", "BVG", "Macy's"]
            .map(String::from)
            .to_vec();
        Self {
            categories,
            merchants,
        }
    }

    pub fn vocabulary(&self) -> Vocabulary<'_> {
        Vocabulary {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            base_currency: "EUR",
            categories: &self.categories,
            merchants: &self.merchants,
        }
    }

    pub fn plan(&self, question: &str) -> Plan {
        understand(question, &self.vocabulary(), None)
            .unwrap_or_else(|error| panic!("{question}: {error:?}"))
    }

    pub fn after(&self, question: &str, previous: &Plan) -> Plan {
        understand(question, &self.vocabulary(), Some(previous))
            .unwrap_or_else(|error| panic!("{question}: {error:?}"))
    }

    pub fn refusal(&self, question: &str) -> String {
        match understand(question, &self.vocabulary(), None) {
            Ok(plan) => panic!("{question} was understood: {plan:?}"),
            Err(refusal) => refusal.message,
        }
    }
}

pub fn names(plan: &Plan) -> (Vec<&str>, Vec<&str>) {
    (
        plan.categories.iter().map(|c| c.name.as_str()).collect(),
        plan.merchants.iter().map(String::as_str).collect(),
    )
}

#[test]
fn measures_are_read_from_the_question() {
    let words = Words::new();
    assert_eq!(words.plan("how much did I spend").measure, Measure::Total);
    assert_eq!(
        words.plan("how many purchases at starbucks").measure,
        Measure::Count
    );
    assert_eq!(
        words.plan("average expense on dining").measure,
        Measure::Average
    );
    assert_eq!(
        words.plan("average spending per week this year").measure,
        Measure::AveragePer(Bucket::Week)
    );
    assert_eq!(
        words.plan("what was my largest expense").measure,
        Measure::Largest
    );
    assert_eq!(
        words.plan("cheapest purchase last month").measure,
        Measure::Smallest
    );
    assert_eq!(
        words.plan("list my expenses this week").measure,
        Measure::List
    );
    assert_eq!(words.plan("am I within budget?").measure, Measure::Budget);
}

#[test]
fn groupings_rankings_and_shares() {
    let words = Words::new();
    let plan = words.plan("top 3 merchants last year");
    assert_eq!(
        (plan.group_by, plan.top_n, plan.ascending),
        (Some(Grouping::Merchant), Some(3), false)
    );
    let plan = words.plan("which category did I spend the least on");
    assert_eq!(
        (plan.group_by, plan.top_n, plan.ascending),
        (Some(Grouping::Category), Some(1), true)
    );
    let plan = words.plan("where did my money go last month");
    assert!(plan.share && plan.group_by == Some(Grouping::Category));
    assert_eq!(
        words.plan("spending per day this week").group_by,
        Some(Grouping::Time(Bucket::Day))
    );
    assert_eq!(
        words.plan("monthly totals this year").group_by,
        Some(Grouping::Time(Bucket::Month))
    );
    assert_eq!(
        words.plan("spending trend this year").group_by,
        Some(Grouping::Time(Bucket::Month))
    );
    assert_eq!(
        words.plan("spending by weekday").group_by,
        Some(Grouping::Weekday)
    );
    assert_eq!(words.plan("5 biggest expenses").top_n, Some(5));
}

#[test]
fn currency_is_chosen_by_what_can_be_added_up() {
    let words = Words::new();
    assert_eq!(words.plan("how much did I spend").currency, None);
    assert_eq!(
        words.plan("spending by category").currency.as_deref(),
        Some("EUR")
    );
    assert_eq!(
        words
            .plan("how much in dollars this year")
            .currency
            .as_deref(),
        Some("USD")
    );
    let plan = words.plan("expenses over $50");
    assert_eq!(plan.currency.as_deref(), Some("USD"));
    assert_eq!(plan.amount.and_then(|amount| amount.min_minor), Some(5000));
}

#[test]
fn comparisons_take_the_named_or_the_preceding_period() {
    let words = Words::new();
    let plan = words.plan("compare dining this month with last month");
    assert_eq!(
        plan.comparison.map(|period| period.label),
        Some("last month".into())
    );
    let plan = words.plan("how did groceries change this year");
    assert_eq!(
        plan.comparison.map(|period| period.label),
        Some("last year".into())
    );
    let plan = words.plan("dining last month compared to the month before");
    assert_eq!(
        plan.comparison.map(|period| period.label),
        Some("in September 2026".into())
    );
}

#[test]
fn follow_ups_keep_what_they_do_not_change() {
    let words = Words::new();
    let first = words.plan("how much did I spend on dining this month");
    let second = words.after("and last year?", &first);
    assert_eq!(
        (second.period.label.as_str(), second.categories.len()),
        ("last year", 1)
    );
    let third = words.after("what about groceries?", &second);
    assert_eq!(
        third.categories,
        [Category {
            id: 2,
            name: "Groceries".into()
        }]
    );
    assert_eq!(third.period.label, "last year");
    let fourth = words.after("and the year before?", &third);
    assert_eq!(fourth.period.label, "in 2024");
    let fresh = words.after("how many expenses at starbucks", &fourth);
    assert!(fresh.categories.is_empty() && fresh.period.label == "overall");
}

#[test]
fn never_guesses_an_unknown_word() {
    let words = Words::new();
    let refusal = understand("how much did I spend on zebras", &words.vocabulary(), None)
        .expect_err("zebras");
    assert!(refusal.message.contains("\"zebras\""));
    assert!((4..=6).contains(&refusal.suggestions.len()));
    let refusal = understand("how much on dinning and horses", &words.vocabulary(), None)
        .expect_err("horses");
    assert!(refusal.message.contains("horses"));
    let refusal = understand("hmm?", &words.vocabulary(), None).expect_err("nothing");
    assert!(!refusal.suggestions.is_empty());
    let refusal = understand(
        "how much on starbuck coffee beans",
        &words.vocabulary(),
        None,
    )
    .expect_err("beans");
    assert!(refusal.message.contains("beans"));
}

#[test]
fn close_names_are_suggested() {
    let words = Words::new();
    let refusal =
        understand("spending on groseriez stuff xyz", &words.vocabulary(), None).expect_err("xyz");
    assert!(
        refusal
            .suggestions
            .iter()
            .any(|suggestion| suggestion.contains("Groceries")),
        "{:?}",
        refusal.suggestions
    );
}

#[test]
fn a_lone_period_after_than_or_with_is_the_comparison() {
    let words = Words::new();
    let plan = words.plan("did I spend more on dining than last month?");
    assert_eq!(plan.period.label, "this month");
    assert_eq!(
        plan.comparison.map(|period| period.label),
        Some("last month".into())
    );
    let plan = words.plan("groceries compared with the previous year");
    assert_eq!(plan.period.label, "this year");
    assert_eq!(
        plan.comparison.map(|period| period.label),
        Some("last year".into())
    );
}

#[test]
fn adjoining_periods_join_unless_compared() {
    let words = Words::new();
    let plan = words.plan("total for september and october");
    assert_eq!(plan.period.label, "from 2026-09-01 to 2026-10-31");
    assert!(plan.comparison.is_none());
    // The earlier period is the one compared against, whichever is named first.
    let plan = words.plan("september vs october");
    assert_eq!(plan.period.label, "last month");
    assert_eq!(
        plan.comparison.map(|period| period.label),
        Some("in September 2026".into())
    );
}

#[test]
fn short_questions_continue_the_conversation() {
    let words = Words::new();
    let first = words.plan("how much at starbucks last month");
    let second = words.after("how many?", &first);
    assert_eq!(
        (second.measure, second.merchants.len()),
        (Measure::Count, 1)
    );
    assert_eq!(second.period.label, "last month");
    let third = words.after("groceries?", &second);
    assert_eq!(third.categories.len(), 1);
    assert!(third.merchants.is_empty());
}

#[test]
fn without_a_period_a_question_covers_all_the_data_and_a_budget_this_month() {
    let words = Words::new();
    let plan = words.plan("monthly spending");
    assert_eq!(
        (plan.period.from, plan.group_by),
        (None, Some(Grouping::Time(Bucket::Month)))
    );
    assert_eq!(words.plan("count my taxi rides").period.label, "overall");
    assert_eq!(words.plan("budget status").period.label, "this month");
    let plan = words.plan("what share of my spending is housing");
    assert!(plan.share && plan.categories.len() == 1 && plan.group_by == Some(Grouping::Category));
}

#[test]
fn ranking_a_time_unit_groups_by_it() {
    let words = Words::new();
    let plan = words.plan("what was my most expensive month this year");
    assert_eq!(
        (plan.group_by, plan.top_n),
        (Some(Grouping::Time(Bucket::Month)), Some(1))
    );
    let plan = words.plan("the most I spent in one day");
    assert_eq!(plan.group_by, Some(Grouping::Time(Bucket::Day)));
    let plan = words.plan("biggest expense this month");
    assert_eq!((plan.measure, plan.group_by), (Measure::Largest, None));
}
