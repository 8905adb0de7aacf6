//! The assistant's history and suggestions over REST and server functions: conversations listed
//! newest first and paged, reopened with their answers, deleted; each user sees and deletes only
//! their own; suggestions come from the user's own data.

use reqwest::Method;
use serde_json::{Value, json};

use super::answer;
use crate::{
    budgets::{category_ids, today_in_utc},
    expenses::{assert_error, assert_invalid, body, create},
    helpers::{
        ApiRequest, TestUser, assert_documented, assert_other_user_gets_404,
        assert_other_user_gets_404_from_server_fn, assert_server_fns_refuse, on_every_backend,
        spawn_app,
    },
};

const HISTORY: &str = "/api/v1/chatbot/history";
const SUGGESTIONS: &str = "/api/v1/chatbot/suggestions";

fn conversation_path(id: &str) -> String {
    format!("{HISTORY}/{id}")
}

async fn history(user: &TestUser, query: &str) -> Value {
    let response = user.get(&format!("{HISTORY}{query}")).await;
    assert_eq!(response.status(), 200);
    body(response).await
}

fn titles(page: &Value) -> Vec<String> {
    page["conversations"]
        .as_array()
        .expect("conversations")
        .iter()
        .map(|conversation| conversation["title"].as_str().expect("a title").to_string())
        .collect()
}

/// Starts a conversation with `question` and returns its id.
async fn start(user: &TestUser, question: &str) -> String {
    let reply = answer(user, question, None).await;
    reply["conversation_id"]
        .as_str()
        .expect("a conversation")
        .to_string()
}

on_every_backend!(conversations_are_listed_newest_first_and_paged, |app| {
    let user = app.user().await;
    let first = start(&user, "how much did I spend this month").await;
    let second = start(&user, "how many expenses did I have this year").await;
    let third = start(&user, "what was my biggest expense last month").await;
    answer(&user, "and this month?", Some(&first)).await;

    let page = history(&user, "").await;
    assert_eq!(
        titles(&page),
        [
            "how much did I spend this month",
            "what was my biggest expense last month",
            "how many expenses did I have this year"
        ],
        "the follow-up made the first conversation the most recent"
    );
    assert_eq!(page["conversations"][0]["conversation_id"], first.as_str());
    assert_eq!(page["conversations"][0]["questions"], 2);
    assert_eq!(page["conversations"][1]["questions"], 1);
    assert_eq!(page["next_before"], Value::Null);

    let first_page = history(&user, "?limit=2").await;
    assert_eq!(
        first_page["conversations"].as_array().map(Vec::len),
        Some(2)
    );
    let before = first_page["next_before"].as_i64().expect("a next page");
    let rest = history(&user, &format!("?limit=2&before={before}")).await;
    assert_eq!(rest["conversations"][0]["conversation_id"], second.as_str());
    assert_eq!(rest["next_before"], Value::Null);
    assert_ne!(third, second);

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=101", "limit"),
        ("?limit=ten", "limit"),
        ("?before=yesterday", "before"),
    ] {
        assert_invalid(user.get(&format!("{HISTORY}{query}")).await, field, &query).await;
    }
});

on_every_backend!(a_conversation_reopens_with_its_answers, |app| {
    let user = app.user().await;
    let (today, _) = today_in_utc().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    create(
        &user,
        &json!({ "amount": "12.40", "spent_on": today, "category_id": dining, "merchant": "Chez Anne" }),
    )
    .await;
    let id = start(&user, "how much did I spend on dining this month").await;
    answer(&user, "and last month?", Some(&id)).await;

    let response = user.get(&conversation_path(&id)).await;
    assert_eq!(response.status(), 200);
    let conversation = body(response).await;
    assert_eq!(conversation["conversation_id"], id.as_str());
    let messages = conversation["messages"].as_array().expect("messages");
    let speakers: Vec<&str> = messages
        .iter()
        .map(|message| message["speaker"].as_str().expect("a speaker"))
        .collect();
    assert_eq!(speakers, ["user", "assistant", "user", "assistant"]);
    assert_eq!(
        messages[0]["text"],
        "how much did I spend on dining this month"
    );
    assert_eq!(messages[0]["reply"], Value::Null);
    let reply = &messages[1]["reply"];
    assert_eq!(reply["rows"][0][1], 1240, "{reply}");
    assert!(
        reply["sql"]
            .as_str()
            .is_some_and(|sql| sql.contains("expenses"))
    );
    assert!(
        messages[1]["text"]
            .as_str()
            .is_some_and(|text| text.contains("12.40")),
        "{conversation}"
    );
});

