use super::super::{DayFilter, days::read_days};
use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// Monday 23 November 2026.
fn today() -> NaiveDate {
    day("2026-11-23")
}

fn periods(question: &str) -> Vec<(Option<String>, String, String)> {
    let mut tokens = Tokens::new(question);
    read(&mut tokens, today())
        .into_iter()
        .map(|Mention { period, .. }| {
            (
                period.from.map(|from| from.to_string()),
                period.to.to_string(),
                period.label,
            )
        })
        .collect()
}

fn one(question: &str) -> (String, String) {
    match periods(question).as_slice() {
        [(Some(from), to, _)] => (from.clone(), to.clone()),
        other => panic!("{question}: {other:?}"),
    }
}

fn range(from: &str, to: &str) -> (String, String) {
    (from.to_string(), to.to_string())
}

#[test]
fn calendar_periods_relative_to_today() {
    assert_eq!(one("today"), range("2026-11-23", "2026-11-23"));
    assert_eq!(one("yesterday"), range("2026-11-22", "2026-11-22"));
    assert_eq!(one("this week"), range("2026-11-23", "2026-11-23"));
    assert_eq!(one("last week"), range("2026-11-16", "2026-11-22"));
    assert_eq!(one("this month"), range("2026-11-01", "2026-11-23"));
    assert_eq!(one("last month"), range("2026-10-01", "2026-10-31"));
    assert_eq!(one("this year"), range("2026-01-01", "2026-11-23"));
    assert_eq!(one("last year"), range("2025-01-01", "2025-12-31"));
    assert_eq!(one("previous month"), range("2026-10-01", "2026-10-31"));
}

#[test]
fn rolling_windows_end_today() {
    assert_eq!(one("last 30 days"), range("2026-10-25", "2026-11-23"));
    assert_eq!(one("past 2 weeks"), range("2026-11-10", "2026-11-23"));
    assert_eq!(
        one("the last three months"),
        range("2026-08-24", "2026-11-23")
    );
    assert_eq!(one("in the past week"), range("2026-11-17", "2026-11-23"));
}

#[test]
fn named_months_take_their_latest_occurrence() {
    assert_eq!(one("in March"), range("2026-03-01", "2026-03-31"));
    assert_eq!(one("in december"), range("2025-12-01", "2025-12-31"));
    assert_eq!(one("March 2025"), range("2025-03-01", "2025-03-31"));
    assert_eq!(one("in mar"), range("2026-03-01", "2026-03-31"));
    assert_eq!(one("in 2024"), range("2024-01-01", "2024-12-31"));
    assert!(periods("may I see my spending").is_empty());
    assert_eq!(one("in may"), range("2026-05-01", "2026-05-31"));
}

#[test]
fn ranges_and_since() {
    assert_eq!(
        one("from 2026-01-05 to 2026-02-01"),
        range("2026-01-05", "2026-02-01")
    );
    assert_eq!(
        one("between January and March"),
        range("2026-01-01", "2026-03-31")
    );
    assert_eq!(
        one("between November and February"),
        range("2025-11-01", "2026-02-28")
    );
    assert_eq!(
        one("from march to may 2025"),
        range("2025-03-01", "2025-05-31")
    );
    assert_eq!(one("since March"), range("2026-03-01", "2026-11-23"));
    assert_eq!(one("since last month"), range("2026-10-01", "2026-11-23"));
    assert_eq!(one("3 months ago"), range("2026-08-01", "2026-08-31"));
    assert_eq!(one("last weekend"), range("2026-11-21", "2026-11-22"));
}

#[test]
fn two_periods_for_a_comparison() {
    let found = periods("this month vs last month");
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].2, "last month");
}

#[test]
fn a_period_knows_the_one_before() {
    let before = |question: &str| {
        let mut tokens = Tokens::new(question);
        let period = read(&mut tokens, today()).remove(0).period;
        period.before(today()).map(|period| {
            (
                period.from.map(|from| from.to_string()),
                period.to.to_string(),
            )
        })
    };
    assert_eq!(
        before("last month"),
        Some((Some("2026-09-01".into()), "2026-09-30".into()))
    );
    assert_eq!(
        before("this week"),
        Some((Some("2026-11-16".into()), "2026-11-22".into()))
    );
    assert_eq!(
        before("last 7 days"),
        Some((Some("2026-11-10".into()), "2026-11-16".into()))
    );
    assert_eq!(
        before("in 2025"),
        Some((Some("2024-01-01".into()), "2024-12-31".into()))
    );
    assert_eq!(before("ever"), None);
}

#[test]
fn weekday_filters() {
    let days = |question: &str| read_days(&mut Tokens::new(question));
    assert_eq!(days("on weekends"), DayFilter::Weekends);
    assert_eq!(days("on weekdays"), DayFilter::Weekdays);
    assert_eq!(days("on fridays"), DayFilter::Only(5));
    assert_eq!(days("groceries"), DayFilter::All);
}

#[test]
fn quarters_halves_and_months_named_relative_to_today() {
    assert_eq!(one("last quarter"), range("2026-07-01", "2026-09-30"));
    assert_eq!(one("this quarter"), range("2026-10-01", "2026-11-23"));
    assert_eq!(
        one("the second half of 2025"),
        range("2025-07-01", "2025-12-31")
    );
    assert_eq!(one("in h1"), range("2026-01-01", "2026-06-30"));
    assert_eq!(
        one("the first quarter of last year"),
        range("2025-01-01", "2025-03-31")
    );
    assert_eq!(one("last june"), range("2026-06-01", "2026-06-30"));
    assert_eq!(one("last december"), range("2025-12-01", "2025-12-31"));
    assert_eq!(one("last november"), range("2025-11-01", "2025-11-30"));
    assert_eq!(
        one("since the start of the year"),
        range("2026-01-01", "2026-11-23")
    );
    assert_eq!(one("past 2 yrs"), range("2024-11-24", "2026-11-23"));
}

#[test]
fn a_year_said_once_belongs_to_both_months() {
    let found = periods("march or april 2025");
    assert_eq!(found[0].0.as_deref(), Some("2025-03-01"));
    let found = periods("may and may 2025");
    assert_eq!(found[0].0.as_deref(), Some("2026-05-01"));
}

#[test]
fn a_range_keeps_its_two_ends() {
    let mut tokens = Tokens::new("from august to october");
    let mentions = read(&mut tokens, today());
    let ends = mentions[0].ends.as_ref().expect("ends");
    assert_eq!(
        (ends[0].label.as_str(), ends[1].label.as_str()),
        ("in August 2026", "last month")
    );
    let mut tokens = Tokens::new("since october");
    assert!(read(&mut tokens, today())[0].ends.is_none());
}
