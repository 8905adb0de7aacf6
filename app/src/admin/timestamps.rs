//! Times on the admin pages: absolute and in UTC, so the server's HTML and the hydrated page
//! agree (the administrator compares them with server logs, which are in UTC too).

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// "20 Nov 2026, 14:05 UTC".
pub fn date_time(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y, %H:%M UTC").to_string()
}

/// "20 Nov 2026".
pub fn date(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y").to_string()
}

/// "14:05 UTC".
fn time_of_day(at: DateTime<Utc>) -> String {
    at.format("%H:%M UTC").to_string()
}

/// A `<time>` showing the date, with the time of day on a second, quieter line when asked (so
/// table columns stay narrow); the exact instant is in `datetime` for machines.
#[component]
pub fn Timestamp(at: DateTime<Utc>, #[prop(optional)] with_time: bool) -> impl IntoView {
    let time = with_time
        .then(|| view! { <span class="block text-xs text-muted">{time_of_day(at)}</span> });
    view! {
        <time datetime=at.to_rfc3339() class="inline-block whitespace-nowrap">
            <span class="block">{date(at)}</span>
            {time}
        </time>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        let at = DateTime::parse_from_rfc3339("2026-11-20T15:05:09+01:00")
            .expect("date")
            .to_utc();
        assert_eq!(date_time(at), "20 Nov 2026, 14:05 UTC");
        assert_eq!(date(at), "20 Nov 2026");
        assert_eq!(time_of_day(at), "14:05 UTC");
    }
}
