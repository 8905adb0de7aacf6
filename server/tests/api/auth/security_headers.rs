use crate::helpers::spawn_app;

/// The nonce in `'nonce-…'` of a Content-Security-Policy.
fn nonce(policy: &str) -> &str {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {policy}"))
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy_with_a_fresh_nonce() {
    let app = spawn_app().await;
    let response = app.get("/login").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let policy = headers["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_string();
    for directive in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("'unsafe-eval'"), "{policy}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));
    assert!(
        !headers.contains_key("strict-transport-security"),
        "not over plain HTTP"
    );

    let page_nonce = nonce(&policy).to_string();
    assert!(page_nonce.len() >= 16, "{page_nonce}");
    let html = response.text().await.expect("html");
    assert!(
        html.contains(&format!("nonce=\"{page_nonce}\"")),
        "the scripts carry the nonce"
    );

    let next = app.get("/login").await;
    let next_policy = next.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert_ne!(nonce(next_policy), page_nonce, "a nonce is never reused");
}

#[tokio::test]
async fn api_answers_allow_no_content_at_all() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/health").await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}
