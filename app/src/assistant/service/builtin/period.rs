//! Periods of days that questions are about, how answers name them, and the period before each
//! (for comparisons and "the month before" follow-ups). Weeks start on Monday.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A closed range of days; `from: None` means since the first expense.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    pub unit: PeriodUnit,
    /// How the answer names it: "last month", "in March 2025", "in the last 30 days".
    pub label: String,
}

/// What kind of period it is, so a follow-up can step to the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Span,
    AllTime,
}

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

impl Period {
    pub fn day(day: NaiveDate, today: NaiveDate) -> Self {
        let label = match (today - day).num_days() {
            0 => "today".to_string(),
            1 => "yesterday".to_string(),
            _ => format!("on {day}"),
        };
        Self {
            from: Some(day),
            to: day,
            unit: PeriodUnit::Day,
            label,
        }
    }

    pub fn week(any_day: NaiveDate, today: NaiveDate) -> Self {
        let monday = any_day - Days::new(u64::from(any_day.weekday().num_days_from_monday()));
        let this_monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let label = match (this_monday - monday).num_days() {
            0 => "this week".to_string(),
            7 => "last week".to_string(),
            _ => format!("in the week of {monday}"),
        };
        let to = (monday + Days::new(6)).min(today.max(monday));
        Self {
            from: Some(monday),
            to,
            unit: PeriodUnit::Week,
            label,
        }
    }

    pub fn month(year: i32, month: u32, today: NaiveDate) -> Option<Self> {
        let first = date(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        let back = (today.year() - year) * 12 + today.month() as i32 - month as i32;
        let name = MONTHS.get(month as usize - 1).map_or("", |name| name);
        let label = match back {
            0 => "this month".to_string(),
            1 => "last month".to_string(),
            _ => format!("in {}{} {year}", name[..1].to_uppercase(), &name[1..]),
        };
        let to = last.min(today.max(first));
        Some(Self {
            from: Some(first),
            to,
            unit: PeriodUnit::Month,
            label,
        })
    }

    /// Calendar quarter `quarter` (1..=4) of `year`.
    pub fn quarter(year: i32, quarter: u32, today: NaiveDate) -> Option<Self> {
        let first = date(year, quarter * 3 - 2, 1)?;
        let last = first.checked_add_months(Months::new(3))?.pred_opt()?;
        let back = (today.year() - year) * 4 + (today.month0() / 3) as i32 - (quarter - 1) as i32;
        let label = match back {
            0 => "this quarter".to_string(),
            1 => "last quarter".to_string(),
            _ => format!("in Q{quarter} {year}"),
        };
        Some(Self {
            from: Some(first),
            to: last.min(today.max(first)),
            unit: PeriodUnit::Quarter,
            label,
        })
    }

    pub fn year(year: i32, today: NaiveDate) -> Option<Self> {
        let first = date(year, 1, 1)?;
        let label = match today.year() - year {
            0 => "this year".to_string(),
            1 => "last year".to_string(),
            _ => format!("in {year}"),
        };
        let to = date(year, 12, 31)?.min(today.max(first));
        Some(Self {
            from: Some(first),
            to,
            unit: PeriodUnit::Year,
            label,
        })
    }

    pub fn span(from: NaiveDate, to: NaiveDate, label: String) -> Self {
        Self {
            from: Some(from),
            to,
            unit: PeriodUnit::Span,
            label,
        }
    }

    pub fn all_time(today: NaiveDate) -> Self {
        Self {
            from: None,
            to: today,
            unit: PeriodUnit::AllTime,
            label: "overall".to_string(),
        }
    }

    /// The period of the same kind just before this one: the month before a month, the 30 days
    /// before a 30-day window. All time has nothing before it.
    pub fn before(&self, today: NaiveDate) -> Option<Self> {
        let from = self.from?;
        match self.unit {
            PeriodUnit::Day => Some(Self::day(from.pred_opt()?, today)),
            PeriodUnit::Week => Some(Self::week(from - Days::new(7), today)),
            PeriodUnit::Month => {
                let start = from.checked_sub_months(Months::new(1))?;
                Self::month(start.year(), start.month(), today)
            }
            PeriodUnit::Quarter => {
                let start = from.checked_sub_months(Months::new(3))?;
                Self::quarter(start.year(), start.month0() / 3 + 1, today)
            }
            PeriodUnit::Year => Self::year(from.year() - 1, today),
            PeriodUnit::Span => {
                let length = (self.to - from).num_days() + 1;
                let to = from.pred_opt()?;
                let start = to - Days::new(u64::try_from(length - 1).ok()?);
                Some(Self::span(start, to, format!("from {start} to {to}")))
            }
            PeriodUnit::AllTime => None,
        }
    }

    /// The same days a year earlier: "the same period last year".
    pub fn year_earlier(&self) -> Option<Self> {
        let back = |day: NaiveDate| day.checked_sub_months(Months::new(12));
        let (from, to) = (back(self.from?)?, back(self.to)?);
        let label = match from.year() == to.year() {
            true => format!("in the same period of {}", from.year()),
            false => format!("from {from} to {to}"),
        };
        Some(Self::span(from, to, label))
    }

    /// The same calendar month or quarter in `year`.
    pub fn in_year(&self, year: i32, today: NaiveDate) -> Option<Self> {
        let from = self.from?;
        match self.unit {
            PeriodUnit::Month => Self::month(year, from.month(), today),
            PeriodUnit::Quarter => Self::quarter(year, from.month0() / 3 + 1, today),
            _ => None,
        }
    }

    /// The period of `unit` that holds today: what "this" means when only "last" was said.
    pub fn current(unit: PeriodUnit, today: NaiveDate) -> Option<Self> {
        match unit {
            PeriodUnit::Day => Some(Self::day(today, today)),
            PeriodUnit::Week => Some(Self::week(today, today)),
            PeriodUnit::Month => Self::month(today.year(), today.month(), today),
            PeriodUnit::Quarter => Self::quarter(today.year(), today.month0() / 3 + 1, today),
            PeriodUnit::Year => Self::year(today.year(), today),
            PeriodUnit::Span | PeriodUnit::AllTime => None,
        }
    }

    pub fn days(&self) -> i64 {
        self.from.map_or(1, |from| (self.to - from).num_days() + 1)
    }
}
