//! Months are the user's: this month, its days left and how far ahead a budget may be planned
//! follow the time zone of the profile, and an expense counts in the month of its calendar date.

use app::budgets::Month;
use chrono::Datelike;
use serde_json::json;

use super::{assert_line, budget, category_ids, create_budget, shift, spend, status_of};
use crate::{
    expenses::{assert_invalid, body, set_timezone, today_at_offset},
    helpers::on_every_backend,
};

/// Zones without daylight saving, so their offset is known all year: the first to start a day
/// and one of the last. For a few hours each month they are in different months from UTC.
const ZONES: [(&str, i64); 2] = [("Pacific/Kiritimati", 14), ("Pacific/Pago_Pago", -11)];

on_every_backend!(this_month_is_the_month_in_the_users_time_zone, |app| {
    for (zone, offset) in ZONES {
        let user = app.user().await;
        set_timezone(&user, zone).await;
        let [groceries] = category_ids(&user, ["Groceries"]).await;
        let today = today_at_offset(offset).await;
        let this_month = Month::of(today);

        let created =
            create_budget(&user, &json!({ "category_id": groceries, "amount": "100" })).await;
        assert_eq!(created["month"], this_month.to_string(), "{zone}");
        spend(&user, groceries, "10", today).await;

        let response = user.get("/api/v1/budgets/status").await;
        let status = body(response).await;
        let days_left = i64::from(this_month.days() - today.day() + 1);
        assert_eq!(status["month"], this_month.to_string(), "{zone}: {status}");
        assert_eq!(status["days_left"], days_left, "{zone}: {status}");
        assert_line(
            &status,
            Some(groceries),
            &json!({ "spent_minor": 1_000, "daily_allowance_minor": 9_000 / days_left }),
        );
        assert_eq!(
            status_of(&user, shift(this_month, -1)).await["days_left"],
            0
        );
        let next = shift(this_month, 1);
        assert_eq!(status_of(&user, next).await["days_left"], next.days());

        create_budget(&user, &budget(None, "1", shift(this_month, 12), false)).await;
        let too_far = budget(None, "1", shift(this_month, 13), false);
        let response = user.post("/api/v1/budgets", &too_far).await;
        assert_invalid(response, "month", &format!("{zone}: {too_far}")).await;
    }
});

on_every_backend!(an_expense_counts_in_the_month_of_its_date, |app| {
    for (zone, offset) in ZONES {
        let user = app.user().await;
        set_timezone(&user, zone).await;
        let [dining] = category_ids(&user, ["Dining"]).await;
        let this_month = Month::of(today_at_offset(offset).await);
        let last = shift(this_month, -1);
        create_budget(&user, &budget(Some(dining), "100", last, false)).await;
        spend(&user, dining, "3", last.first_day()).await;
        spend(&user, dining, "30", last.last_day()).await;
        spend(&user, dining, "7", this_month.first_day()).await;

        assert_line(
            &status_of(&user, last).await,
            Some(dining),
            &json!({ "spent_minor": 3_300, "left_minor": 6_700 }),
        );
        assert_line(
            &status_of(&user, this_month).await,
            Some(dining),
            &json!({ "spent_minor": 700, "left_minor": 9_300 }),
        );
    }
});
