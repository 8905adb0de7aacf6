//! Another user's category is "not found" through REST and the server functions alike, and
//! nothing answers without a session.

use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::{
    expenses::{assert_error, categories, category_id, create, days_ago, expense, written},
    helpers::{
        ApiRequest, TestUser, assert_other_user_gets_404,
        assert_other_user_gets_404_from_server_fn, on_every_backend,
    },
};

const VIEW: &str = "/api/v1/categories";

async fn call(user: &TestUser, url: &str, form: &[(&str, String)]) -> Response {
    user.client.post(url).form(form).send().await.expect("sent")
}

on_every_backend!(another_users_category_is_not_found_over_rest, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let groceries = category_id(&owner, "Groceries").await;
    let empty = category_id(&owner, "Health").await;
    create(&owner, &expense(groceries, "1", days_ago(1))).await;
    let others_dining = category_id(&other, "Dining").await;
    let owners_dining = category_id(&owner, "Dining").await;
    let before = written(&app).await;
    let requests = [
        (
            Method::PATCH,
            format!("{VIEW}/{groceries}"),
            Some(json!({ "name": "Mallory" })),
        ),
        (
            Method::PATCH,
            format!("{VIEW}/{groceries}"),
            Some(json!({ "archived": true })),
        ),
        (
            Method::PATCH,
            format!("{VIEW}/{groceries}"),
            Some(json!({ "color": "#000000" })),
        ),
        (Method::DELETE, format!("{VIEW}/{empty}"), None),
        (Method::DELETE, format!("{VIEW}/{groceries}"), None),
        (
            Method::DELETE,
            format!("{VIEW}/{groceries}?move_to={others_dining}"),
            None,
        ),
        (
            Method::DELETE,
            format!("{VIEW}/{groceries}?move_to={owners_dining}"),
            None,
        ),
    ];
    for (method, path, body) in requests {
        let request = ApiRequest { method, path, body };
        assert_other_user_gets_404(&app, &owner, &other, &request, VIEW).await;
    }
    assert_eq!(written(&app).await, before);
});

on_every_backend!(the_owner_can_use_the_category_server_functions, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    create(&user, &expense(groceries, "1", days_ago(1))).await;

    let form = [
        ("id", groceries.to_string()),
        ("update[name]", "Food".to_string()),
        ("update[archived]", "true".to_string()),
    ];
    let response = call(&user, &app.url("/api/categories/update"), &form).await;
    assert_eq!(response.status(), 200);
    let updated: Value = response.json().await.expect("json");
    assert_eq!(
        (&updated["name"], &updated["archived"]),
        (&json!("Food"), &json!(true))
    );

    let form = [("id", groceries.to_string())];
    let response = call(&user, &app.url("/api/categories/delete"), &form).await;
    assert_eq!(response.status(), 409, "it has an expense");
    let form = [
        ("id", groceries.to_string()),
        ("move_to", dining.to_string()),
    ];
    let response = call(&user, &app.url("/api/categories/delete"), &form).await;
    assert_eq!(response.status(), 200);
    let listed = categories(&user).await;
    assert!(listed.iter().all(|category| category["id"] != groceries));
});

on_every_backend!(
    another_users_category_is_not_found_through_the_server_functions,
    |app| {
        let owner = app.user().await;
        let other = app.user().await;
        let groceries = category_id(&owner, "Groceries").await;
        let empty = category_id(&owner, "Health").await;
        create(&owner, &expense(groceries, "1", days_ago(1))).await;
        let others_dining = category_id(&other, "Dining").await;
        let before = written(&app).await;
        let calls: [(&str, Vec<(&str, String)>); 5] = [
            (
                "/api/categories/update",
                vec![
                    ("id", groceries.to_string()),
                    ("update[name]", "Mallory".into()),
                ],
            ),
            (
                "/api/categories/update",
                vec![
                    ("id", groceries.to_string()),
                    ("update[archived]", "true".into()),
                ],
            ),
            ("/api/categories/delete", vec![("id", empty.to_string())]),
            (
                "/api/categories/delete",
                vec![("id", groceries.to_string())],
            ),
            (
                "/api/categories/delete",
                vec![
                    ("id", groceries.to_string()),
                    ("move_to", others_dining.to_string()),
                ],
            ),
        ];
        for (endpoint, form) in calls {
            assert_other_user_gets_404_from_server_fn(&app, &owner, &other, endpoint, &form, VIEW)
                .await;
        }
        assert_eq!(written(&app).await, before);
    }
);

on_every_backend!(categories_need_a_session, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let before = written(&app).await;
    let path = format!("{VIEW}/{groceries}");
    let attempts = [
        app.client.get(app.url(VIEW)),
        app.client
            .post(app.url(VIEW))
            .json(&json!({ "name": "Pets" })),
        app.client
            .patch(app.url(&path))
            .json(&json!({ "name": "X" })),
        app.client.delete(app.url(&path)),
    ];
    for attempt in attempts {
        assert_error(attempt.send().await.expect("sent"), 401, "unauthorized").await;
    }
    let id = groceries.to_string();
    for (endpoint, form) in [
        ("/api/categories/list", vec![]),
        (
            "/api/categories/create",
            vec![("input[name]", "Pets".to_string())],
        ),
        (
            "/api/categories/update",
            vec![("id", id.clone()), ("update[name]", "X".to_string())],
        ),
        ("/api/categories/delete", vec![("id", id.clone())]),
    ] {
        let response = app
            .client
            .post(app.url(endpoint))
            .header("content-type", "application/x-www-form-urlencoded")
            .form(&form)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 401, "{endpoint}");
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["code"], "unauthorized", "{endpoint}");
    }
    assert_eq!(written(&app).await, before);
});
