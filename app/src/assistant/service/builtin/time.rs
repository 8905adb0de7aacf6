//! Time expressions: calendar periods ("last month", "in March", "2025"), rolling windows ("last
//! 30 days"), ranges ("from 2026-01-05 to 2026-02-01", "since March") and weekday filters. Weeks
//! start on Monday; a named month without a year is its latest occurrence not after this month.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::{
    dates,
    days::weekday_of,
    period::{MONTHS, Period, PeriodUnit, date},
    tokens::{Tokens, number},
};

fn unit_of(word: &str) -> Option<PeriodUnit> {
    match word.strip_suffix('s').unwrap_or(word) {
        "day" => Some(PeriodUnit::Day),
        "week" | "wk" => Some(PeriodUnit::Week),
        "month" | "mo" | "mth" => Some(PeriodUnit::Month),
        "quarter" | "qtr" => Some(PeriodUnit::Quarter),
        "year" | "yr" => Some(PeriodUnit::Year),
        _ => None,
    }
}

pub fn month_of(word: &str) -> Option<u32> {
    let word = if word == "sept" { "sep" } else { word };
    MONTHS
        .iter()
        .position(|name| *name == word || (word.len() == 3 && name.starts_with(word)))
        .map(|index| index as u32 + 1)
}

pub fn year_of(word: &str, today: NaiveDate) -> Option<i32> {
    let year: i32 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1990..=today.year() + 1).contains(&year).then_some(year)
}

/// The calendar period of `unit` that contains `day`.
fn calendar(unit: PeriodUnit, day: NaiveDate, today: NaiveDate) -> Option<Period> {
    match unit {
        PeriodUnit::Day => Some(Period::day(day, today)),
        PeriodUnit::Week => Some(Period::week(day, today)),
        PeriodUnit::Month => Period::month(day.year(), day.month(), today),
        PeriodUnit::Quarter => Period::quarter(day.year(), day.month0() / 3 + 1, today),
        PeriodUnit::Year => Period::year(day.year(), today),
        PeriodUnit::Span | PeriodUnit::AllTime => None,
    }
}

/// `count` units back from `today`, as a date.
fn back(unit: PeriodUnit, count: u32, today: NaiveDate) -> Option<NaiveDate> {
    match unit {
        PeriodUnit::Day => today.checked_sub_days(Days::new(count.into())),
        PeriodUnit::Week => today.checked_sub_days(Days::new(7 * u64::from(count))),
        PeriodUnit::Month => today.checked_sub_months(Months::new(count)),
        PeriodUnit::Quarter => today.checked_sub_months(Months::new(3 * count)),
        PeriodUnit::Year => today.checked_sub_months(Months::new(12 * count)),
        PeriodUnit::Span | PeriodUnit::AllTime => None,
    }
}

fn rolling(unit: PeriodUnit, count: u32, word: &str, today: NaiveDate) -> Option<Period> {
    let from = back(unit, count, today)?.succ_opt()?;
    let label = if count == 1 {
        format!("in the past {word}")
    } else {
        format!("in the last {count} {word}")
    };
    Some(Period::span(from, today, label))
}

/// One time expression starting at `at`: the period, how many words it spans and whether it
/// named a year (which a range passes on to a month without one).
pub struct Point {
    pub period: Period,
    pub words: usize,
    pub has_year: bool,
}

