//! The language-model planner over a real HTTP round trip to a fake chat-completions server:
//! what the model is told, how its replies are read, and that every failure (refusals, server
//! errors, rate limits, malformed bodies, silence, no server at all, unsafe SQL) ends in an
//! answer from the built-in engine that says so.

use std::{num::NonZeroU64, time::Duration};

use serde_json::{Value, json};
use server::Config;

use super::{answer, total_of};
use crate::{
    budgets::{category_ids, spend, today_in_utc},
    helpers::{Backend, FakeLlm, Scripted, TestApp, TestUser, spawn_app_with},
};

const TOTAL_SQL: &str = "SELECT sum(amount_minor) AS total_minor FROM expenses";

async fn app_with_model(base_url: &str, configure: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_with(Backend::Sqlite, |config| {
        config.llm_base_url = Some(base_url.to_string());
        config.llm_api_key = Some("test-key".to_string().into());
        config.llm_model = "fake-model".into();
        configure(config);
    })
    .await
    .expect("SQLite is always available")
}

/// A user who spent 12.50 on dining today.
async fn diner(app: &TestApp) -> TestUser {
    let user = app.user().await;
    let (today, _) = today_in_utc().await;
    let [dining] = category_ids(&user, ["Dining"]).await;
    spend(&user, dining, "12.50", today).await;
    user
}

/// A fake model that answers every question with the total.
async fn totalling_model() -> FakeLlm {
    FakeLlm::start(|_| Scripted::Sql(TOTAL_SQL.into())).await
}

fn notice(reply: &Value) -> &str {
    reply["notice"].as_str().unwrap_or_default()
}

/// The built-in engine answered and said why the model did not.
fn assert_fell_back(reply: &Value, because: &str) {
    assert_eq!(reply["source"], "builtin", "{reply}");
    assert_eq!(
        total_of(reply),
        1250,
        "the built-in engine's answer: {reply}"
    );
    assert!(
        notice(reply).contains("language model could not answer")
            && notice(reply).contains(because),
        "a notice saying `{because}`: {reply}"
    );
}

const QUESTION: &str = "how much did I spend on dining this month?";

#[tokio::test]
async fn the_models_sql_answers_and_the_prompt_holds_the_schema_dialect_date_and_names() {
    let model = FakeLlm::start(|_| {
        Scripted::Content(
            json!({
                "sql": "SELECT c.name AS category, sum(e.amount_minor) AS spent_minor FROM expenses e JOIN categories c ON c.id = e.category_id GROUP BY c.name",
                "chart": { "kind": "bar", "label_column": "category", "value_column": "spent_minor" },
            })
            .to_string(),
        )
    })
    .await;
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, "spending by category", None).await;
    assert_eq!(reply["source"], "llm", "{reply}");
    assert_eq!(reply["rows"], json!([["Dining", 1250]]));
    assert_eq!(reply["chart"]["kind"], "bar");
    assert_eq!(reply["answer"], "category: Dining, spent: 12.50 USD.");
    assert_eq!(reply["notice"], Value::Null);

    let [request] = model.requests().try_into().expect("exactly one request");
    assert_eq!(request.authorization.as_deref(), Some("Bearer test-key"));
    assert_eq!(request.body["model"], "fake-model");
    assert_eq!(request.question(), "spending by category");
    let prompt = request.prompt();
    let (today, _) = today_in_utc().await;
    for told in [
        "CREATE TABLE expenses",
        "SQLite",
        &format!("today is {today}"),
        "UTC",
        "Dining",
        "USD",
    ] {
        assert!(prompt.contains(told), "the prompt tells `{told}`: {prompt}");
    }
    assert!(
        !prompt.contains(&user.email),
        "nothing about the account itself"
    );
}

#[tokio::test]
async fn a_chart_naming_columns_the_result_lacks_is_dropped() {
    let model = FakeLlm::start(|_| {
        Scripted::Content(
            json!({ "sql": TOTAL_SQL, "chart": { "kind": "line", "label_column": "day", "value_column": "nope" } })
                .to_string(),
        )
    })
    .await;
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_eq!(reply["source"], "llm");
    assert_eq!(reply["chart"], Value::Null, "{reply}");
}

