//! The budget server functions the page calls, over plain HTTP with form-encoded arguments as the
//! hydrated browser sends them: the same rules, the same owner checks.

use reqwest::Response;
use serde_json::{Value, json};

use super::{
    budget, budgets_in, category_ids, create_budget, id_of, shift, spend, today_in_utc, written,
};
use crate::helpers::{
    TestApp, TestUser, assert_other_user_gets_404_from_server_fn, on_every_backend,
};

async fn call(
    app: &TestApp,
    user: &TestUser,
    endpoint: &str,
    form: &[(&str, String)],
) -> (u16, Value) {
    let response: Response = user
        .client
        .post(app.url(endpoint))
        .form(form)
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

on_every_backend!(the_owner_can_use_the_budget_server_functions, |app| {
    let user = app.user().await;
    let [groceries] = category_ids(&user, ["Groceries"]).await;
    let (_, this_month) = today_in_utc().await;
    let last = shift(this_month, -1);
    spend(&user, groceries, "30", last.first_day()).await;

    let form = [
        ("budget[category_id]", groceries.to_string()),
        ("budget[amount]", "120".to_string()),
        ("budget[month]", last.to_string()),
        ("budget[rollover]", "true".to_string()),
    ];
    let (status, created) = call(&app, &user, "/api/budgets/create", &form).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["month"], last.to_string());
    assert_eq!(created["rollover"], true);
    let id = id_of(&created);

    let (status, listed) = call(&app, &user, "/api/budgets/list", &[]).await;
    assert_eq!(
        (status, &listed),
        (200, &json!(budgets_in(&user, None).await))
    );
    assert_eq!(listed[0]["id"], id);

    let form = [("month", this_month.to_string())];
    let (status, standing) = call(&app, &user, "/api/budgets/status", &form).await;
    assert_eq!(status, 200, "{standing}");
    assert_eq!(standing["lines"][0]["carried_minor"], 9_000);

    let form = [("id", id.to_string()), ("changes[amount]", "0".to_string())];
    let (status, error) = call(&app, &user, "/api/budgets/update", &form).await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(
        (&error["code"], &error["field"]),
        (&json!("validation"), &json!("amount"))
    );

    let form = [
        ("id", id.to_string()),
        ("changes[amount]", "150".to_string()),
    ];
    let (status, changed) = call(&app, &user, "/api/budgets/update", &form).await;
    assert_eq!(status, 200, "{changed}");
    assert_ne!(id_of(&changed), id, "last month keeps its row");
    assert_eq!(changed["amount_minor"], 15_000);

    let form = [
        ("id", id.to_string()),
        ("changes[rollover]", "false".to_string()),
    ];
    let (status, error) = call(&app, &user, "/api/budgets/update", &form).await;
    assert_eq!(
        (status, &error["code"]),
        (409, &json!("conflict")),
        "{error}"
    );

    let (status, _) = call(
        &app,
        &user,
        "/api/budgets/delete",
        &[("id", id.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    assert!(budgets_in(&user, Some(last)).await.is_empty());
    assert!(budgets_in(&user, None).await.is_empty());
});

on_every_backend!(
    another_users_budget_is_not_found_through_the_server_functions,
    |app| {
        let owner = app.user().await;
        let other = app.user().await;
        let [groceries] = category_ids(&owner, ["Groceries"]).await;
        let (_, this_month) = today_in_utc().await;
        let past = create_budget(
            &owner,
            &budget(Some(groceries), "100", shift(this_month, -1), false),
        )
        .await;
        let id = id_of(&past).to_string();
        let before = written(&app).await;
        let calls: [(&str, Vec<(&str, String)>); 3] = [
            (
                "/api/budgets/update",
                vec![("id", id.clone()), ("changes[amount]", "1".into())],
            ),
            (
                "/api/budgets/update",
                vec![("id", id.clone()), ("changes[rollover]", "true".into())],
            ),
            ("/api/budgets/delete", vec![("id", id.clone())]),
        ];
        for (endpoint, form) in calls {
            assert_other_user_gets_404_from_server_fn(
                &app,
                &owner,
                &other,
                endpoint,
                &form,
                "/api/v1/budgets",
            )
            .await;
        }
        assert_eq!(written(&app).await, before);

        let (status, listed) = call(&app, &other, "/api/budgets/list", &[]).await;
        assert_eq!((status, listed), (200, json!([])));
        let form = [("month", shift(this_month, -1).to_string())];
        let (status, standing) = call(&app, &other, "/api/budgets/status", &form).await;
        assert_eq!((status, &standing["lines"]), (200, &json!([])));

        let form = [
            ("budget[category_id]", groceries.to_string()),
            ("budget[amount]", "10".to_string()),
        ];
        let (status, error) = call(&app, &other, "/api/budgets/create", &form).await;
        assert_eq!(status, 422, "{error}");
        assert_eq!(error["field"], "category_id");
        assert_eq!(written(&app).await, before);
    }
);

on_every_backend!(the_budget_server_functions_need_a_session, |app| {
    let user = app.user().await;
    let id = id_of(&create_budget(&user, &json!({ "amount": "100" })).await).to_string();
    let before = written(&app).await;
    for (endpoint, form) in [
        ("/api/budgets/list", vec![]),
        ("/api/budgets/status", vec![]),
        (
            "/api/budgets/create",
            vec![("budget[amount]", "5".to_string())],
        ),
        (
            "/api/budgets/update",
            vec![("id", id.clone()), ("changes[amount]", "5".to_string())],
        ),
        ("/api/budgets/delete", vec![("id", id.clone())]),
    ] {
        let response = app
            .client
            .post(app.url(endpoint))
            .form(&form)
            .send()
            .await
            .expect("sent");
        let status = response.status();
        let error: Value = response.json().await.expect("json");
        assert_eq!(
            (status.as_u16(), &error["code"]),
            (401, &json!("unauthorized")),
            "{endpoint}"
        );
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(a_malformed_argument_is_the_callers_fault, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    for (endpoint, form) in [
        (
            "/api/budgets/status",
            vec![("month", "2026-13".to_string())],
        ),
        ("/api/budgets/list", vec![("month", "March".to_string())]),
        (
            "/api/budgets/create",
            vec![("budget[rollover]", "true".to_string())],
        ),
        (
            "/api/budgets/create",
            vec![
                ("budget[amount]", "5".to_string()),
                ("budget[month]", "2026-1".to_string()),
            ],
        ),
        ("/api/budgets/update", vec![("id", "abc".to_string())]),
    ] {
        let (status, error) = call(&app, &user, endpoint, &form).await;
        assert!(
            (400..500).contains(&status),
            "{endpoint} {form:?}: {status} {error}"
        );
    }
    assert_eq!(written(&app).await, before);
});
