//! The list's filters: presets in the user's calendar, date range, categories and amount range;
//! bad values name their parameter.

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

use super::{
    add, assert_invalid, category_id, days_ago, expense, id_set, list, matching, set_timezone,
    today_at_offset,
};
use crate::helpers::on_every_backend;

on_every_backend!(presets_follow_the_users_calendar, |app| {
    let user = app.user().await;
    set_timezone(&user, "Pacific/Kiritimati").await;
    let groceries = category_id(&user, "Groceries").await;
    let today = today_at_offset(14).await;
    let month_start = today.with_day(1).expect("first of the month");
    let last_month_end = month_start - Days::new(1);
    let last_month_start = last_month_end.with_day(1).expect("first of last month");
    let older = last_month_start - Days::new(1);
    let mut added = Vec::new();
    for date in [today, month_start, last_month_end, last_month_start, older] {
        added.push(add(&user, expense(groceries, "1", date)).await);
    }
    let [today_id, start_id, end_id, last_start_id, older_id] = added[..] else {
        unreachable!()
    };
    assert_eq!(
        matching(&user, "preset=this_month").await,
        id_set([today_id, start_id])
    );
    assert_eq!(
        matching(&user, "preset=last_month").await,
        id_set([end_id, last_start_id])
    );
    let everything = id_set([today_id, start_id, end_id, last_start_id, older_id]);
    assert_eq!(matching(&user, "preset=all").await, everything);
    assert_eq!(matching(&user, "").await, everything, "All is the default");
});

on_every_backend!(dates_filter_inclusively, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let [ten, twenty, thirty] = [10, 20, 30].map(days_ago);
    let ten_id = add(&user, expense(groceries, "1", ten)).await;
    let twenty_id = add(&user, expense(groceries, "1", twenty)).await;
    let thirty_id = add(&user, expense(groceries, "1", thirty)).await;
    let range = |from: NaiveDate, to: NaiveDate| format!("from={from}&to={to}");
    assert_eq!(
        matching(&user, &range(twenty, ten)).await,
        id_set([ten_id, twenty_id])
    );
    assert_eq!(
        matching(&user, &range(twenty, twenty)).await,
        id_set([twenty_id])
    );
    assert_eq!(
        matching(&user, &format!("from={twenty}")).await,
        id_set([ten_id, twenty_id])
    );
    assert_eq!(
        matching(&user, &format!("to={twenty}")).await,
        id_set([twenty_id, thirty_id])
    );
    assert_eq!(
        matching(&user, &format!("from={}", days_ago(5))).await,
        id_set([])
    );
});

on_every_backend!(categories_filter_by_any_of_several, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let travel = category_id(&user, "Travel").await;
    let health = category_id(&user, "Health").await;
    let groceries_id = add(&user, expense(groceries, "1", days_ago(1))).await;
    let dining_id = add(&user, expense(dining, "2", days_ago(1))).await;
    add(&user, expense(travel, "3", days_ago(1))).await;
    let both = format!("category_id={groceries}&category_id={dining}");
    assert_eq!(
        matching(&user, &both).await,
        id_set([groceries_id, dining_id])
    );
    assert_eq!(
        matching(&user, &format!("category_id={dining}")).await,
        id_set([dining_id])
    );
    let empty = list(&user, &format!("category_id={health}")).await;
    assert_eq!(empty["total"], 0);
    assert_eq!(empty["items"], json!([]));
    assert_eq!(empty["sums"], json!([]));
    assert_eq!(empty["next_cursor"], Value::Null);
});

on_every_backend!(amounts_filter_inclusively_in_major_units, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let mut added = Vec::new();
    for amount in ["5.00", "12.50", "99.99", "100"] {
        added.push(add(&user, expense(groceries, amount, days_ago(1))).await);
    }
    let [five, twelve, ninety_nine, hundred] = added[..] else {
        unreachable!()
    };
    assert_eq!(
        matching(&user, "min_amount=12.50").await,
        id_set([twelve, ninety_nine, hundred])
    );
    assert_eq!(
        matching(&user, "min_amount=12,5").await,
        id_set([twelve, ninety_nine, hundred])
    );
    assert_eq!(
        matching(&user, "max_amount=99.99").await,
        id_set([five, twelve, ninety_nine])
    );
    assert_eq!(
        matching(&user, "min_amount=12.51&max_amount=100").await,
        id_set([ninety_nine, hundred])
    );
    assert_eq!(matching(&user, "min_amount=100.01").await, id_set([]));
});

on_every_backend!(bad_list_parameters_name_themselves, |app| {
    let user = app.user().await;
    for (query, field) in [
        ("preset=next_month", "preset"),
        ("from=yesterday", "from"),
        ("to=2026-13-01", "to"),
        ("from=2026-02-01&to=2026-01-01", "to"),
        ("category_id=abc", "category_id"),
        ("category_id=1.5", "category_id"),
        ("min_amount=abc", "min_amount"),
        ("max_amount=-1", "max_amount"),
        ("min_amount=1.234", "min_amount"),
        ("sort=price", "sort"),
        ("sort=SPENT_ON", "sort"),
        ("order=up", "order"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("cursor=zz", "cursor"),
        ("user_id=2", "user_id"),
        ("page=2", "page"),
    ] {
        let response = user.get(&format!("/api/v1/expenses?{query}")).await;
        assert_invalid(response, field, &query).await;
    }
    let page = list(&user, "q=&limit=&sort=&category_id=").await;
    assert_eq!(page["total"], 0, "empty values mean unset");
});
