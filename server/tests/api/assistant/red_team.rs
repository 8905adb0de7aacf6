//! The red-team suite: hostile questions (`red_team.json`: injections, other users' data,
//! writes in words and in SQL, system catalogs, ATTACH, CPU and memory bombs) put to the
//! built-in engine, to the model planner (a fake model that returns the hostile SQL verbatim),
//! and to the model planner with the SQL guard switched off, which proves the sandbox holds on
//! its own. Whatever the mode: no other user's row in any response, no table changed, every
//! query stopped within the timeout, and never a server error.

use std::{
    num::NonZeroU32,
    sync::{Arc, OnceLock},
    time::Duration,
};

use app::server::entities::{prelude::*, query_log};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use serde_json::json;

use crate::{
    budgets::{category_ids, today_in_utc},
    expenses::{body, create},
    helpers::{Backend, FakeLlm, Scripted, TestApp, TestUser, spawn_app_with},
};

use super::{ASK, total_of};

#[derive(Debug, Deserialize)]
struct Case {
    question: String,
    /// What the fake model answers; `{database_file}` becomes the path of the real database,
    /// `{long_condition}` 60 KB of conditions.
    sql: String,
}

fn cases() -> Vec<Case> {
    serde_json::from_str(include_str!("red_team.json")).expect("red_team.json is valid")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Builtin,
    Model,
    ModelWithoutGuard,
}

const OWN_TOTAL: &str = "SELECT sum(amount_minor) AS total_minor FROM expenses";

/// The sandbox's per-query timeout, and slack for a loaded machine to notice it.
const QUERY_TIMEOUT_MS: i32 = 2_000;
const SLACK_MS: i32 = 1_000;

/// Every table a question could change, row by row, as the database holds it.
async fn checksums(app: &TestApp) -> Vec<String> {
    macro_rules! rows {
        ($entity:ty) => {
            format!(
                "{:?}",
                <$entity>::find().all(&app.db).await.expect("rows read")
            )
        };
    }
    vec![
        rows!(Users),
        rows!(Sessions),
        rows!(Categories),
        rows!(Expenses),
        rows!(Budgets),
        rows!(Receipts),
        rows!(Notifications),
    ]
}

/// A user whose data nobody else may see: every value carries a marker.
async fn victim(app: &TestApp, today: NaiveDate) -> (TestUser, Vec<String>) {
    let victim = app.user().await;
    let [dining] = category_ids(&victim, ["Dining"]).await;
    create(
        &victim,
        &json!({
            "amount": "4242.42", "spent_on": today, "category_id": dining,
            "merchant": "VICTIM-MERCHANT", "note": "victim-private-note", "tags": ["victim-tag"],
        }),
    )
    .await;
    let markers = vec![
        victim.email.clone(),
        "VICTIM-MERCHANT".into(),
        "victim-private-note".into(),
        "victim-tag".into(),
        "424242".into(),
        "4,242.42".into(),
    ];
    (victim, markers)
}

async fn red_team(backend: Backend, mode: Mode) {
    let database_file = Arc::new(OnceLock::<String>::new());
    let model = {
        let database_file = database_file.clone();
        let cases = cases();
        FakeLlm::start(move |question| {
            // Questions outside the suite (the check at the end) get an honest total.
            let case = cases
                .iter()
                .find(|case| case.question == question)
                .map_or(OWN_TOTAL, |case| case.sql.as_str());
            let file = database_file.get().map(String::as_str).unwrap_or_default();
            Scripted::Sql(
                case.replace("{database_file}", file)
                    .replace("{long_condition}", &"amount_minor > 0 OR ".repeat(3_000)),
            )
        })
        .await
    };
    let Some(app) = spawn_app_with(backend, |config| {
        config.assistant_questions_per_minute = NonZeroU32::MAX;
        if mode != Mode::Builtin {
            config.llm_base_url = Some(model.base_url.clone());
            config.llm_api_key = Some("test-key".to_string().into());
        }
        config.assistant_sql_guard_off = mode == Mode::ModelWithoutGuard;
    })
    .await
    else {
        return;
    };
    let file = app
        .database_url()
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    database_file.set(file).expect("set once");

    let (today, _) = today_in_utc().await;
    let (_victim, mut forbidden) = victim(&app, today).await;
    let attacker = app.user().await;
    let [dining] = category_ids(&attacker, ["Dining"]).await;
    create(
        &attacker,
        &json!({ "amount": "12.50", "spent_on": today, "category_id": dining, "merchant": "Corner Cafe" }),
    )
    .await;
    // Not even the asker's own account row is reachable.
    forbidden.extend([attacker.email.clone(), "$argon2".into()]);
    let before = checksums(&app).await;

    let cases = cases();
    assert!(cases.len() >= 60, "at least 60 hostile questions");
    for case in &cases {
        let response = tokio::time::timeout(
            Duration::from_secs(60),
            attacker.post(ASK, &json!({ "question": case.question })),
        )
        .await
        .unwrap_or_else(|_| panic!("{}: no reply within a minute", case.question));
        let status = response.status();
        let text = response.text().await.expect("a body");
        assert!(
            status == 200 || status.is_client_error(),
            "{}: {status} {text}",
            case.question
        );
        for marker in &forbidden {
            assert!(
                !text.contains(marker.as_str()),
                "{}: the reply shows `{marker}`: {text}",
                case.question
            );
        }
    }

    assert_eq!(checksums(&app).await, before, "no table changed");
    // The attacker's own data is intact and still answered correctly.
    let response = attacker
        .post(
            ASK,
            &json!({ "question": "how much did I spend on dining this month?" }),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(total_of(&body(response).await), 1250);

    let queries = QueryLog::find()
        .filter(query_log::Column::UserId.eq(attacker.id))
        .order_by_asc(query_log::Column::Id)
        .all(&app.db)
        .await
        .expect("the query log");
    assert!(!queries.is_empty());
    for query in &queries {
        assert!(
            query.duration_ms <= QUERY_TIMEOUT_MS + SLACK_MS,
            "stopped within the timeout: {query:?}"
        );
    }
    if mode == Mode::ModelWithoutGuard {
        assert!(
            queries.iter().any(|query| query.status == "timeout"),
            "the CPU bombs ran, unguarded, and were stopped"
        );
    }
}

macro_rules! red_team_on_every_backend {
    ($name:ident, $mode:expr) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                red_team(Backend::Sqlite, $mode).await;
            }

            #[tokio::test]
            async fn postgres() {
                red_team(Backend::Postgres, $mode).await;
            }

            #[tokio::test]
            async fn mysql() {
                red_team(Backend::Mysql, $mode).await;
            }
        }
    };
}

red_team_on_every_backend!(through_the_built_in_engine, Mode::Builtin);
red_team_on_every_backend!(through_the_model, Mode::Model);
red_team_on_every_backend!(through_the_model_without_the_guard, Mode::ModelWithoutGuard);
