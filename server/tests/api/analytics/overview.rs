use chrono::{Datelike, Days, NaiveDate};
use serde_json::json;

use super::get_json;
use crate::{
    expenses::{add, category_id, expense, today_at_offset},
    helpers::on_every_backend,
};

/// As many days into last month as `today` is into this one (or its last day).
fn same_point_last_month(today: NaiveDate) -> NaiveDate {
    let this_month = today.with_day(1).expect("first");
    let last_month = this_month
        .checked_sub_months(chrono::Months::new(1))
        .expect("month");
    (last_month + Days::new(u64::from(today.day()) - 1)).min(this_month.pred_opt().expect("day"))
}

on_every_backend!(
    the_overview_compares_with_the_same_point_last_month,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let dining = category_id(&user, "Dining").await;
        let today = today_at_offset(0).await;
        let then = same_point_last_month(today);
        add(&user, expense(groceries, "30.00", today)).await;
        let largest = add(&user, expense(dining, "50.00", today)).await;
        add(&user, expense(groceries, "40.00", then)).await;
        if let Some(after) = then.succ_opt().filter(|day| day.month() == then.month()) {
            add(&user, expense(groceries, "1000.00", after)).await;
        }
        let budget = user
            .post("/api/v1/budgets", &json!({ "amount": "200" }))
            .await;
        assert_eq!(budget.status(), 201);

        let overview = get_json(&user, "/api/v1/analytics/overview").await;
        assert_eq!(overview["currency"], "USD");
        assert_eq!(overview["spent_this_month_minor"], 8000);
        assert_eq!(overview["spent_same_point_last_month_minor"], 4000);
        assert_eq!(overview["change_percent"], 100);
        assert_eq!(
            overview["daily_average_minor"],
            8000 / i64::from(today.day())
        );
        assert_eq!(overview["budget_left_minor"], 12000);
        assert_eq!(overview["largest_expense"]["id"], largest);
        assert_eq!(overview["budgets"]["lines"][0]["spent_minor"], 8000);
    }
);

on_every_backend!(the_overview_is_never_stale_after_a_change, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let today = today_at_offset(0).await;
    let empty = get_json(&user, "/api/v1/analytics/overview").await;
    assert_eq!(empty["spent_this_month_minor"], 0);
    assert_eq!(empty["change_percent"], json!(null));
    assert_eq!(empty["largest_expense"], json!(null));
    let id = add(&user, expense(groceries, "12.34", today)).await;
    let after = get_json(&user, "/api/v1/analytics/overview").await;
    assert_eq!(after["spent_this_month_minor"], 1234);
    let deleted = user.delete(&format!("/api/v1/expenses/{id}")).await;
    assert_eq!(deleted.status(), 200);
    let again = get_json(&user, "/api/v1/analytics/overview").await;
    assert_eq!(again["spent_this_month_minor"], 0);
});

on_every_backend!(
    top_queries_are_empty_and_everyones_are_for_admins_only,
    |app| {
        let admin = app.user().await;
        let user = app.user().await;
        let mine = get_json(&user, "/api/v1/analytics/top-queries").await;
        assert_eq!(mine["items"], json!([]));
        let everyone = user.get("/api/v1/analytics/top-queries?scope=all").await;
        assert_eq!(everyone.status(), 403);
        let everyone = get_json(&admin, "/api/v1/analytics/top-queries?scope=all").await;
        assert_eq!(everyone["items"], json!([]));
        let bad = user.get("/api/v1/analytics/top-queries?scope=nobody").await;
        assert_eq!(bad.status(), 422);
    }
);
