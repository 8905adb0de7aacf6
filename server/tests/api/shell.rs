use crate::helpers::spawn_app;

#[tokio::test]
async fn the_home_page_is_rendered_on_the_server_with_the_shell() {
    let app = spawn_app().await;
    let user = app.user().await;
    let response = user.client.get(app.url("/")).send().await.expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let html = response.text().await.expect("html");
    assert!(
        html.contains(r#"<html lang="en" data-theme="system""#),
        "{html}"
    );
    assert!(html.contains(r#"<nav aria-label="Main""#));
    assert!(
        html.contains("/pkg/spendwise.js"),
        "the hydration script is referenced"
    );
}

#[tokio::test]
async fn visitors_are_sent_to_the_login_page() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/login?next=%2F");
}

#[tokio::test]
async fn the_theme_cookie_sets_the_theme_in_the_first_byte() {
    let app = spawn_app().await;
    let html = app
        .client
        .get(app.url("/expenses"))
        .header("cookie", "theme=dark")
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(html.contains(r#"<html lang="en" data-theme="dark""#));
}

#[tokio::test]
async fn unknown_pages_are_404_with_a_friendly_page() {
    let app = spawn_app().await;
    let response = app.get("/definitely/not/here").await;
    assert_eq!(response.status(), 404);
    assert!(
        response
            .text()
            .await
            .expect("html")
            .contains("Page not found")
    );
}

#[tokio::test]
async fn html_is_compressed_for_clients_that_accept_it() {
    let app = spawn_app().await;
    // A client that leaves the body compressed, so the header stays visible.
    let client = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .expect("client");
    let response = client
        .get(app.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.headers()["content-encoding"], "gzip");
}
