//! Another user's notification is "not found" and stays unread; each user's bell holds only
//! their own alerts; nothing answers without a session; the OpenAPI document lists the endpoints.

use reqwest::Method;
use serde_json::{Value, json};

use super::{LIST, READ_ALL, bell, ids, read_path, rows_of, titles, use_up};
use crate::{
    expenses::assert_error,
    helpers::{
        ApiRequest, assert_documented, assert_other_user_gets_404,
        assert_other_user_gets_404_from_server_fn, assert_server_fns_refuse, on_every_backend,
        spawn_app,
    },
};

on_every_backend!(another_users_notification_is_not_found, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    use_up(&owner, "Dining").await;
    use_up(&other, "Dining").await;
    let [id] = ids(&bell(&owner).await)[..] else {
        panic!("one notification");
    };
    let request = ApiRequest {
        method: Method::POST,
        path: read_path(id),
        body: None,
    };
    assert_other_user_gets_404(&app, &owner, &other, &request, LIST).await;
    let form = [("id", id.to_string())];
    assert_other_user_gets_404_from_server_fn(
        &app,
        &owner,
        &other,
        "/api/notifications/read",
        &form,
        LIST,
    )
    .await;
    let rows = rows_of(&app, &owner).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].read_at, None,
        "the owner's notification stays unread"
    );
    assert_eq!(
        bell(&other).await["unread"],
        1,
        "nor was the other's own one read"
    );
});

on_every_backend!(each_user_sees_and_reads_only_their_own, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    use_up(&owner, "Dining").await;
    use_up(&owner, "Groceries").await;
    assert_eq!(bell(&other).await, json!({ "items": [], "unread": 0 }));
    use_up(&other, "Transport").await;

    assert_eq!(titles(&other).await, ["Transport budget: used up"]);
    assert_eq!(
        titles(&owner).await,
        ["Groceries budget: used up", "Dining budget: used up"]
    );
    let response = other.post(READ_ALL, &json!({})).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.expect("json"),
        json!({ "marked": 1 })
    );
    assert_eq!(bell(&other).await["unread"], 0);
    assert_eq!(
        bell(&owner).await["unread"],
        2,
        "the owner's are still unread"
    );
    assert!(
        rows_of(&app, &owner)
            .await
            .iter()
            .all(|row| row.read_at.is_none())
    );
});

on_every_backend!(notifications_need_a_session, |app| {
    let user = app.user().await;
    use_up(&user, "Dining").await;
    let before = bell(&user).await;
    let id = ids(&before)[0];
    let attempts = [
        app.client.get(app.url(LIST)),
        app.client.post(app.url(&read_path(id))),
        app.client.post(app.url(READ_ALL)),
        app.client.get(app.url(LIST)).bearer_auth("not-a-token"),
        app.client
            .post(app.url(READ_ALL))
            .bearer_auth("not-a-token"),
    ];
    for attempt in attempts {
        assert_error(attempt.send().await.expect("sent"), 401, "unauthorized").await;
    }
    assert_server_fns_refuse(
        &app,
        None,
        &[
            ("/api/notifications/list", vec![]),
            ("/api/notifications/read", vec![("id", id.to_string())]),
            ("/api/notifications/read_all", vec![]),
        ],
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(bell(&user).await, before, "nothing was marked read");
});

#[tokio::test]
async fn the_openapi_document_lists_the_notification_endpoints() {
    assert_documented(
        &spawn_app().await,
        "notifications",
        &[
            ("/notifications", "get"),
            ("/notifications/{id}/read", "post"),
            ("/notifications/read-all", "post"),
        ],
        &["Notifications", "NotificationView", "MarkedRead"],
    )
    .await;
}
