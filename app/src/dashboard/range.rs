//! The dashboard's range, kept in the URL: a preset (`?range=last_month`) or two dates
//! (`?range=custom&from=2026-01-01&to=2026-03-31`).

use std::fmt::Write;

use chrono::NaiveDate;

use crate::analytics::RangeQuery;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    #[default]
    ThisMonth,
    LastMonth,
    Last3Months,
    Last6Months,
    Last12Months,
    ThisYear,
}

impl Preset {
    pub const ALL: [Preset; 6] = [
        Preset::ThisMonth,
        Preset::LastMonth,
        Preset::Last3Months,
        Preset::Last6Months,
        Preset::Last12Months,
        Preset::ThisYear,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Preset::ThisMonth => "this_month",
            Preset::LastMonth => "last_month",
            Preset::Last3Months => "last_3_months",
            Preset::Last6Months => "last_6_months",
            Preset::Last12Months => "last_12_months",
            Preset::ThisYear => "this_year",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::ThisMonth => "This month",
            Preset::LastMonth => "Last month",
            Preset::Last3Months => "3 months",
            Preset::Last6Months => "6 months",
            Preset::Last12Months => "12 months",
            Preset::ThisYear => "This year",
        }
    }
}

/// Percent-encodes all but URL-safe characters, the same way on the server and in the browser (a
/// date stays as it is), so both render the same links.
fn query_value(text: &str) -> String {
    text.bytes().fold(String::new(), |mut out, byte| {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
        out
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DashboardRange {
    Preset(Preset),
    /// The dates as they came in the URL, empty when missing: the form shows them back as typed.
    Custom {
        from: String,
        to: String,
    },
}

impl Default for DashboardRange {
    fn default() -> Self {
        DashboardRange::Preset(Preset::default())
    }
}

impl DashboardRange {
    /// An unknown or missing `range` shows this month rather than an error page.
    pub fn parse(range: Option<&str>, from: Option<&str>, to: Option<&str>) -> Self {
        let text = |value: Option<&str>| value.unwrap_or_default().trim().to_string();
        match range {
            Some("custom") => DashboardRange::Custom {
                from: text(from),
                to: text(to),
            },
            other => DashboardRange::Preset(
                Preset::ALL
                    .into_iter()
                    .find(|preset| Some(preset.key()) == other)
                    .unwrap_or_default(),
            ),
        }
    }

    pub fn href(&self) -> String {
        match self {
            DashboardRange::Preset(Preset::ThisMonth) => "/".into(),
            DashboardRange::Preset(preset) => format!("/?range={}", preset.key()),
            DashboardRange::Custom { from, to } => format!(
                "/?range=custom&from={}&to={}",
                query_value(from),
                query_value(to)
            ),
        }
    }

    pub fn is_custom(&self) -> bool {
        matches!(self, DashboardRange::Custom { .. })
    }

    /// The trends query for this range, split `by` category or merchant.
    pub fn query(&self, by: &str) -> RangeQuery {
        let (range, from, to) = match self {
            DashboardRange::Preset(preset) => (preset.key(), None, None),
            DashboardRange::Custom { from, to } => {
                let date = |text: &String| (!text.is_empty()).then(|| text.clone());
                ("custom", date(from), date(to))
            }
        };
        RangeQuery {
            range: Some(range.into()),
            from,
            to,
            by: Some(by.into()),
            ..RangeQuery::default()
        }
    }

    /// Why the charts cannot show this range, in the words of the form; `None` when they can.
    /// The analytics API's own check decides, so the page and the server never disagree.
    pub fn problem(&self) -> Option<&'static str> {
        let DashboardRange::Custom { from, to } = self else {
            return None;
        };
        // Custom dates do not depend on today, so any day will do for it.
        let error = self.query("category").resolve(NaiveDate::default()).err()?;
        let is_date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
        Some(if error.field == "group" {
            "That range is too long to chart; choose a shorter one."
        } else if is_date(from) && is_date(to) {
            "The start date must be on or before the end date."
        } else {
            "Choose a start and an end date."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(from: &str, to: &str) -> DashboardRange {
        DashboardRange::parse(Some("custom"), Some(from), Some(to))
    }

    #[test]
    fn the_url_round_trips() {
        let range = custom("2026-01-01", "2026-03-31");
        assert_eq!(range.href(), "/?range=custom&from=2026-01-01&to=2026-03-31");
        let query = range.query("merchant");
        assert_eq!(
            (query.from.as_deref(), query.to.as_deref()),
            (Some("2026-01-01"), Some("2026-03-31"))
        );
        assert_eq!(
            custom("1 & 2", "").href(),
            "/?range=custom&from=1%20%26%202&to="
        );
        assert_eq!(
            DashboardRange::parse(Some("last_month"), None, None).href(),
            "/?range=last_month"
        );
        assert_eq!(
            DashboardRange::parse(Some("forever"), None, None),
            DashboardRange::default()
        );
    }

    #[test]
    fn a_custom_range_needs_two_dates_in_order() {
        assert_eq!(custom("2026-01-01", "2026-03-31").problem(), None);
        assert_eq!(
            custom("2026-03-31", "2026-01-01").problem(),
            Some("The start date must be on or before the end date.")
        );
        assert_eq!(
            custom("", "2026-01-01").problem(),
            Some("Choose a start and an end date.")
        );
        assert_eq!(
            custom("yesterday", "2026-01-01").problem(),
            Some("Choose a start and an end date.")
        );
        assert_eq!(
            custom("1900-01-01", "2026-01-01").problem(),
            Some("That range is too long to chart; choose a shorter one.")
        );
        assert_eq!(DashboardRange::default().problem(), None);
    }
}
