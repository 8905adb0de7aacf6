//! Expense field rules, shared by the browser form and the server.

use chrono::NaiveDate;

use crate::{AppError, money::Currency};

pub const MERCHANT_MAX: usize = 120;
pub const NOTE_MAX: usize = 1000;
pub const TAGS_MAX: usize = 10;
pub const TAG_MAX: usize = 30;
/// Older dates are almost certainly typos (a year of 0202).
pub const EARLIEST_DATE: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");

pub fn currency(code: &str) -> Result<Currency, AppError> {
    Currency::find(&code.trim().to_uppercase()).ok_or_else(|| {
        AppError::validation(
            "currency",
            "Choose a currency from the list (an ISO 4217 code like EUR).",
        )
    })
}

pub fn amount(text: &str, currency: Currency) -> Result<i64, AppError> {
    currency
        .parse_minor(text)
        .map_err(|error| AppError::validation("amount", error.to_string()))
}

/// `today` is the user's today, in their time zone.
pub fn spent_on(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, AppError> {
    if date > today {
        return Err(AppError::validation(
            "spent_on",
            "The date cannot be in the future.",
        ));
    }
    if date < EARLIEST_DATE {
        return Err(AppError::validation(
            "spent_on",
            "The date is too far in the past. Check the year.",
        ));
    }
    Ok(date)
}

fn bounded_text(
    field: &str,
    label: &str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<String, AppError> {
    let text = value.trim();
    if text.chars().count() > max {
        return Err(AppError::validation(
            field,
            format!("{label} has at most {max} characters."),
        ));
    }
    let forbidden = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t'));
    if text.chars().any(forbidden) {
        return Err(AppError::validation(
            field,
            format!("{label} cannot contain control characters."),
        ));
    }
    Ok(text.to_string())
}

pub fn merchant(value: &str) -> Result<String, AppError> {
    bounded_text("merchant", "A merchant", value, MERCHANT_MAX, false)
}

pub fn note(value: &str) -> Result<String, AppError> {
    bounded_text(
        "note",
        "A note",
        &value.replace("\r\n", "\n"),
        NOTE_MAX,
        true,
    )
}

/// Trimmed, without empties or case-insensitive duplicates, at most [`TAGS_MAX`]. A comma
/// separates tags wherever it appears (a form posted without JavaScript sends the whole box as
/// one value), so no tag contains one.
pub fn tags(values: &[String]) -> Result<Vec<String>, AppError> {
    let mut tags: Vec<String> = Vec::new();
    for value in values.iter().flat_map(|value| value.split(',')) {
        let tag = bounded_text("tags", "A tag", value, TAG_MAX, false)?;
        if tag.is_empty()
            || tags
                .iter()
                .any(|known| known.to_lowercase() == tag.to_lowercase())
        {
            continue;
        }
        tags.push(tag);
    }
    if tags.len() > TAGS_MAX {
        return Err(AppError::validation(
            "tags",
            format!("An expense has at most {TAGS_MAX} tags."),
        ));
    }
    Ok(tags)
}

/// Tags as typed in one box: comma separated.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split(',').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("valid date")
    }

    #[test]
    fn future_dates_are_refused_and_today_is_fine() {
        let today = date("2026-11-23");
        assert_eq!(spent_on(today, today), Ok(today));
        assert_eq!(
            spent_on(date("2026-11-24"), today)
                .expect_err("future")
                .field(),
            Some("spent_on")
        );
        assert!(spent_on(date("1899-12-31"), today).is_err());
    }

    #[test]
    fn tags_are_cleaned_and_bounded() {
        let cleaned = tags(&split_tags(" work , Work,, travel ")).expect("valid");
        assert_eq!(cleaned, ["work", "travel"]);
        assert_eq!(
            tags(&["food, work".to_string()]).expect("valid"),
            ["food", "work"]
        );
        let eleven: Vec<String> = (0..11).map(|n| format!("t{n}")).collect();
        assert_eq!(tags(&eleven).expect_err("too many").field(), Some("tags"));
        assert!(tags(&["x".repeat(31)]).is_err());
    }

    #[test]
    fn text_fields_are_bounded() {
        assert_eq!(merchant("  Café Zoë ").as_deref(), Ok("Café Zoë"));
        assert!(merchant(&"m".repeat(121)).is_err());
        assert!(note(&"n".repeat(1000)).is_ok());
        assert!(note(&"n".repeat(1001)).is_err());
        assert_eq!(
            note("line one\r\nline two").as_deref(),
            Ok("line one\nline two")
        );
        assert!(merchant("a\nb").is_err());
    }

    #[test]
    fn amounts_name_their_field() {
        let eur = currency("eur").expect("known");
        assert_eq!(amount("12.34", eur), Ok(1234));
        assert_eq!(
            amount("-1", eur).expect_err("negative").field(),
            Some("amount")
        );
        assert_eq!(
            currency("XX").expect_err("unknown").field(),
            Some("currency")
        );
    }
}
