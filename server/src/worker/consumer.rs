//! The queue consumer: runs the event handlers for each message from the broker. A message that
//! is not an event is dead-lettered; one whose handlers fail goes back on the queue after a
//! pause. Acknowledged only after the handlers committed, so a crash means a redelivery.

use std::time::Duration;

use app::{
    email::EmailSettings,
    events::{Event, handlers},
};
use futures_util::StreamExt;
use lapin::{
    message::Delivery,
    options::{BasicAckOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions},
    types::FieldTable,
};
use sea_orm::DatabaseConnection;
use tokio_util::sync::CancellationToken;

use super::{
    Backoff,
    amqp::{self, Topology},
    stopped_during,
};

/// Messages the broker hands over before the first is acknowledged.
const PREFETCH: u16 = 32;
/// The pause before a message whose handlers failed is returned to the queue.
const AFTER_FAILURE: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
enum ConsumeError {
    #[error(transparent)]
    Broker(#[from] lapin::Error),
    #[error("the broker ended the consumer")]
    Ended,
}

pub async fn run(
    db: DatabaseConnection,
    url: String,
    names: Topology,
    settings: EmailSettings,
    stop: CancellationToken,
) {
    let mut backoff = Backoff::new();
    loop {
        match consume(&db, &url, &names, &settings, &stop, &mut backoff).await {
            Ok(()) => return,
            Err(error) => {
                let wait = backoff.next();
                tracing::warn!(%error, waiting = ?wait, "worker: lost the broker; reconnecting");
                if stopped_during(&stop, wait).await {
                    return;
                }
            }
        }
    }
}

/// Consumes until asked to stop (`Ok`) or the connection fails.
async fn consume(
    db: &DatabaseConnection,
    url: &str,
    names: &Topology,
    settings: &EmailSettings,
    stop: &CancellationToken,
    backoff: &mut Backoff,
) -> Result<(), ConsumeError> {
    let connection = amqp::connect(url, "worker").await?;
    let channel = connection.create_channel().await?;
    amqp::declare_topology(&channel, names).await?;
    channel
        .basic_qos(PREFETCH, BasicQosOptions::default())
        .await?;
    let mut deliveries = channel
        .basic_consume(
            names.queue.as_str().into(),
            "spendwise-worker".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    backoff.reset();
    tracing::info!(queue = %names.queue, "worker: consuming events");
    loop {
        let next = tokio::select! {
            () = stop.cancelled() => {
                // Unacknowledged messages return to the queue for the next worker.
                let _ = connection.close(200, "worker stopping".into()).await;
                return Ok(());
            }
            next = deliveries.next() => next,
        };
        let delivery = next.ok_or(ConsumeError::Ended)??;
        process(db, settings, stop, delivery).await?;
    }
}

async fn process(
    db: &DatabaseConnection,
    settings: &EmailSettings,
    stop: &CancellationToken,
    delivery: Delivery,
) -> lapin::Result<()> {
    let event: Event = match serde_json::from_slice(&delivery.data) {
        Ok(event) => event,
        Err(error) => {
            tracing::warn!(%error, bytes = delivery.data.len(), "worker: dead-lettering a message that is not an event");
            let dead_letter = BasicNackOptions {
                requeue: false,
                ..BasicNackOptions::default()
            };
            delivery.nack(dead_letter).await?;
            return Ok(());
        }
    };
    match handlers::handle(db, settings, &event).await {
        Ok(()) => {
            delivery.ack(BasicAckOptions::default()).await?;
        }
        Err(error) => {
            tracing::warn!(%error, event = event.id, kind = %event.kind, "worker: a handler failed; the event goes back on the queue");
            stopped_during(stop, AFTER_FAILURE).await;
            let again = BasicNackOptions {
                requeue: true,
                ..BasicNackOptions::default()
            };
            delivery.nack(again).await?;
        }
    }
    Ok(())
}
