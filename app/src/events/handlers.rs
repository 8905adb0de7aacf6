//! Every handler, run for every event. Each one applies an event at most once: its effect and a
//! `processed_events` row naming it commit together, and an event already named is skipped.

use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, Set, SqlErr};

use super::{Event, counters};
use crate::{
    email::{self, EmailSettings},
    server::{
        clock, db,
        entities::{prelude::ProcessedEvents, processed_events},
    },
};

/// Runs every handler on `event`. An error leaves the event for the next delivery (a handler
/// already applied is skipped then).
pub async fn handle(
    db: &DatabaseConnection,
    settings: &EmailSettings,
    event: &Event,
) -> Result<(), DbErr> {
    once(db, "email", event, async |txn| {
        email::on_event(txn, settings, event).await
    })
    .await?;
    once(db, "counters", event, async |txn| {
        counters::on_event(txn, event).await
    })
    .await
}

/// Applies `effect` for `event` unless `handler` already has. The marker is written first, so a
/// second delivery racing this one stops at the key before doing any work.
async fn once(
    db: &DatabaseConnection,
    handler: &str,
    event: &Event,
    effect: impl AsyncFnOnce(&DatabaseTransaction) -> Result<(), DbErr>,
) -> Result<(), DbErr> {
    let txn = db::begin_write(db).await?;
    let marked = ProcessedEvents::insert(processed_events::ActiveModel {
        handler: Set(handler.to_string()),
        event_id: Set(event.id),
        processed_at: Set(clock::now()),
    })
    .exec_without_returning(&txn)
    .await;
    match marked {
        Ok(_) => {
            effect(&txn).await?;
            txn.commit().await
        }
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await
        }
        Err(error) => Err(error),
    }
}
