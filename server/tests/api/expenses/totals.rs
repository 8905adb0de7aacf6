//! `total` and `sums` describe the whole filter, in every currency, and stay right after every
//! change (they are cached per data version).

use serde_json::json;

use super::{
    add, category_id, create, days_ago, expense, id_set, ids, list, matching, set_base_currency,
};
use crate::helpers::on_every_backend;

on_every_backend!(the_total_and_sums_cover_the_filter_not_the_page, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    for n in 0..7 {
        let mut body = expense(groceries, "1.25", days_ago(1 + n));
        body["merchant"] = json!("Market");
        if n % 3 == 0 {
            body["currency"] = json!("JPY");
            body["amount"] = json!("300");
        }
        create(&user, &body).await;
    }
    create(&user, &expense(dining, "1000", days_ago(1))).await;
    let query = format!(
        "category_id={groceries}&q=market&from={}&limit=2",
        days_ago(6)
    );
    let page = list(&user, &query).await;
    assert_eq!(ids(&page).len(), 2);
    assert_eq!(page["total"], 6, "days 1 to 6, not the dining one");
    assert_eq!(
        page["sums"],
        json!([
            { "currency": "JPY", "amount": "600", "amount_minor": 600 },
            { "currency": "USD", "amount": "5.00", "amount_minor": 500 },
        ])
    );
});

on_every_backend!(the_total_and_sums_follow_every_change, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let totals = async |query: &str| {
        let page = list(&user, query).await;
        (page["total"].clone(), page["sums"].clone())
    };
    let usd = |minor: i64| json!([{ "currency": "USD", "amount": format!("{}.{:02}", minor / 100, minor % 100), "amount_minor": minor }]);
    let first = create(&user, &expense(groceries, "5", days_ago(1))).await;
    let in_groceries = format!("category_id={groceries}");
    assert_eq!(totals(&in_groceries).await, (json!(1), usd(500)));

    let second = create(&user, &expense(groceries, "20", days_ago(1))).await;
    assert_eq!(
        totals(&in_groceries).await,
        (json!(2), usd(2500)),
        "after a create"
    );

    let path = format!("/api/v1/expenses/{}", first["id"]);
    let response = user.patch(&path, &json!({ "amount": "7" })).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        totals(&in_groceries).await,
        (json!(2), usd(2700)),
        "after a change"
    );

    let response = user.patch(&path, &json!({ "category_id": dining })).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        totals(&in_groceries).await,
        (json!(1), usd(2000)),
        "after a move"
    );

    let response = user
        .delete(&format!("/api/v1/expenses/{}", second["id"]))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        totals(&in_groceries).await,
        (json!(0), json!([])),
        "after a delete"
    );

    let response = user
        .delete(&format!("/api/v1/categories/{dining}?move_to={groceries}"))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        totals(&in_groceries).await,
        (json!(1), usd(700)),
        "after a category move"
    );
});

on_every_backend!(amount_bounds_follow_a_new_base_currency, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let mut small = expense(groceries, "500", days_ago(1));
    small["currency"] = json!("JPY");
    let small = add(&user, small).await;
    let mut large = expense(groceries, "5000", days_ago(1));
    large["currency"] = json!("JPY");
    let large = add(&user, large).await;
    // In USD, "10" is 1000 minor units; in JPY it is 10.
    assert_eq!(matching(&user, "min_amount=10").await, id_set([large]));
    set_base_currency(&user, "JPY").await;
    assert_eq!(
        matching(&user, "min_amount=10").await,
        id_set([small, large])
    );
});
