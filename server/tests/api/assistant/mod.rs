//! The assistant over REST: questions answered from the asker's own rows only, the SQL shown,
//! follow-ups within a conversation, the cache, the logs, and clear refusals of bad input.

use app::server::entities::prelude::{ChatMessages, QueryLog};
use chrono::{Datelike, Duration};
use reqwest::Response;
use serde_json::{Value, json};

use crate::{
    budgets::{category_ids, spend, today_in_utc},
    expenses::{assert_error, assert_invalid, body},
    helpers::{Backend, TestUser, on_every_backend, spawn_app_with},
};

mod history;
mod llm;
mod red_team;

const ASK: &str = "/api/v1/chatbot/query";

async fn ask(user: &TestUser, question: &str, conversation_id: Option<&str>) -> Response {
    user.post(
        ASK,
        &json!({ "question": question, "conversation_id": conversation_id }),
    )
    .await
}

async fn answer(user: &TestUser, question: &str, conversation_id: Option<&str>) -> Value {
    let response = ask(user, question, conversation_id).await;
    let status = response.status();
    let reply = body(response).await;
    assert_eq!(status, 200, "{question}: {reply}");
    reply
}

/// The single money figure of a one-row answer, in minor units.
fn total_of(reply: &Value) -> i64 {
    reply["rows"][0][0]
        .as_i64()
        .or_else(|| reply["rows"][0][1].as_i64())
        .unwrap_or_else(|| panic!("a total in {reply}"))
}

on_every_backend!(a_total_is_answered_from_the_askers_rows_only, |app| {
    let user = app.user().await;
    let other = app.user().await;
    let (today, _) = today_in_utc().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    let [others_dining] = category_ids(&other, ["Dining"]).await;
    spend(&user, dining, "12.50", today).await;
    spend(&user, dining, "7.25", today).await;
    spend(&other, others_dining, "999.00", today).await;
    let reply = answer(&user, "How much did I spend on dining this month?", None).await;
    assert_eq!(total_of(&reply), 1975, "{reply}");
    assert!(
        reply["answer"]
            .as_str()
            .unwrap_or_default()
            .contains("19.75"),
        "{reply}"
    );
    assert_eq!(reply["source"], "builtin");
    assert_eq!(reply["cached"], false);
    let sql = reply["sql"].as_str().expect("the SQL is shown");
    assert!(
        sql.contains("expenses") && !sql.contains("user_id"),
        "{sql}"
    );
    assert_eq!(app.count::<QueryLog>().await, 1);
    assert_eq!(app.count::<ChatMessages>().await, 2, "question and answer");
});

on_every_backend!(
    the_same_question_on_unchanged_data_comes_from_the_cache,
    |app| {
        let user = app.user().await;
        let (today, _) = today_in_utc().await;
        let [groceries] = category_ids(&user, ["Groceries"]).await;
        spend(&user, groceries, "40.00", today).await;
        let question = "how much did I spend on groceries this month";
        let first = answer(&user, question, None).await;
        let again = answer(&user, question, None).await;
        assert_eq!(again["cached"], true, "{again}");
        assert_eq!(again["rows"], first["rows"]);
        spend(&user, groceries, "2.00", today).await;
        let after_a_write = answer(&user, question, None).await;
        assert_eq!(
            after_a_write["cached"], false,
            "a write makes the cache stale"
        );
        assert_eq!(total_of(&after_a_write), 4200);
    }
);

on_every_backend!(a_follow_up_continues_the_conversation, |app| {
    let user = app.user().await;
    let (today, _) = today_in_utc().await;
    let [transport] = category_ids(&user, ["Transport"]).await;
    let last_month = today.with_day(1).expect("a first day") - Duration::days(3);
    spend(&user, transport, "5.00", today).await;
    spend(&user, transport, "30.00", last_month).await;
    let first = answer(&user, "how much did I spend on transport this month?", None).await;
    assert_eq!(total_of(&first), 500);
    let conversation = first["conversation_id"].as_str().expect("a conversation");
    let follow_up = answer(&user, "and last month?", Some(conversation)).await;
    assert_eq!(follow_up["conversation_id"], conversation);
    assert_eq!(total_of(&follow_up), 3000, "{follow_up}");
});

on_every_backend!(questions_it_cannot_understand_get_suggestions, |app| {
    let user = app.user().await;
    let reply = answer(&user, "how much did I spend on zebras", None).await;
    assert_eq!(
        reply["sql"],
        Value::Null,
        "nothing is run on a guess: {reply}"
    );
    assert!(
        !reply["suggestions"]
            .as_array()
            .expect("suggestions")
            .is_empty()
    );
    assert_eq!(app.count::<QueryLog>().await, 0);
});

on_every_backend!(bad_questions_and_foreign_conversations_are_refused, |app| {
    let user = app.user().await;
    let other = app.user().await;
    assert_invalid(ask(&user, "   ", None).await, "question", &"blank").await;
    assert_invalid(
        ask(&user, &"a".repeat(501), None).await,
        "question",
        &"long",
    )
    .await;
    let mine = answer(&user, "how much did I spend this month", None).await;
    let conversation = mine["conversation_id"].as_str().expect("a conversation");
    assert_error(
        ask(&other, "and last month?", Some(conversation)).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        ask(&user, "hi", Some("no-such-conversation")).await,
        404,
        "not_found",
    )
    .await;
    let unknown_field = user
        .post(ASK, &json!({ "question": "how much", "sql": "SELECT 1" }))
        .await;
    assert_eq!(unknown_field.status(), 422);
});

#[tokio::test]
async fn questions_beyond_the_per_minute_limit_are_refused_for_that_user_only() {
    let app = spawn_app_with(Backend::Sqlite, |config| {
        config.assistant_questions_per_minute = std::num::NonZeroU32::new(2).expect("non-zero");
    })
    .await
    .expect("SQLite is always available");
    let user = app.user().await;
    let other = app.user().await;
    let question = "how much did I spend this month";
    answer(&user, question, None).await;
    answer(&user, question, None).await;
    let refused = ask(&user, question, None).await;
    assert!(
        refused.headers().contains_key("retry-after"),
        "says when to try again"
    );
    assert_error(refused, 429, "rate_limited").await;
    answer(&other, question, None).await;
}
