//! Calendar names in questions: months ("March", "mar 2025", "last September"), days of a month
//! ("Dec 24", "24th of December 2025"), quarters ("Q3", "the second quarter") and halves ("H1",
//! "the first half of 2025"). Without a year, each is its latest occurrence not after today.

use chrono::{Datelike, NaiveDate};

use super::{
    period::{Period, date},
    time::{Point, month_of, year_of},
    tokens::{Tokens, number},
};

/// "may I", "it may be": words around "may" that make it the verb rather than the month.
const AFTER_THE_VERB: &[&str] = &[
    "i", "we", "you", "be", "have", "need", "want", "ask", "see", "get", "know", "not",
];
const BEFORE_THE_VERB: &[&str] = &["i", "we", "you", "it", "they", "that", "which", "this"];

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

/// A quarter or half of a year: its first month, its length in months and the words it took.
fn part_of_year(tokens: &Tokens, at: usize) -> Option<(u32, u32, usize)> {
    let word = tokens.word(at);
    for (prefix, months) in [('q', 3), ('h', 6)] {
        if let Some(index) = word
            .strip_prefix(prefix)
            .and_then(|digit| digit.parse::<u32>().ok())
            .filter(|index| (1..=12 / months).contains(index))
        {
            return Some(((index - 1) * months + 1, months, 1));
        }
    }
    let ordinals = ["first", "second", "third", "fourth"];
    let index = ordinals.iter().position(|ordinal| *ordinal == word)? as u32;
    let months = match tokens.word(at + 1) {
        "quarter" => 3,
        "half" if index < 2 => 6,
        _ => return None,
    };
    Some((index * months + 1, months, 2))
}

/// The year after a quarter or half: "2025", "of 2025", "of this year", "of last year".
fn year_after(tokens: &Tokens, at: usize, today: NaiveDate) -> (Option<i32>, usize) {
    let of = usize::from(tokens.word(at) == "of");
    if let Some(year) = year_of(tokens.word(at + of), today) {
        return (Some(year), of + 1);
    }
    match (tokens.word(at + of), tokens.word(at + of + 1)) {
        ("this", "year") if of == 1 => (Some(today.year()), 3),
        ("last", "year") if of == 1 => (Some(today.year() - 1), 3),
        _ => (None, 0),
    }
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
    if let Some((first_month, months, words)) = part_of_year(tokens, at) {
        let (year, year_words) = year_after(tokens, at + words, today);
        let year_shown = year.unwrap_or(latest_year(first_month, 1, today));
        let from = date(year_shown, first_month, 1)?;
        let to = from
            .checked_add_months(chrono::Months::new(months))?
            .pred_opt()?;
        let period = match months {
            3 => Period::quarter(year_shown, first_month / 3 + 1, today),
            _ => Some(Period::span(
                from,
                to.min(today.max(from)),
                format!("in H{} {year_shown}", first_month / 6 + 1),
            )),
        };
        return period.map(|period| Point {
            period,
            words: words + year_words,
            has_year: year.is_some(),
        });
    }
    // "last September": the latest one before this month; "this March": this year's.
    if let Some(month) = month_of(word(1)).filter(|_| tokens.is_free(at + 1)) {
        let year = match word(0) {
            "this" => Some(today.year()),
            "last" | "previous" | "past" if month < today.month() => Some(today.year()),
            "last" | "previous" | "past" => Some(today.year() - 1),
            _ => None,
        };
        if let Some(year) = year {
            return with_year(Period::month(year, month, today), 2, None);
        }
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
    let verb = AFTER_THE_VERB.contains(&word(1)) || BEFORE_THE_VERB.contains(&before);
    if word(0) == "may" && year.is_none() && verb {
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
        assert_eq!(period("may i see it"), None);
        assert_eq!(
            period("may compared with june"),
            Some(("2026-05-01".into(), "2026-05-31".into(), 1))
        );
    }
}
