//! Budget alerts: the first time in a month that a budget reaches 80 % or 100 % of what it may
//! spend, the user gets a notification and the outbox an activity event (which the events issue
//! turns into an email). Checked at the end of each write that can move spending or a budget,
//! inside its transaction, for the current month in the user's time zone: a threshold crossed in
//! a past month by a late entry is history, not news.

use sea_orm::ConnectionTrait;
use serde_json::json;

use super::{super::labels, budget_status};
use crate::{
    AppError,
    budgets::{BudgetLine, Month, WARNING_PERCENT},
    notifications::service::{Notice, notify, used_keys},
    server::{Viewer, activity},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Threshold {
    Warning,
    Full,
}

impl Threshold {
    fn percent(self) -> i64 {
        match self {
            Threshold::Warning => WARNING_PERCENT,
            Threshold::Full => 100,
        }
    }
}

/// The highest threshold `line` has reached; nothing spent reaches nothing, even when an
/// overspent rollover left nothing available.
fn reached(line: &BudgetLine) -> Option<Threshold> {
    let (spent, available) = (line.spent_minor, line.available_minor);
    if spent <= 0 {
        None
    } else if spent >= available {
        Some(Threshold::Full)
    } else if spent.saturating_mul(100) >= available.saturating_mul(WARNING_PERCENT) {
        Some(Threshold::Warning)
    } else {
        None
    }
}

/// Budgets change rows from month to month, so the key names the series (its category), not a row.
fn dedupe_key(line: &BudgetLine, month: Month, threshold: Threshold) -> String {
    let series = line
        .category_id
        .map_or_else(|| "overall".to_string(), |id| id.to_string());
    format!("budget:{series}:{month}:{}", threshold.percent())
}

fn notice(line: &BudgetLine, month: Month, days_left: u32, threshold: Threshold) -> Notice {
    let what = line.category_name.as_deref().unwrap_or("Overall");
    let money = |minor| labels::money(minor, &line.currency);
    let (spent, available) = (money(line.spent_minor), money(line.available_minor));
    let month_name = labels::month_name(month);
    let (title, body) = match threshold {
        Threshold::Warning => (
            format!(
                "{what} budget: {} % used",
                line.percent_used.unwrap_or(WARNING_PERCENT)
            ),
            format!(
                "{spent} of {available} spent in {month_name}; {} left for {days_left} {}.",
                money(line.left_minor),
                if days_left == 1 { "day" } else { "days" },
            ),
        ),
        // An overspent rollover can leave nothing (or less) to spend this month.
        Threshold::Full if line.available_minor <= 0 => (
            format!("{what} budget: over"),
            format!(
                "{spent} spent in {month_name}, with nothing left over from last month, {} over.",
                money(line.spent_minor - line.available_minor)
            ),
        ),
        Threshold::Full if line.spent_minor > line.available_minor => (
            format!("{what} budget: over"),
            format!(
                "{spent} spent in {month_name} against {available}, {} over.",
                money(line.spent_minor - line.available_minor)
            ),
        ),
        Threshold::Full => (
            format!("{what} budget: used up"),
            format!("All {available} of {month_name} is spent."),
        ),
    };
    Notice {
        kind: "budget_alert",
        dedupe_key: dedupe_key(line, month, threshold),
        title,
        body,
        link: labels::month_href(month),
    }
}

/// Raises the alerts this month's budgets have newly earned. Call it last in a write's
/// transaction, after the change, so the alert and the change commit (or roll back) together.
pub async fn raise_alerts(db: &impl ConnectionTrait, viewer: &Viewer) -> Result<(), AppError> {
    let status = budget_status(db, viewer, None).await?;
    let earned: Vec<(&BudgetLine, Threshold)> = status
        .lines
        .iter()
        .filter_map(|line| reached(line).map(|threshold| (line, threshold)))
        .collect();
    let keys = earned
        .iter()
        .flat_map(|(line, _)| {
            [Threshold::Warning, Threshold::Full]
                .map(|threshold| dedupe_key(line, status.month, threshold))
        })
        .collect();
    let used = used_keys(db, viewer.user_id, keys).await?;
    for (line, threshold) in earned {
        // One alert per threshold, and the higher covers the lower: a budget that went straight
        // past 100 % does not report 80 % afterwards.
        let already = [Threshold::Warning, Threshold::Full]
            .into_iter()
            .filter(|covering| *covering >= threshold)
            .any(|covering| used.contains(&dedupe_key(line, status.month, covering)));
        if already {
            continue;
        }
        let notice = notice(line, status.month, status.days_left, threshold);
        let payload = json!({
            "budget_id": line.budget_id,
            "category_id": line.category_id,
            "category_name": line.category_name,
            "month": status.month,
            "threshold_percent": threshold.percent(),
            "spent_minor": line.spent_minor,
            "available_minor": line.available_minor,
            "currency": line.currency,
            "title": notice.title,
            "body": notice.body,
        });
        notify(db, viewer.user_id, notice).await?;
        activity::record(db, Some(viewer.user_id), "budget.alert", payload).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budgets::BudgetState;

    fn line(spent: i64, available: i64) -> BudgetLine {
        BudgetLine {
            budget_id: 1,
            category_id: Some(7),
            category_name: Some("Dining".into()),
            category_color: None,
            currency: "EUR".into(),
            budgeted_minor: available,
            carried_minor: 0,
            available_minor: available,
            spent_minor: spent,
            left_minor: available - spent,
            percent_used: (available > 0).then(|| spent * 100 / available),
            state: BudgetState::Under,
            daily_allowance_minor: None,
        }
    }

    #[test]
    fn thresholds_start_at_eighty_and_a_hundred_percent() {
        assert_eq!(reached(&line(0, 10_000)), None);
        assert_eq!(reached(&line(7_999, 10_000)), None);
        assert_eq!(reached(&line(8_000, 10_000)), Some(Threshold::Warning));
        assert_eq!(reached(&line(9_999, 10_000)), Some(Threshold::Warning));
        assert_eq!(reached(&line(10_000, 10_000)), Some(Threshold::Full));
        assert_eq!(reached(&line(1, -500)), Some(Threshold::Full));
        assert_eq!(reached(&line(0, -500)), None);
    }

    #[test]
    fn notices_name_the_budget_the_month_and_the_money() {
        let month: Month = "2026-11".parse().expect("a month");
        let warning = notice(&line(8_450, 10_000), month, 8, Threshold::Warning);
        assert_eq!(warning.title, "Dining budget: 84 % used");
        assert_eq!(
            warning.body,
            "84.50 EUR of 100.00 EUR spent in November 2026; 15.50 EUR left for 8 days."
        );
        assert_eq!(warning.dedupe_key, "budget:7:2026-11:80");
        assert_eq!(warning.link, "/budgets?month=2026-11");
        let over = notice(&line(12_000, 10_000), month, 8, Threshold::Full);
        assert_eq!(over.title, "Dining budget: over");
        assert_eq!(
            over.body,
            "120.00 EUR spent in November 2026 against 100.00 EUR, 20.00 EUR over."
        );
    }
}
