//! Events and email: the outbox relay (in-process and through a real RabbitMQ), the handlers'
//! idempotence, email content over a real SMTP conversation, retries, and the admin's view.

mod broker;
mod email;
mod handlers;
mod lease;
mod smtp;

use std::{future::Future, time::Duration};

use app::server::entities::{activity, daily_counters, emails, prelude::*};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::helpers::TestApp;

/// Far longer than any healthy delivery takes; only a lost event runs into it.
const PATIENCE: Duration = Duration::from_secs(45);

/// Polls `check` until it gives a value; fails the test naming `what` after [`PATIENCE`].
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let started = tokio::time::Instant::now();
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(started.elapsed() < PATIENCE, "gave up waiting: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The emails addressed to `to`, oldest first.
pub async fn emails_to(app: &TestApp, to: &str) -> Vec<emails::Model> {
    emails_in(&app.db, to).await
}

pub async fn emails_in(db: &DatabaseConnection, to: &str) -> Vec<emails::Model> {
    Emails::find()
        .filter(emails::Column::ToAddress.eq(to))
        .order_by_asc(emails::Column::Id)
        .all(db)
        .await
        .expect("emails read")
}

/// Activity rows not yet published.
pub async fn unpublished(app: &TestApp) -> u64 {
    Activity::find()
        .filter(activity::Column::PublishedAt.is_null())
        .count(&app.db)
        .await
        .expect("outbox counted")
}

/// Waits until every activity row is published (handled or confirmed by the broker).
pub async fn drained(app: &TestApp) {
    eventually("the outbox to drain", async || {
        (unpublished(app).await == 0).then_some(())
    })
    .await;
}

/// A counter summed over every day.
pub async fn counter(app: &TestApp, name: &str) -> i64 {
    DailyCounters::find()
        .filter(daily_counters::Column::Name.eq(name))
        .all(&app.db)
        .await
        .expect("counters read")
        .iter()
        .map(|row| row.value)
        .sum()
}