#[tokio::test]
async fn a_follow_up_tells_the_model_the_previous_question_and_its_sql() {
    let model = totalling_model().await;
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let first = answer(&user, QUESTION, None).await;
    let conversation = first["conversation_id"].as_str().expect("a conversation");
    answer(&user, "and last month?", Some(conversation)).await;
    let requests = model.requests();
    let follow_up = &requests[1];
    assert_eq!(follow_up.question(), "and last month?");
    let messages = follow_up.body["messages"].as_array().expect("messages");
    let told: Vec<(&str, &str)> = messages
        .iter()
        .map(|m| {
            (
                m["role"].as_str().unwrap_or_default(),
                m["content"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        told.windows(3).any(|w| w[0] == ("user", QUESTION)
            && w[1].0 == "assistant"
            && w[1].1.contains(TOTAL_SQL)
            && w[2] == ("user", "and last month?")),
        "{told:?}"
    );
}

#[tokio::test]
async fn worked_examples_come_from_the_askers_own_history_only() {
    let model = totalling_model().await;
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let other = diner(&app).await;
    answer(&user, "what did my secret hobby cost", None).await;
    answer(&other, "how much in total", None).await;
    answer(&user, "how much in total", None).await;
    let requests = model.requests();
    assert!(
        !requests[1].prompt().contains("secret hobby"),
        "another user's question is never shown to the model"
    );
    assert!(
        requests[2]
            .prompt()
            .contains("what did my secret hobby cost"),
        "the asker's own verified question is an example: {}",
        requests[2].prompt()
    );
}

#[tokio::test]
async fn a_refused_request_falls_back_at_once() {
    let model = totalling_model().await;
    model.queue([Scripted::Status(401)]);
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "answered 401");
    assert_eq!(model.requests().len(), 1, "a refused key is not retried");
}

#[tokio::test]
async fn server_errors_are_retried_three_times_then_fall_back() {
    let model = totalling_model().await;
    model.queue([
        Scripted::Status(500),
        Scripted::Status(502),
        Scripted::Status(503),
        Scripted::Status(504),
    ]);
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "answered 504");
    assert_eq!(model.requests().len(), 4, "the first try and three retries");
}

#[tokio::test]
async fn a_rate_limit_is_waited_out_and_the_model_answers() {
    let model = totalling_model().await;
    model.queue([Scripted::Status(429), Scripted::Status(429)]);
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_eq!(reply["source"], "llm", "{reply}");
    assert!(
        reply["sql"]
            .as_str()
            .is_some_and(|sql| sql.starts_with(TOTAL_SQL)),
        "the model's SQL, with the guard's LIMIT: {reply}"
    );
    assert_eq!(total_of(&reply), 1250);
    assert_eq!(model.requests().len(), 3, "two 429s, then the answer");
}

#[tokio::test]
async fn a_malformed_body_falls_back() {
    let model = totalling_model().await;
    model.queue([Scripted::Malformed]);
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "not valid JSON");
}

#[tokio::test]
async fn prose_without_a_query_falls_back() {
    let model = totalling_model().await;
    model.queue([Scripted::Content(
        "I'm sorry, I cannot help with that.".into(),
    )]);
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "held no query");
}

#[tokio::test]
async fn a_silent_model_is_given_up_on_after_the_timeout() {
    let model = totalling_model().await;
    model.queue([Scripted::Slow(
        Duration::from_secs(30),
        Box::new(Scripted::Sql(TOTAL_SQL.into())),
    )]);
    let app = app_with_model(&model.base_url, |config| {
        config.llm_timeout_secs = NonZeroU64::MIN;
    })
    .await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "no reply within 1s");
}

#[tokio::test]
async fn an_unreachable_model_server_falls_back() {
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("an address");
    let app = app_with_model(&format!("http://{closed}/v1"), |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "could not be reached");
}

#[tokio::test]
async fn sql_the_guard_refuses_is_not_run_and_the_built_in_engine_answers() {
    let model = FakeLlm::start(|_| Scripted::Sql("DELETE FROM expenses".into())).await;
    let app = app_with_model(&model.base_url, |_| {}).await;
    let user = diner(&app).await;
    let reply = answer(&user, QUESTION, None).await;
    assert_fell_back(&reply, "its query was not usable");
    let again = answer(&user, QUESTION, None).await;
    assert_eq!(total_of(&again), 1250, "nothing was deleted: {again}");
}
