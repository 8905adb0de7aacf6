//! The IDOR check (SECURITY.md, "Access control"): a request that reaches one user's object,
//! replayed by another user, gets 404 and changes nothing the owner can see.

use reqwest::Method;
use serde_json::Value;

use super::{TestApp, TestUser};

/// A request as the owner would make it: the path names the owner's object.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

/// Replays `request` as `other` and asserts a 404; the owner's `GET owner_view` must answer the
/// same before and after.
pub async fn assert_other_user_gets_404(
    app: &TestApp,
    owner: &TestUser,
    other: &TestUser,
    request: &ApiRequest,
    owner_view: &str,
) {
    let before = view(owner, owner_view).await;

    let mut replay = other.request(request.method.clone(), &app.url(&request.path));
    if let Some(body) = &request.body {
        replay = replay.json(body);
    }
    let response = replay.send().await.expect("request sent");
    let status = response.status();
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(
        status, 404,
        "{} {} by another user: {body}",
        request.method, request.path
    );
    assert_eq!(body["error"]["code"], "not_found", "{body}");

    let after = view(owner, owner_view).await;
    assert_eq!(
        before, after,
        "{} {} by another user changed {owner_view}",
        request.method, request.path
    );
}

/// The same check for a server function, called as the browser calls it: `form` is its arguments
/// encoded as the browser encodes them. The replay is tried with the other user's session cookie
/// alone and again with their bearer token; both get 404 and the owner's view stays the same.
pub async fn assert_other_user_gets_404_from_server_fn(
    app: &TestApp,
    owner: &TestUser,
    other: &TestUser,
    endpoint: &str,
    form: &[(&str, String)],
    owner_view: &str,
) {
    let before = view(owner, owner_view).await;
    let url = app.url(endpoint);
    let replays = [
        ("cookie", other.client.post(&url)),
        ("bearer", other.request(Method::POST, &url)),
    ];
    for (auth, replay) in replays {
        let response = replay.form(form).send().await.expect("request sent");
        let status = response.status();
        let body: Value = response.json().await.unwrap_or_default();
        assert_eq!(status, 404, "{endpoint} by another user ({auth}): {body}");
        assert_eq!(body["code"], "not_found", "{endpoint} ({auth}): {body}");
    }
    let after = view(owner, owner_view).await;
    assert_eq!(
        before, after,
        "{endpoint} by another user changed {owner_view}"
    );
}

async fn view(owner: &TestUser, path: &str) -> Value {
    let response = owner.get(path).await;
    assert_eq!(response.status(), 200, "the owner can read {path}");
    response.json().await.expect("json")
}

/// Calls each server function (`endpoint`, form arguments), with `access_token` as a bearer
/// token or without any credentials, and asserts the error status and code: e.g. 401
/// `unauthorized` without a session, 403 `forbidden` for a user calling an admin function.
pub async fn assert_server_fns_refuse(
    app: &TestApp,
    access_token: Option<&str>,
    calls: &[(&str, Vec<(&str, String)>)],
    status: u16,
    code: &str,
) {
    for (endpoint, form) in calls {
        let mut request = app.client.post(app.url(endpoint)).form(form);
        if let Some(token) = access_token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("sent");
        let actual = response.status().as_u16();
        let error: Value = response.json().await.expect("json");
        assert_eq!(
            (actual, error["code"].as_str()),
            (status, Some(code)),
            "{endpoint}: {error}"
        );
    }
}

/// Asserts the OpenAPI document lists each `(path, method)` under `tag`, behind the bearer
/// scheme, and defines each schema.
pub async fn assert_documented(
    app: &TestApp,
    tag: &str,
    operations: &[(&str, &str)],
    schemas: &[&str],
) {
    let document: Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    for (path, method) in operations {
        let operation = &document["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is documented");
        assert_eq!(operation["tags"][0], tag, "{method} {path}");
        assert_eq!(
            operation["security"],
            serde_json::json!([{ "bearer": [] }]),
            "{method} {path}"
        );
    }
    for schema in schemas {
        assert!(
            document["components"]["schemas"][schema].is_object(),
            "{schema} is documented"
        );
    }
}
