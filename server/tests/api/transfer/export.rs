//! The export: the caller's expenses matching the list's filter, newest first, as a CSV download
//! a spreadsheet cannot run, which imports back into the same expenses.

use chrono::{Datelike, Days};
use reqwest::Response;
use serde_json::{Value, json};

use super::{EXPORT, PREVIEW, expenses_of, imported};
use crate::expenses::{assert_invalid, body, category_id, create, new_category, today_at_offset};
use crate::helpers::{TestUser, on_every_backend};

const HEADER: &str = "date,amount,currency,category,merchant,note,tags\n";

async fn export(user: &TestUser, query: &str) -> Response {
    user.get(&format!("{EXPORT}?{query}")).await
}

/// The exported file, which must be a 200.
async fn exported(user: &TestUser, query: &str) -> String {
    let response = export(user, query).await;
    assert_eq!(response.status(), 200, "?{query}");
    response.text().await.expect("text")
}

/// The merchant column of an export whose cells hold no delimiter, quote or line break.
async fn merchants(user: &TestUser, query: &str) -> Vec<String> {
    exported(user, query)
        .await
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(4).expect("a merchant cell").to_string())
        .collect()
}

on_every_backend!(
    the_export_is_a_private_download_of_the_callers_expenses,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let dining = category_id(&user, "Dining").await;
        create(
            &user,
            &json!({ "amount": "12.34", "spent_on": "2025-01-10", "category_id": groceries,
                "merchant": "Corner Shop", "note": "milk", "tags": ["food", "weekly"] }),
        )
        .await;
        create(
            &user,
            &json!({ "amount": "1500", "currency": "JPY", "spent_on": "2025-01-12", "category_id": dining,
                "merchant": "Sushi, \"Bar\"", "note": "line\nbreak" }),
        )
        .await;
        let other = app.user().await;
        let other_groceries = category_id(&other, "Groceries").await;
        create(
            &other,
            &json!({ "amount": "99", "spent_on": "2025-01-11", "category_id": other_groceries, "merchant": "Secret" }),
        )
        .await;

        let response = export(&user, "").await;

        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
        let disposition = headers["content-disposition"].to_str().expect("ascii");
        assert!(
            disposition.starts_with("attachment; filename=\"spendwise-expenses-")
                && disposition.ends_with(".csv\""),
            "{disposition}"
        );
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(
            response.text().await.expect("text"),
            format!(
                "{HEADER}\
                 2025-01-12,1500,JPY,Dining,\"Sushi, \"\"Bar\"\"\",\"line\nbreak\",\n\
                 2025-01-10,12.34,USD,Groceries,Corner Shop,milk,\"food, weekly\"\n"
            )
        );
        assert_eq!(
            exported(&other, "").await,
            format!("{HEADER}2025-01-11,99.00,USD,Groceries,Secret,,\n")
        );
        assert_eq!(
            exported(&app.user().await, "").await,
            HEADER,
            "a new user's export is empty"
        );
    }
);

on_every_backend!(
    the_export_follows_the_lists_filter_but_not_its_paging,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let dining = category_id(&user, "Dining").await;
        let this_month = today_at_offset(0)
            .await
            .with_day(1)
            .expect("first of the month");
        let last_month = this_month - Days::new(1);
        for (date, category, merchant, amount, note) in [
            (this_month.to_string(), groceries, "Market", "10", ""),
            (last_month.to_string(), dining, "Bistro", "20", ""),
            (
                "2024-06-01".to_string(),
                groceries,
                "Market Hall",
                "30",
                "fresh",
            ),
        ] {
            create(
            &user,
            &json!({ "amount": amount, "spent_on": date, "category_id": category, "merchant": merchant, "note": note }),
        )
        .await;
        }
        let other = app.user().await;
        let other_groceries = category_id(&other, "Groceries").await;
        create(
        &other,
        &json!({ "amount": "1", "spent_on": this_month, "category_id": other_groceries, "merchant": "Market Stall" }),
    )
    .await;

        for (query, expected) in [
            ("", vec!["Market", "Bistro", "Market Hall"]),
            (
                "limit=1&sort=amount&order=asc",
                vec!["Market", "Bistro", "Market Hall"],
            ),
            ("preset=this_month", vec!["Market"]),
            ("preset=last_month", vec!["Bistro"]),
            ("preset=all", vec!["Market", "Bistro", "Market Hall"]),
            (
                &format!("category_id={groceries}"),
                vec!["Market", "Market Hall"],
            ),
            (
                &format!("category_id={dining}&category_id={groceries}"),
                vec!["Market", "Bistro", "Market Hall"],
            ),
            (&format!("category_id={other_groceries}"), vec![]),
            ("q=MARKET", vec!["Market", "Market Hall"]),
            ("q=fresh", vec!["Market Hall"]),
            ("from=2024-01-01&to=2024-12-31", vec!["Market Hall"]),
            ("min_amount=15&max_amount=25", vec!["Bistro"]),
        ] {
            assert_eq!(merchants(&user, query).await, expected, "?{query}");
        }
        for (query, field) in [("preset=next_month", "preset"), ("from=yesterday", "from")] {
            assert_invalid(export(&user, query).await, field, &query).await;
        }
    }
);

