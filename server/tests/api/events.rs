//! `/api/v1/events`: a change made through another session reaches an open stream, another
//! user's changes never do, and the stream ends with its session.

use std::time::Duration;

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::json;

use crate::{
    expenses::{add, category_id, days_ago, expense},
    helpers::{TestUser, on_every_backend},
};

/// Far beyond the half-second poll: only a stream that never delivers runs into it.
const PATIENCE: Duration = Duration::from_secs(15);

/// The event stream as text chunks.
pub(crate) async fn open(user: &TestUser, url: &str) -> impl futures_util::Stream<Item = String> {
    let response = user
        .request(Method::GET, url)
        .send()
        .await
        .expect("stream opened");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    response.bytes_stream().map(|chunk| {
        chunk.map_or_else(
            |_| String::new(),
            |bytes| String::from_utf8_lossy(&bytes).into_owned(),
        )
    })
}

/// Reads the stream until an event carrying `data` arrives; `None` if the stream ended first.
async fn next_event(
    stream: &mut (impl futures_util::Stream<Item = String> + Unpin),
) -> Option<String> {
    let mut text = String::new();
    tokio::time::timeout(PATIENCE, async {
        while let Some(chunk) = stream.next().await {
            text.push_str(&chunk);
            if let Some(event) = text.split("\n\n").find(|event| event.contains("data:")) {
                return Some(event.to_string());
            }
        }
        None
    })
    .await
    .expect("an event or the end of the stream in time")
}

on_every_backend!(a_change_in_another_session_reaches_the_open_stream, |app| {
    let user = app.user().await;
    let other_device = app.log_in(&user.email, &user.password).await;
    let stranger = app.user().await;
    let url = app.url("/api/v1/events");
    let mut mine = Box::pin(open(&user, &url).await);
    let mut theirs = Box::pin(open(&stranger, &url).await);

    let groceries = category_id(&other_device, "Groceries").await;
    add(&other_device, expense(groceries, "3.00", days_ago(1))).await;
    let event = next_event(&mut mine).await.expect("an event");
    assert!(event.contains("event: data_changed"), "{event}");
    assert!(event.contains("\"data_version\":"), "{event}");

    // The stranger's stream saw nothing of it: their next event is their own change.
    let theirs_groceries = category_id(&stranger, "Groceries").await;
    add(&stranger, expense(theirs_groceries, "1.00", days_ago(1))).await;
    let event = next_event(&mut theirs).await.expect("their own event");
    assert!(event.contains("data_changed"), "{event}");
});

on_every_backend!(the_stream_ends_when_its_session_does, |app| {
    let user = app.user().await;
    let url = app.url("/api/v1/events");
    let mut stream = Box::pin(open(&user, &url).await);
    let response = user.post("/api/v1/auth/logout", &json!({})).await;
    assert!(response.status().is_success());
    assert_eq!(next_event(&mut stream).await, None, "the stream closed");
});

#[tokio::test]
async fn visitors_get_no_stream() {
    let app = crate::helpers::spawn_app().await;
    assert_eq!(app.get("/api/v1/events").await.status(), 401);
}
