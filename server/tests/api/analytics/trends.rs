use chrono::NaiveDate;
use serde_json::json;

use super::get_json;
use crate::{
    expenses::{add, assert_invalid, category_id, expense, set_base_currency},
    helpers::on_every_backend,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

on_every_backend!(months_split_by_category_are_summed_in_sql, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    add(&user, expense(groceries, "10.00", day("2025-01-31"))).await;
    add(&user, expense(groceries, "2.50", day("2025-02-01"))).await;
    add(&user, expense(groceries, "0.25", day("2025-02-28"))).await;
    add(&user, expense(dining, "40.00", day("2025-03-15"))).await;
    // Outside the range, and in another currency: neither counts.
    add(&user, expense(dining, "99.00", day("2024-12-31"))).await;
    let mut yen = expense(dining, "500", day("2025-02-10"));
    yen["currency"] = json!("JPY");
    add(&user, yen).await;

    let trends = get_json(
        &user,
        "/api/v1/analytics/trends?range=custom&from=2025-01-01&to=2025-03-31&group=month",
    )
    .await;
    assert_eq!(trends["currency"], "USD");
    assert_eq!(trends["buckets"], json!(["2025-01", "2025-02", "2025-03"]));
    let series = trends["series"].as_array().expect("series");
    assert_eq!(series.len(), 2);
    assert_eq!(series[0]["label"], "Dining", "largest total first");
    assert_eq!(series[0]["values"], json!([0, 0, 4000]));
    assert_eq!(series[1]["label"], "Groceries");
    assert_eq!(series[1]["key"], json!(groceries.to_string()));
    assert_eq!(series[1]["values"], json!([1000, 275, 0]));
    assert_eq!(series[1]["total_minor"], 1275);
    assert!(series[1]["color"].is_string());
});

on_every_backend!(weeks_start_on_monday_and_days_cover_every_date, |app| {
    let user = app.user().await;
    let transport = category_id(&user, "Transport").await;
    // 2025-03-03 is a Monday; the 9th a Sunday of the same week; the 10th the next Monday.
    add(&user, expense(transport, "1.00", day("2025-03-05"))).await;
    add(&user, expense(transport, "2.00", day("2025-03-09"))).await;
    add(&user, expense(transport, "4.00", day("2025-03-10"))).await;
    let weeks = get_json(
        &user,
        "/api/v1/analytics/trends?range=custom&from=2025-03-04&to=2025-03-12&group=week",
    )
    .await;
    assert_eq!(weeks["buckets"], json!(["2025-03-03", "2025-03-10"]));
    assert_eq!(weeks["series"][0]["values"], json!([300, 400]));

    let days = get_json(
        &user,
        "/api/v1/analytics/trends?range=custom&from=2025-03-08&to=2025-03-10&group=day",
    )
    .await;
    assert_eq!(
        days["buckets"],
        json!(["2025-03-08", "2025-03-09", "2025-03-10"])
    );
    assert_eq!(days["series"][0]["values"], json!([0, 200, 400]));
});

on_every_backend!(merchants_beyond_the_top_eight_are_summed_as_other, |app| {
    let user = app.user().await;
    let shopping = category_id(&user, "Shopping").await;
    for n in 1..=10 {
        let mut body = expense(shopping, &format!("{n}.00"), day("2025-05-05"));
        body["merchant"] = json!(format!("Shop {n:02}"));
        add(&user, body).await;
    }
    let trends = get_json(
        &user,
        "/api/v1/analytics/trends?range=custom&from=2025-05-01&to=2025-05-31&group=month&by=merchant",
    )
    .await;
    let series = trends["series"].as_array().expect("series");
    assert_eq!(series.len(), 9);
    assert_eq!(series[0]["label"], "Shop 10");
    assert_eq!(series[8]["key"], "other");
    assert_eq!(series[8]["total_minor"], 300, "shops 1 and 2");
});

on_every_backend!(
    trends_follow_the_base_currency_and_only_the_users_own_rows,
    |app| {
        let owner = app.user().await;
        let other = app.user().await;
        let groceries = category_id(&owner, "Groceries").await;
        add(&owner, expense(groceries, "5.00", day("2025-06-01"))).await;
        let path = "/api/v1/analytics/trends?range=custom&from=2025-06-01&to=2025-06-30";
        assert_eq!(get_json(&other, path).await["series"], json!([]));
        set_base_currency(&owner, "EUR").await;
        let trends = get_json(&owner, path).await;
        assert_eq!(trends["currency"], "EUR");
        assert_eq!(
            trends["series"],
            json!([]),
            "the USD expense is not summed as EUR"
        );
    }
);

on_every_backend!(
    bad_ranges_groups_and_splits_list_the_allowed_values,
    |app| {
        let user = app.user().await;
        for (query, field) in [
            ("range=forever", "range"),
            ("group=hour", "group"),
            ("by=vendor", "by"),
            ("range=custom&from=2025-03-10&to=2025-03-01", "from"),
            ("range=custom&from=2025-13-01&to=2025-03-01", "from"),
            ("range=custom&to=2025-03-01", "from"),
            ("range=this_month&from=2025-03-01", "range"),
            (
                "range=custom&from=1990-01-01&to=2025-03-01&group=day",
                "group",
            ),
        ] {
            let response = user.get(&format!("/api/v1/analytics/trends?{query}")).await;
            assert_invalid(response, field, &query).await;
        }
        let response = user.get("/api/v1/analytics/trends?colour=red").await;
        assert_eq!(response.status(), 400, "unknown parameters are refused");
    }
);
