//! The expense server functions the page calls, over plain HTTP with form-encoded arguments as the
//! hydrated browser sends them.

use reqwest::Response;
use serde_json::Value;

use super::{category_id, create, days_ago, expense, get_expense, written};
use crate::helpers::{TestUser, assert_other_user_gets_404_from_server_fn, on_every_backend};

async fn call(user: &TestUser, url: &str, form: &[(&str, String)]) -> Response {
    user.client.post(url).form(form).send().await.expect("sent")
}

async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

on_every_backend!(the_owner_can_use_the_expense_server_functions, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let created = create(&user, &expense(groceries, "12.34", days_ago(2))).await;
    let id = created["id"].as_i64().expect("id").to_string();

    let (status, fetched) =
        json(call(&user, &app.url("/api/expenses/get"), &[("id", id.clone())]).await).await;
    assert_eq!((status, &fetched), (200, &created));

    let form = [
        ("id", id.clone()),
        ("changes[merchant]", "Via the page".to_string()),
        ("changes[amount]", "7.5".to_string()),
    ];
    let (status, updated) = json(call(&user, &app.url("/api/expenses/update"), &form).await).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["merchant"], "Via the page");
    assert_eq!(updated["amount_minor"], 750);

    let (status, error) = json(
        call(
            &user,
            &app.url("/api/expenses/update"),
            &[("id", id.clone()), ("changes[amount]", "-1".to_string())],
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(
        (error["code"].as_str(), error["field"].as_str()),
        (Some("validation"), Some("amount"))
    );

    let (status, deleted) = json(
        call(
            &user,
            &app.url("/api/expenses/delete"),
            &[("id", id.clone())],
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{deleted}");
    assert_eq!(deleted["merchant"], "Via the page");
    let (status, error) =
        json(call(&user, &app.url("/api/expenses/get"), &[("id", id)]).await).await;
    assert_eq!((status, error["code"].as_str()), (404, Some("not_found")));
});

/// `ExpenseQuery::default()` as serde_qs encodes it: `None` and the empty list are left out.
fn default_query() -> Vec<(&'static str, String)> {
    vec![
        ("query[preset]", "all".to_string()),
        ("query[sort]", "spent_on".to_string()),
        ("query[order]", "desc".to_string()),
        ("query[limit]", "25".to_string()),
    ]
}

on_every_backend!(
    the_list_server_function_reads_the_query_the_browser_sends,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let created = create(&user, &expense(groceries, "3", days_ago(1))).await;
        let form = default_query();
        let (status, page) = json(call(&user, &app.url("/api/expenses/list"), &form).await).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["items"][0], created);
        assert_eq!(page["total"], 1);
    }
);

on_every_backend!(
    another_users_expense_is_not_found_through_the_server_functions,
    |app| {
        let owner = app.user().await;
        let other = app.user().await;
        let groceries = category_id(&owner, "Groceries").await;
        let created = create(&owner, &expense(groceries, "12.34", days_ago(2))).await;
        let id = created["id"].as_i64().expect("id");
        let foreign = category_id(&other, "Dining").await;
        let view = format!("/api/v1/expenses/{id}");
        let before = written(&app).await;
        let calls: [(&str, Vec<(&str, String)>); 4] = [
            ("/api/expenses/get", vec![("id", id.to_string())]),
            (
                "/api/expenses/update",
                vec![
                    ("id", id.to_string()),
                    ("changes[merchant]", "Mallory".into()),
                ],
            ),
            (
                "/api/expenses/update",
                vec![
                    ("id", id.to_string()),
                    ("changes[category_id]", foreign.to_string()),
                ],
            ),
            ("/api/expenses/delete", vec![("id", id.to_string())]),
        ];
        for (endpoint, form) in calls {
            assert_other_user_gets_404_from_server_fn(&app, &owner, &other, endpoint, &form, &view)
                .await;
        }
        assert_eq!(written(&app).await, before);
        assert_eq!(get_expense(&owner, id).await, created);

        let (status, page) = json(
            call(
                &other,
                &app.url("/api/expenses/list"),
                &[
                    default_query(),
                    vec![("query[category_ids][0]", groceries.to_string())],
                ]
                .concat(),
            )
            .await,
        )
        .await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["total"], 0, "not even through the owner's category id");
    }
);

on_every_backend!(the_expense_server_functions_need_a_session, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let id = create(&user, &expense(groceries, "1", days_ago(1))).await["id"]
        .as_i64()
        .expect("id")
        .to_string();
    let before = written(&app).await;
    for (endpoint, form) in [
        ("/api/expenses/get", vec![("id", id.clone())]),
        (
            "/api/expenses/update",
            vec![("id", id.clone()), ("changes[note]", "x".to_string())],
        ),
        ("/api/expenses/delete", vec![("id", id.clone())]),
        ("/api/expenses/list", default_query()),
        (
            "/api/expenses/create",
            vec![
                ("expense[amount]", "1".to_string()),
                ("expense[spent_on]", days_ago(1).to_string()),
                ("expense[category_id]", groceries.to_string()),
            ],
        ),
    ] {
        let response = app
            .client
            .post(app.url(endpoint))
            .form(&form)
            .send()
            .await
            .expect("sent");
        let (status, error) = json(response).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (401, Some("unauthorized")),
            "{endpoint}"
        );
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(
    the_list_server_function_holds_the_same_limits_as_the_url,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        create(&user, &expense(groceries, "3", days_ago(1))).await;
        let with = |key: &'static str, value: &str| {
            let mut form: Vec<(&str, String)> = default_query()
                .into_iter()
                .filter(|(name, _)| *name != key)
                .collect();
            form.push((key, value.to_string()));
            form
        };
        let mut reversed = default_query();
        reversed.push(("query[from]", days_ago(1).to_string()));
        reversed.push(("query[to]", days_ago(2).to_string()));
        for (form, field) in [
            (with("query[limit]", "0"), "limit"),
            (with("query[limit]", "101"), "limit"),
            (with("query[limit]", "4000000000"), "limit"),
            (reversed, "to"),
        ] {
            let (status, error) =
                json(call(&user, &app.url("/api/expenses/list"), &form).await).await;
            assert_eq!(status, 422, "{form:?}: {error}");
            assert_eq!(error["field"], field, "{form:?}: {error}");
        }
    }
);