on_every_backend!(cells_a_spreadsheet_would_run_are_neutralised, |app| {
    let user = app.user().await;
    let evil = new_category(&user, "=Evil", false).await;
    create(
        &user,
        &json!({ "amount": "5", "spent_on": "2025-01-10", "category_id": evil,
            "merchant": "=SUM(A1)", "note": "+1 555 0100", "tags": ["@home", "x"] }),
    )
    .await;
    let groceries = category_id(&user, "Groceries").await;
    create(
        &user,
        &json!({ "amount": "6", "spent_on": "2025-01-09", "category_id": groceries,
            "merchant": "-minus", "note": "a=b", "tags": ["-1"] }),
    )
    .await;
    assert_eq!(
        exported(&user, "").await,
        format!(
            "{HEADER}\
             2025-01-10,5.00,USD,'=Evil,'=SUM(A1),'+1 555 0100,\"'@home, x\"\n\
             2025-01-09,6.00,USD,Groceries,'-minus,a=b,'-1\n"
        )
    );
});

/// The preview's suggested options as a query string, with missing categories created.
fn options_from(preview: &Value) -> String {
    let mut pairs: Vec<String> = preview["suggested"]
        .as_object()
        .expect("suggested options")
        .iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| match value {
            Value::String(text) => format!("{key}={text}"),
            value => format!("{key}={value}"),
        })
        .collect();
    pairs.push("create_categories=true".into());
    pairs.retain(|pair| pair != "create_categories=false");
    pairs.join("&")
}

on_every_backend!(an_export_imports_back_into_the_same_expenses, |app| {
    let owner = app.user().await;
    let groceries = category_id(&owner, "Groceries").await;
    let books = new_category(&owner, "Books & Comics", false).await;
    for (amount, date, category, merchant, note) in [
        ("12.34", "2025-01-10", groceries, "Corner Shop", "milk"),
        (
            "1234.56",
            "2025-01-11",
            books,
            "Shop, \"The\" Best",
            "two\nlines",
        ),
        ("0.01", "2025-01-12", books, "Ünïcödé Café", ""),
        ("7", "2025-01-12", groceries, "", "no merchant"),
        ("10000000000", "2024-12-31", groceries, "Big", ""),
    ] {
        create(
            &owner,
            &json!({ "amount": amount, "spent_on": date, "category_id": category, "merchant": merchant, "note": note }),
        )
        .await;
    }
    let file = exported(&owner, "").await;

    let newcomer = app.user().await;
    let response = newcomer.post_csv(PREVIEW, &file).await;
    assert_eq!(response.status(), 200);
    let options = options_from(&body(response).await);
    let outcome = imported(&newcomer, &options, &file).await;

    assert_eq!(outcome["imported"], 5, "{options}");
    assert_eq!(outcome["created_categories"], json!(["Books & Comics"]));
    assert_eq!(
        sorted(expenses_of(&newcomer).await),
        sorted(expenses_of(&owner).await)
    );
});

/// Expenses in an order that does not depend on their ids (the export lists ties newest first).
fn sorted(mut expenses: Vec<Value>) -> Vec<Value> {
    expenses.sort_by_key(Value::to_string);
    expenses
}
