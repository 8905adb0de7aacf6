//! The dashboard's range picker: the presets, read from and written to `?range=`.

use leptos::prelude::*;

use crate::analytics::RangeQuery;

/// The ranges the dashboard offers; `custom` is left to the API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DashboardRange {
    #[default]
    ThisMonth,
    LastMonth,
    Last3Months,
    Last6Months,
    Last12Months,
    ThisYear,
}

impl DashboardRange {
    pub const ALL: [DashboardRange; 6] = [
        DashboardRange::ThisMonth,
        DashboardRange::LastMonth,
        DashboardRange::Last3Months,
        DashboardRange::Last6Months,
        DashboardRange::Last12Months,
        DashboardRange::ThisYear,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DashboardRange::ThisMonth => "this_month",
            DashboardRange::LastMonth => "last_month",
            DashboardRange::Last3Months => "last_3_months",
            DashboardRange::Last6Months => "last_6_months",
            DashboardRange::Last12Months => "last_12_months",
            DashboardRange::ThisYear => "this_year",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DashboardRange::ThisMonth => "This month",
            DashboardRange::LastMonth => "Last month",
            DashboardRange::Last3Months => "3 months",
            DashboardRange::Last6Months => "6 months",
            DashboardRange::Last12Months => "12 months",
            DashboardRange::ThisYear => "This year",
        }
    }

    /// An unknown or missing value shows this month rather than an error page.
    pub fn parse(value: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|range| Some(range.key()) == value)
            .unwrap_or_default()
    }

    pub fn href(self) -> String {
        match self {
            DashboardRange::ThisMonth => "/".into(),
            other => format!("/?range={}", other.key()),
        }
    }

    /// The trends query for this range, split `by` category or merchant.
    pub fn query(self, by: &str) -> RangeQuery {
        RangeQuery {
            range: Some(self.key().into()),
            by: Some(by.into()),
            ..RangeQuery::default()
        }
    }
}

/// Links, not buttons: they work without JavaScript and the range survives a reload.
#[component]
pub fn RangePicker(current: Memo<DashboardRange>) -> impl IntoView {
    view! {
        <nav class="segments" aria-label="Range" data-testid="range-picker">
            {DashboardRange::ALL
                .into_iter()
                .map(|range| {
                    view! {
                        <a
                            href=range.href()
                            class="segment"
                            data-range=range.key()
                            aria-current=move || (current.get() == range).then_some("true")
                        >
                            {range.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