on_every_backend!(deleting_a_conversation_removes_it_and_only_it, |app| {
    let user = app.user().await;
    let other = app.user().await;
    let kept = start(&user, "how much did I spend this year").await;
    let deleted = start(&user, "how much did I spend this month").await;
    let others = start(&other, "how much did I spend this month").await;

    let response = user.delete(&conversation_path(&deleted)).await;
    assert_eq!(response.status(), 204);
    assert_error(
        user.get(&conversation_path(&deleted)).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        user.delete(&conversation_path(&deleted)).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        titles(&history(&user, "").await),
        ["how much did I spend this year"]
    );
    assert_eq!(
        body(user.get(&conversation_path(&kept)).await).await["messages"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        titles(&history(&other, "").await),
        ["how much did I spend this month"],
        "the other user's conversation with the same words is untouched"
    );
    assert_error(
        user.post(
            "/api/v1/chatbot/query",
            &json!({ "question": "and last year?", "conversation_id": deleted }),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        body(other.get(&conversation_path(&others)).await).await["conversation_id"],
        others.as_str()
    );
});

on_every_backend!(another_users_conversation_is_not_found, |app| {
    let owner = app.user().await;
    let other = app.user().await;
    let id = start(&owner, "how much did I spend this month").await;
    start(&other, "how much did I spend this year").await;
    let owner_view = conversation_path(&id);
    for method in [Method::GET, Method::DELETE] {
        let request = ApiRequest {
            method,
            path: conversation_path(&id),
            body: None,
        };
        assert_other_user_gets_404(&app, &owner, &other, &request, &owner_view).await;
    }
    for endpoint in [
        "/api/assistant/conversation",
        "/api/assistant/conversation/delete",
    ] {
        assert_other_user_gets_404_from_server_fn(
            &app,
            &owner,
            &other,
            endpoint,
            &[("conversation_id", id.clone())],
            &owner_view,
        )
        .await;
    }
    assert_eq!(
        titles(&history(&other, "").await),
        ["how much did I spend this year"],
        "the other user's list holds only their own"
    );
});

on_every_backend!(suggestions_come_from_the_users_own_data, |app| {
    let user = app.user().await;
    let other = app.user().await;
    let (today, _) = today_in_utc().await;
    let [travel] = category_ids(&user, ["Travel"]).await;
    let [others_groceries] = category_ids(&other, ["Groceries"]).await;
    for amount in ["80.00", "15.00"] {
        create(
            &user,
            &json!({ "amount": amount, "spent_on": today, "category_id": travel, "merchant": "Blue Train" }),
        )
        .await;
    }
    create(
        &other,
        &json!({ "amount": "5.00", "spent_on": today, "category_id": others_groceries, "merchant": "Secret Shop" }),
    )
    .await;
    let response = user.get(SUGGESTIONS).await;
    assert_eq!(response.status(), 200);
    let suggestions = body(response).await["suggestions"].to_string();
    assert!(
        suggestions.contains("Travel"),
        "the most used category: {suggestions}"
    );
    assert!(
        suggestions.contains("Blue Train"),
        "the most used merchant: {suggestions}"
    );
    assert!(!suggestions.contains("Secret Shop"), "{suggestions}");
});

on_every_backend!(history_and_suggestions_need_a_session, |app| {
    let user = app.user().await;
    let id = start(&user, "how much did I spend this month").await;
    let attempts = [
        app.client.get(app.url(HISTORY)),
        app.client.get(app.url(&conversation_path(&id))),
        app.client.delete(app.url(&conversation_path(&id))),
        app.client.get(app.url(SUGGESTIONS)),
        app.client
            .get(app.url(SUGGESTIONS))
            .bearer_auth("not-a-token"),
    ];
    for attempt in attempts {
        assert_error(attempt.send().await.expect("sent"), 401, "unauthorized").await;
    }
    assert_server_fns_refuse(
        &app,
        None,
        &[
            ("/api/assistant/suggestions", vec![]),
            ("/api/assistant/conversations", vec![]),
            (
                "/api/assistant/conversation",
                vec![("conversation_id", id.clone())],
            ),
            (
                "/api/assistant/conversation/delete",
                vec![("conversation_id", id.clone())],
            ),
        ],
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(
        titles(&history(&user, "").await).len(),
        1,
        "nothing was deleted"
    );
});

#[tokio::test]
async fn the_openapi_document_lists_the_assistant_endpoints() {
    assert_documented(
        &spawn_app().await,
        "assistant",
        &[
            ("/chatbot/query", "post"),
            ("/chatbot/history", "get"),
            ("/chatbot/history/{conversation_id}", "get"),
            ("/chatbot/history/{conversation_id}", "delete"),
            ("/chatbot/suggestions", "get"),
        ],
        &["Reply", "ConversationPage", "Conversation", "Suggestions"],
    )
    .await;
}
