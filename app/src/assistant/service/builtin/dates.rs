//! Calendar names in questions: months ("March", "mar 2025"), days of a month ("Dec 24",
//! "24th of December 2025") and quarters ("Q3", "the second quarter"). Without a year, each is
//! its latest occurrence not after today.

use chrono::{Datelike, NaiveDate};

use super::{
    period::{Period, date},
    time::{Point, month_of, year_of},
    tokens::{Tokens, number},
};

/// Words after which "may" is the month rather than the verb.
const BEFORE_A_MONTH: &[&str] = &[
    "in", "since", "from", "of", "during", "between", "and", "to", "until", "through", "for", "vs",
    "versus", "with", "on",
];

/// A day of the month: "24", "24th", "1st".
fn day_of_month(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn latest_year(month: u32, day: u32, today: NaiveDate) -> i32 {
    if (month, day) <= (today.month(), today.day()) {
        today.year()
    } else {
        today.year() - 1
    }
}

fn quarter_of(tokens: &Tokens, at: usize) -> Option<(u32, usize)> {
    let word = tokens.word(at);
    if let Some(quarter) = word
        .strip_prefix('q')
        .and_then(|digit| digit.parse::<u32>().ok())
    {
        return (1..=4).contains(&quarter).then_some((quarter, 1));
    }
    let ordinals = ["first", "second", "third", "fourth"];
    let quarter = ordinals.iter().position(|ordinal| *ordinal == word)? as u32 + 1;
    (tokens.word(at + 1) == "quarter").then_some((quarter, 2))
}

fn with_year(period: Option<Period>, words: usize, year: Option<i32>) -> Option<Point> {
    Some(Point {
        period: period?,
        words: words + usize::from(year.is_some()),
        has_year: year.is_some(),
    })
}

/// The calendar name starting at word `at`, if any.
pub fn named(tokens: &Tokens, at: usize, today: NaiveDate) -> Option<Point> {
    let word = |offset: usize| tokens.word(at + offset);
    if let Some((quarter, words)) = quarter_of(tokens, at) {
        let year = year_of(word(words), today);
        let first_month = quarter * 3 - 2;
        let year_shown = year.unwrap_or(latest_year(first_month, 1, today));
        let from = date(year_shown, first_month, 1)?;
        let to = date(year_shown, first_month + 2, 1)?
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?;
        let period = Period::span(
            from,
            to.min(today.max(from)),
            format!("in Q{quarter} {year_shown}"),
        );
        return with_year(Some(period), words, year);
    }
    // "24th of December", "24 dec 2025"
    if let Some(day) = day_of_month(word(0)) {
        let of = usize::from(word(1) == "of");
        let month = month_of(word(1 + of))?;
        let year = year_of(word(2 + of), today);
        let day = date(year.unwrap_or(latest_year(month, day, today)), month, day)?;
        return with_year(Some(Period::day(day, today)), 2 + of, year);
    }
    let month = month_of(word(0))?;
    // "Dec 24", "december 24th 2025"
    if let Some(day) = day_of_month(word(1)).filter(|_| number(word(1)).is_none_or(|n| n <= 31.0)) {
        let year = year_of(word(2), today);
        let day = date(year.unwrap_or(latest_year(month, day, today)), month, day)?;
        return with_year(Some(Period::day(day, today)), 2, year);
    }
    let year = year_of(word(1), today);
    let before = at.checked_sub(1).map_or("", |index| tokens.word(index));
    if word(0) == "may" && year.is_none() && !BEFORE_A_MONTH.contains(&before) {
        return None;
    }
    let period = Period::month(year.unwrap_or(latest_year(month, 1, today)), month, today);
    with_year(period, 1, year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(question: &str) -> Option<(String, String, usize)> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let point = named(&Tokens::new(question), 0, today)?;
        Some((
            point.period.from?.to_string(),
            point.period.to.to_string(),
            point.words,
        ))
    }

    #[test]
    fn days_of_a_month_in_either_order() {
        assert_eq!(
            period("dec 24 2025"),
            Some(("2025-12-24".into(), "2025-12-24".into(), 3))
        );
        assert_eq!(
            period("24th of december"),
            Some(("2025-12-24".into(), "2025-12-24".into(), 3))
        );
        assert_eq!(
            period("november 2"),
            Some(("2026-11-02".into(), "2026-11-02".into(), 2))
        );
    }

    #[test]
    fn quarters_and_months() {
        assert_eq!(
            period("q3"),
            Some(("2026-07-01".into(), "2026-09-30".into(), 1))
        );
        assert_eq!(
            period("first quarter 2025"),
            Some(("2025-01-01".into(), "2025-03-31".into(), 3))
        );
        assert_eq!(
            period("q4"),
            Some(("2026-10-01".into(), "2026-11-23".into(), 1))
        );
        assert_eq!(
            period("march 2025"),
            Some(("2025-03-01".into(), "2025-03-31".into(), 2))
        );
        assert_eq!(period("may"), None);
    }
}
