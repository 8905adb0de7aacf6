//! Which days of the week a question is about ("on weekends", "on Mondays"), and the words
//! that step back from the previous question's period ("the month before", "the same period
//! last year").

use chrono::Weekday;

use super::{DayFilter, tokens::Tokens};

pub fn weekday_of(word: &str) -> Option<Weekday> {
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let index = days.iter().position(|day| *day == word)?;
    Weekday::try_from(index as u8).ok()
}

/// "on weekends", "on weekdays", "on Mondays".
pub fn read_days(tokens: &mut Tokens) -> DayFilter {
    if tokens.take_any(&["weekends", "weekend", "saturdays and sundays"]) {
        return DayFilter::Weekends;
    }
    // "by weekday" asks for a grouping, which the intent reader claims.
    let grouping = tokens.has_any(&["by weekday", "per weekday", "each weekday", "which weekday"]);
    if !grouping
        && tokens.take_any(&[
            "weekdays",
            "weekday",
            "workdays",
            "working days",
            "work days",
        ])
    {
        return DayFilter::Weekdays;
    }
    let plural = (0..tokens.len()).find_map(|at| {
        let day = weekday_of(tokens.word(at).strip_suffix('s')?)?;
        tokens.is_free(at).then_some((at, day))
    });
    match plural {
        Some((at, day)) => {
            tokens.take(at, 1);
            DayFilter::Only(day.num_days_from_sunday())
        }
        None => DayFilter::All,
    }
}

/// "the same period last year": the other period, a year earlier.
pub fn read_same_period(tokens: &mut Tokens) -> bool {
    tokens.take_any(&[
        "same period",
        "same time",
        "same dates",
        "same days",
        "same stretch",
    ])
}

/// "the month before", "before that", "the previous one": step back from the last question.
pub fn read_step_back(tokens: &mut Tokens) -> bool {
    tokens.take_any(&[
        "day before",
        "week before",
        "month before",
        "year before",
        "before that",
        "previous one",
        "one before",
        "period before",
    ])
}
