//! `/api/v1/analytics`: overview, trends and top queries against hand-computed fixtures, on
//! every database.

mod backends_agree;
mod overview;
mod trends;

use serde_json::Value;

use crate::helpers::TestUser;

async fn get_json(user: &TestUser, path: &str) -> Value {
    let response = user.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.expect("json")
}

#[tokio::test]
async fn the_openapi_document_lists_the_budget_and_analytics_endpoints() {
    let app = crate::helpers::spawn_app().await;
    let document: Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    for (path, method, tag) in [
        ("/budgets", "get", "budgets"),
        ("/budgets", "post", "budgets"),
        ("/budgets/{id}", "patch", "budgets"),
        ("/budgets/{id}", "delete", "budgets"),
        ("/budgets/status", "get", "budgets"),
        ("/analytics/overview", "get", "analytics"),
        ("/analytics/trends", "get", "analytics"),
        ("/analytics/top-queries", "get", "analytics"),
    ] {
        let operation = &document["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is documented");
        assert_eq!(operation["tags"][0], tag, "{method} {path}");
    }
}
