//! The vocabulary of the analytics endpoints: which dates (`range`), in what buckets (`group`),
//! split by what (`by`). Bad values get a message listing the allowed ones.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Range {
    ThisMonth,
    LastMonth,
    Last3Months,
    Last6Months,
    Last12Months,
    ThisYear,
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SeriesBy {
    #[default]
    Category,
    Merchant,
}

const RANGES: &str =
    "this_month, last_month, last_3_months, last_6_months, last_12_months, this_year, custom";
/// More buckets than this would not be readable as a chart anyway.
pub const MAX_BUCKETS: i64 = 800;

/// The query string of the trends endpoint and the dashboard's URL, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[serde(default, deny_unknown_fields)]
pub struct RangeQuery {
    /// One of `this_month` (default), `last_month`, `last_3_months`, `last_6_months`,
    /// `last_12_months`, `this_year`, `custom` (with `from` and `to`).
    pub range: Option<String>,
    /// `YYYY-MM-DD`, for `custom`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// `day`, `week` or `month`; default day up to three months, month beyond.
    pub group: Option<String>,
    /// `category` (default) or `merchant`.
    pub by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RangeError {
    pub field: &'static str,
    pub message: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> RangeError {
    RangeError {
        field,
        message: message.into(),
    }
}

/// A checked [`RangeQuery`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub range: Range,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group: Group,
    pub by: SeriesBy,
}

fn date(field: &'static str, text: Option<&str>) -> Result<NaiveDate, RangeError> {
    let text = text.ok_or_else(|| {
        invalid(
            field,
            format!("A custom range needs `{field}` (YYYY-MM-DD)."),
        )
    })?;
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| invalid(field, "Write dates as YYYY-MM-DD, e.g. 2026-03-31."))
}

fn months_back(today: NaiveDate, months: u32) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first
        .checked_sub_months(Months::new(months))
        .unwrap_or(first)
}

impl RangeQuery {
    /// Resolves the query against the user's `today`.
    pub fn resolve(&self, today: NaiveDate) -> Result<Period, RangeError> {
        let range = match self.range.as_deref().map(str::trim).unwrap_or("this_month") {
            "this_month" => Range::ThisMonth,
            "last_month" => Range::LastMonth,
            "last_3_months" => Range::Last3Months,
            "last_6_months" => Range::Last6Months,
            "last_12_months" => Range::Last12Months,
            "this_year" => Range::ThisYear,
            "custom" => Range::Custom,
            other => {
                return Err(invalid(
                    "range",
                    format!("Unknown range `{other}`; use one of: {RANGES}."),
                ));
            }
        };
        let (from, to) = match range {
            Range::ThisMonth => (months_back(today, 0), today),
            Range::LastMonth => {
                let start = months_back(today, 1);
                (start, months_back(today, 0) - Duration::days(1))
            }
            Range::Last3Months => (months_back(today, 2), today),
            Range::Last6Months => (months_back(today, 5), today),
            Range::Last12Months => (months_back(today, 11), today),
            Range::ThisYear => (today.with_ordinal(1).unwrap_or(today), today),
            Range::Custom => (
                date("from", self.from.as_deref())?,
                date("to", self.to.as_deref())?,
            ),
        };
        if range != Range::Custom && (self.from.is_some() || self.to.is_some()) {
            return Err(invalid("range", "`from` and `to` go with `range=custom`."));
        }
        if from > to {
            return Err(invalid("from", "`from` must not be after `to`."));
        }
        let days = (to - from).num_days() + 1;
        let group = match self.group.as_deref().map(str::trim) {
            None | Some("") => {
                if days <= 92 {
                    Group::Day
                } else {
                    Group::Month
                }
            }
            Some("day") => Group::Day,
            Some("week") => Group::Week,
            Some("month") => Group::Month,
            Some(other) => {
                return Err(invalid(
                    "group",
                    format!("Unknown group `{other}`; use one of: day, week, month."),
                ));
            }
        };
        let buckets = match group {
            Group::Day => days,
            Group::Week => days / 7 + 2,
            Group::Month => {
                i64::from(to.year() - from.year()) * 12 + i64::from(to.month())
                    - i64::from(from.month())
                    + 1
            }
        };
        if buckets > MAX_BUCKETS {
            return Err(invalid("group", format!("That range has too many {group:?} buckets to chart; choose a shorter range or a larger group.").to_lowercase()));
        }
        let by = match self.by.as_deref().map(str::trim) {
            None | Some("") | Some("category") => SeriesBy::Category,
            Some("merchant") => SeriesBy::Merchant,
            Some(other) => {
                return Err(invalid(
                    "by",
                    format!("Unknown `by` value `{other}`; use one of: category, merchant."),
                ));
            }
        };
        Ok(Period {
            range,
            from,
            to,
            group,
            by,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn resolve(pairs: &[(&str, &str)], today: &str) -> Result<Period, RangeError> {
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_string())
        };
        let query = RangeQuery {
            range: value("range"),
            from: value("from"),
            to: value("to"),
            group: value("group"),
            by: value("by"),
        };
        query.resolve(day(today))
    }

    #[test]
    fn presets_resolve_in_the_users_calendar() {
        let period = resolve(&[], "2026-03-15").expect("default");
        assert_eq!(
            (period.from, period.to, period.group),
            (day("2026-03-01"), day("2026-03-15"), Group::Day)
        );
        let period = resolve(&[("range", "last_month")], "2026-03-15").expect("valid");
        assert_eq!(
            (period.from, period.to),
            (day("2026-02-01"), day("2026-02-28"))
        );
        let period = resolve(&[("range", "last_12_months")], "2026-03-15").expect("valid");
        assert_eq!(
            (period.from, period.group),
            (day("2025-04-01"), Group::Month)
        );
        let period = resolve(
            &[
                ("range", "this_year"),
                ("group", "week"),
                ("by", "merchant"),
            ],
            "2026-03-15",
        )
        .expect("valid");
        assert_eq!(
            (period.from, period.group, period.by),
            (day("2026-01-01"), Group::Week, SeriesBy::Merchant)
        );
    }

    #[test]
    fn bad_values_name_the_allowed_ones() {
        let error = resolve(&[("range", "forever")], "2026-03-15").expect_err("unknown");
        assert_eq!(error.field, "range");
        assert!(error.message.contains("last_3_months"), "{}", error.message);
        let error = resolve(&[("group", "hour")], "2026-03-15").expect_err("unknown");
        assert!(
            error.message.contains("day, week, month"),
            "{}",
            error.message
        );
        let error = resolve(
            &[
                ("range", "custom"),
                ("from", "2026-03-10"),
                ("to", "2026-03-01"),
            ],
            "2026-03-15",
        )
        .expect_err("backwards");
        assert_eq!(error.field, "from");
        let error = resolve(
            &[
                ("range", "custom"),
                ("from", "2000-01-01"),
                ("to", "2026-03-01"),
                ("group", "day"),
            ],
            "2026-03-15",
        )
        .expect_err("too many");
        assert_eq!(error.field, "group");
    }
}
