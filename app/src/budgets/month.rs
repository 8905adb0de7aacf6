//! A calendar month, written `YYYY-MM` in URLs, JSON and the database's month buckets.

use std::{fmt, str::FromStr};

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first_day: NaiveDate,
}

/// The years a budget month may name: wide enough for any real history, narrow enough that the
/// month arithmetic can never overflow.
const YEARS: std::ops::RangeInclusive<i32> = 1970..=2999;

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            first_day: date.with_day(1).unwrap_or(date),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        self.first_day
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day.pred_opt().unwrap_or(self.first_day)
    }

    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    pub fn next(self) -> Self {
        Self::of(
            self.first_day
                .checked_add_months(Months::new(1))
                .unwrap_or(self.first_day),
        )
    }

    pub fn previous(self) -> Self {
        Self::of(
            self.first_day
                .checked_sub_months(Months::new(1))
                .unwrap_or(self.first_day),
        )
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first_day.format("%Y-%m"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Write the month as YYYY-MM, e.g. 2026-03.")]
pub struct MonthError;

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (year, month) = text.trim().split_once('-').ok_or(MonthError)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(MonthError);
        }
        let year: i32 = year.parse().map_err(|_| MonthError)?;
        let month: u32 = month.parse().map_err(|_| MonthError)?;
        if !YEARS.contains(&year) {
            return Err(MonthError);
        }
        NaiveDate::from_ymd_opt(year, month, 1)
            .map(Self::of)
            .ok_or(MonthError)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_print_and_step_across_years() {
        let december: Month = "2025-12".parse().expect("valid");
        assert_eq!(december.to_string(), "2025-12");
        assert_eq!(december.next().to_string(), "2026-01");
        assert_eq!(december.next().previous(), december);
        assert_eq!(december.days(), 31);
        let february: Month = "2028-02".parse().expect("valid");
        assert_eq!(february.days(), 29);
    }

    #[test]
    fn malformed_months_are_refused() {
        for text in [
            "2026-13", "2026-1", "26-01", "2026/01", "", "0000-01", "2026-00",
        ] {
            assert!(text.parse::<Month>().is_err(), "{text}");
        }
    }
}
