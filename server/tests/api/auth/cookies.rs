//! The browser side of sessions: cookie attributes, silent refresh, caching.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{
    ACCESS_COOKIE, Backend, REFRESH_COOKIE, TestApp, TestUser, claims_of, set_cookie, sets_cookie,
    spawn_app, spawn_app_with,
};

/// A browser that sends exactly the cookies a test gives it.
async fn browser_get(app: &TestApp, path: &str, cookies: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
        .get(app.url(path))
        .header("cookie", cookies)
        .send()
        .await
        .expect("sent")
}

async fn login(app: &TestApp, user: &TestUser) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/login",
        &json!({ "email": user.email, "password": user.password }),
    )
    .await
}

#[tokio::test]
async fn login_sets_host_only_secure_http_only_session_cookies() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = login(&app, &user).await;
    assert_eq!(response.status(), 200);

    let access = set_cookie(&response, ACCESS_COOKIE);
    let refresh = set_cookie(&response, REFRESH_COOKIE);
    for cookie in [&access, &refresh] {
        assert!(cookie.name().starts_with("__Host-"));
        assert!(cookie.http_only(), "{} is HttpOnly", cookie.name());
        assert!(cookie.secure(), "{} is Secure", cookie.name());
        assert_eq!(cookie.path(), Some("/"));
        assert_eq!(cookie.domain(), None, "{} has no Domain", cookie.name());
    }
    assert!(access.same_site_lax());
    assert!(refresh.same_site_strict());
    assert_eq!(access.max_age(), Some(Duration::from_secs(900)));
    let thirty_days = Duration::from_secs(30 * 24 * 60 * 60);
    assert!(
        refresh
            .max_age()
            .is_some_and(|age| age <= thirty_days && age > thirty_days - Duration::from_secs(60))
    );

    let theme = set_cookie(&response, "theme");
    assert!(!theme.http_only(), "the page reads the theme");
    assert_eq!(theme.value(), "system");

    let (access_value, refresh_value) = (access.value().to_string(), refresh.value().to_string());
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["access_token"], access_value.as_str());
    assert_eq!(body["refresh_token"], refresh_value.as_str());
}

#[tokio::test]
async fn logging_out_clears_the_session_cookies() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = user.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(response.status(), 204);
    for name in [ACCESS_COOKIE, REFRESH_COOKIE] {
        let cookie = set_cookie(&response, name);
        assert_eq!(cookie.value(), "");
        assert_eq!(cookie.max_age(), Some(Duration::ZERO), "{name}");
        assert_eq!(cookie.path(), Some("/"));
        assert!(cookie.secure());
    }
    let after = user
        .client
        .get(app.url("/api/v1/auth/profile"))
        .send()
        .await
        .expect("sent");
    assert_eq!(after.status(), 401, "the browser forgot the session");
}

#[tokio::test]
async fn a_browser_with_only_its_refresh_cookie_is_refreshed_silently() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = browser_get(
        &app,
        "/api/v1/auth/profile",
        &format!("{REFRESH_COOKIE}={}", user.refresh_token),
    )
    .await;
    assert_eq!(response.status(), 200);
    let access = set_cookie(&response, ACCESS_COOKIE).value().to_string();
    let refresh = set_cookie(&response, REFRESH_COOKIE).value().to_string();
    assert_ne!(refresh, user.refresh_token, "the refresh token rotated");
    assert_eq!(claims_of(&access)["sid"], user.session_id());
    assert_eq!(response.json::<Value>().await.expect("json")["id"], user.id);

    let with_new_cookies = browser_get(
        &app,
        "/api/v1/auth/profile",
        &format!("{ACCESS_COOKIE}={access}; {REFRESH_COOKIE}={refresh}"),
    )
    .await;
    assert_eq!(with_new_cookies.status(), 200);
    assert!(
        !sets_cookie(&with_new_cookies, REFRESH_COOKIE),
        "a live access cookie needs no rotation"
    );
}

#[tokio::test]
async fn an_expired_access_cookie_is_replaced_on_a_page_load() {
    let app = spawn_app().await;
    let user = app.user().await;
    let mut claims = claims_of(&user.access_token);
    claims["exp"] = json!(chrono::Utc::now().timestamp() - 60);
    let expired = app.sign_access_token(&claims);
    let cookies = format!(
        "{ACCESS_COOKIE}={expired}; {REFRESH_COOKIE}={}",
        user.refresh_token
    );

    let response = browser_get(&app, "/", &cookies).await;
    assert_eq!(response.status(), 200);
    assert_ne!(set_cookie(&response, ACCESS_COOKIE).value(), expired);
    assert!(sets_cookie(&response, REFRESH_COOKIE));
}

#[tokio::test]
async fn a_dead_session_in_the_cookies_is_cleared() {
    let app = spawn_app().await;
    let user = app.user().await;
    assert_eq!(
        user.post("/api/v1/auth/logout", &json!({})).await.status(),
        204
    );
    let response = browser_get(
        &app,
        "/api/v1/auth/profile",
        &format!(
            "{ACCESS_COOKIE}={}; {REFRESH_COOKIE}={}",
            user.access_token, user.refresh_token
        ),
    )
    .await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        set_cookie(&response, REFRESH_COOKIE).max_age(),
        Some(Duration::ZERO)
    );
}

#[tokio::test]
async fn the_refresh_endpoint_reads_the_refresh_cookie() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = user
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let refresh = set_cookie(&response, REFRESH_COOKIE).value().to_string();
    assert!(sets_cookie(&response, ACCESS_COOKIE));
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["refresh_token"], refresh.as_str());
}

#[tokio::test]
async fn authenticated_responses_are_never_cached() {
    let app = spawn_app().await;
    let user = app.user().await;
    for path in ["/api/v1/auth/profile", "/api/v1/auth/sessions", "/"] {
        let response = user.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let page = browser_get(&app, "/", &format!("{ACCESS_COOKIE}={}", user.access_token)).await;
    assert_eq!(page.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn responses_carrying_tokens_are_never_cached() {
    let app = spawn_app().await;
    let user = app.user().await;
    let login = login(&app, &user).await;
    assert_eq!(login.status(), 200);
    assert_eq!(
        login
            .headers()
            .get("cache-control")
            .and_then(|value| value.to_str().ok()),
        Some("no-store")
    );
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": user.refresh_token }),
        )
        .await;
    assert_eq!(refresh.status(), 200);
    assert_eq!(
        refresh
            .headers()
            .get("cache-control")
            .and_then(|value| value.to_str().ok()),
        Some("no-store")
    );
}

#[tokio::test]
async fn without_secure_cookies_the_host_prefix_is_dropped_too() {
    let app = spawn_app_with(Backend::Sqlite, |config| config.cookie_secure = false)
        .await
        .expect("SQLite is always available");
    let user = app.user().await;
    let response = login(&app, &user).await;
    assert_eq!(response.status(), 200);
    for name in ["spendwise-access", "spendwise-refresh"] {
        let cookie = set_cookie(&response, name);
        assert!(!cookie.secure(), "{name}");
        assert!(cookie.http_only(), "{name}");
    }
    assert!(!sets_cookie(&response, ACCESS_COOKIE));
}