fn point(tokens: &Tokens, at: usize, today: NaiveDate) -> Option<Point> {
    let word = |offset: usize| tokens.word(at + offset);
    let free = |count: usize| (0..count).all(|offset| tokens.is_free(at + offset));
    let found = |period: Option<Period>, words: usize| {
        period.filter(|_| free(words)).map(|period| Point {
            period,
            words,
            has_year: false,
        })
    };
    let first = word(0);
    match first {
        "today" | "tonight" => return found(Some(Period::day(today, today)), 1),
        "yesterday" => return found(today.pred_opt().map(|d| Period::day(d, today)), 1),
        "ever" => return found(Some(Period::all_time(today)), 1),
        "ytd" => return found(calendar(PeriodUnit::Year, today, today), 1),
        "mtd" => return found(calendar(PeriodUnit::Month, today, today), 1),
        _ => {}
    }
    if tokens.phrase_at(at, "all time") {
        return found(Some(Period::all_time(today)), 2);
    }
    for (phrase, unit) in [
        ("year to date", PeriodUnit::Year),
        ("month to date", PeriodUnit::Month),
    ] {
        if tokens.phrase_at(at, phrase) {
            return found(calendar(unit, today, today), 3);
        }
    }
    // "the start of the year", "beginning of this month": the current one, from its first day.
    let the = usize::from(first == "the");
    if matches!(word(the), "start" | "beginning")
        && word(the + 1) == "of"
        && matches!(word(the + 2), "the" | "this")
        && let Some(unit) = unit_of(word(the + 3))
    {
        return found(calendar(unit, today, today), the + 4);
    }
    let relative = matches!(
        first,
        "this" | "current" | "last" | "previous" | "prior" | "past"
    );
    if relative && word(1) == "weekend" {
        let saturday =
            today - Days::new(u64::from(today.weekday().num_days_from_monday())) + Days::new(5);
        let saturday = if first == "this" || first == "current" {
            saturday
        } else {
            saturday - Days::new(7)
        };
        let label = format!("{first} weekend");
        let to = (saturday + Days::new(1)).min(today.max(saturday));
        return found(Some(Period::span(saturday, to, label)), 2);
    }
    if relative && let Some(unit) = unit_of(word(1)).filter(|_| !word(1).ends_with('s')) {
        let period = match first {
            "this" | "current" => calendar(unit, today, today),
            "past" => rolling(unit, 1, word(1), today),
            _ => back(unit, 1, today).and_then(|day| calendar(unit, day, today)),
        };
        return found(period, 2);
    }
    if matches!(first, "last" | "past" | "previous" | "prior" | "recent")
        && let Some(count) = number(word(1)).filter(|n| *n >= 1.0 && n.fract() == 0.0)
        && let Some(unit) = unit_of(word(2))
    {
        return found(rolling(unit, count as u32, word(2), today), 3);
    }
    if let Some(count) = number(first).filter(|n| n.fract() == 0.0 && *n < 1000.0)
        && let Some(unit) = unit_of(word(1))
        && word(2) == "ago"
    {
        let day = back(unit, count as u32, today);
        return found(day.and_then(|day| calendar(unit, day, today)), 3);
    }
    if let Ok(day) = NaiveDate::parse_from_str(first, "%Y-%m-%d") {
        return found(Some(Period::day(day, today)), 1);
    }
    if let Some(weekday) = weekday_of(first) {
        let since =
            (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return found(Some(Period::day(today - Days::new(since.into()), today)), 1);
    }
    if let Some(point) = dates::named(tokens, at, today) {
        return Some(point).filter(|point| free(point.words));
    }
    let year = year_of(first, today)?;
    found(Period::year(year, today), 1).map(|point| Point {
        has_year: true,
        ..point
    })
}

/// A time expression found in a question, at word `at`.
pub struct Mention {
    pub at: usize,
    pub period: Period,
    /// The two ends of a range ("from January to February"), which a comparison sets apart.
    pub ends: Option<[Period; 2]>,
    /// A year was named ("March 2025"), which a month just before without one shares.
    pub has_year: bool,
}

/// "from X to Y", "between X and Y", "since X": one period from the start of X.
fn range(tokens: &Tokens, at: usize, today: NaiveDate) -> Option<(Mention, usize)> {
    let opener = tokens.word(at);
    if !tokens.is_free(at) || !matches!(opener, "from" | "between" | "since" | "after") {
        return None;
    }
    let start = point(tokens, at + 1, today)?;
    let start_from = start.period.from?;
    if matches!(opener, "since" | "after") {
        let label = format!("since {start_from}");
        let period = Period::span(start_from, today, label);
        let mention = Mention {
            at,
            period,
            ends: None,
            has_year: start.has_year,
        };
        return Some((mention, start.words + 1));
    }
    let joint = at + 1 + start.words;
    if !matches!(
        tokens.word(joint),
        "to" | "until" | "till" | "through" | "and" | "-"
    ) {
        return None;
    }
    let end = point(tokens, joint + 1, today)?;
    let mut from = start_from;
    if !start.has_year && end.has_year && start.period.unit == PeriodUnit::Month {
        from = date(end.period.to.year(), from.month(), 1)?;
    }
    if from > end.period.to && !start.has_year {
        from = from.checked_sub_months(Months::new(12))?;
    }
    let to = end.period.to;
    let mention = Mention {
        at,
        period: Period::span(from, to, format!("from {from} to {to}")),
        ends: Some([start.period, end.period]),
        has_year: end.has_year,
    };
    Some((mention, start.words + end.words + 2))
}

/// Every time expression in the question, claimed.
pub fn read(tokens: &mut Tokens, today: NaiveDate) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if let Some((mention, words)) = range(tokens, at, today) {
            tokens.take(at, words);
            mentions.push(mention);
            at += words;
        } else if let Some(found) = point(tokens, at, today).filter(|_| tokens.is_free(at)) {
            tokens.take(at, found.words);
            mentions.push(Mention {
                at,
                period: found.period,
                ends: None,
                has_year: found.has_year,
            });
            at += found.words;
        } else {
            at += 1;
        }
    }
    // "March or April 2025", "Q1 and Q2 2025": the year said once is both's ("May and May
    // 2025" keeps this May).
    for index in 1..mentions.len() {
        let (before, after) = mentions.split_at_mut(index);
        let (first, second) = (&mut before[index - 1], &after[0]);
        if !first.has_year && second.has_year && first.period.unit == second.period.unit {
            let moved = first.period.in_year(second.period.to.year(), today);
            if let Some(moved) = moved.filter(|moved| moved.from != second.period.from) {
                first.period = moved;
                first.has_year = true;
            }
        }
    }
    mentions
}

#[cfg(test)]
#[path = "time_tests.rs"]
mod tests;
