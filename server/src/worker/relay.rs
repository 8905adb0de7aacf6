//! The outbox relay: reads activity rows not yet published, oldest first, and either hands them
//! to the event handlers in this process or publishes them to the broker. A row is marked
//! published only after its handlers ran or the broker confirmed it. Of the processes sharing a
//! database, the one holding the relay's lease relays; the others stand by to take over.

use std::time::Duration;

use app::{
    email::EmailSettings,
    events::{
        Event, handlers,
        lease::{self, Lease},
        outbox,
    },
    server::clock,
};
use sea_orm::DatabaseConnection;
use tokio_util::sync::CancellationToken;

use super::{
    Backoff,
    amqp::{Publisher, Topology},
    stopped_during,
};

/// How often an idle relay looks for new rows.
const POLL_EVERY: Duration = Duration::from_millis(250);
const BATCH: u64 = 100;
/// How long the relay's lease lasts: when its holder dies, another process takes over after this.
const LEASE_LASTS: Duration = Duration::from_secs(15);
/// How often a process that does not relay asks whether the lease is free.
const STAND_BY_FOR: Duration = Duration::from_secs(2);

/// Without a broker: the handlers run here, one event at a time in id order.
pub async fn in_process(db: DatabaseConnection, settings: EmailSettings, stop: CancellationToken) {
    let mut lease = Lease::new(lease::RELAY, LEASE_LASTS);
    while holding(&db, &mut lease, &stop).await {
        let done = match outbox::unpublished(&db, BATCH).await {
            Ok(events) => handle_all(&db, &settings, &events).await,
            Err(error) => {
                tracing::warn!(%error, "relay: could not read the outbox");
                0
            }
        };
        if done < BATCH as usize && stopped_during(&stop, POLL_EVERY).await {
            break;
        }
    }
    release(&db, &mut lease).await;
}

/// Waits until this process holds the relay's lease: `true` then, `false` if asked to stop.
async fn holding(db: &DatabaseConnection, lease: &mut Lease, stop: &CancellationToken) -> bool {
    loop {
        if stop.is_cancelled() {
            return false;
        }
        match lease.hold(db).await {
            Ok(true) => return true,
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, "relay: could not read its lease"),
        }
        if stopped_during(stop, STAND_BY_FOR).await {
            return false;
        }
    }
}

/// On the way out: the process standing by need not wait for the lease to lapse.
async fn release(db: &DatabaseConnection, lease: &mut Lease) {
    if let Err(error) = lease.release(db).await {
        tracing::warn!(%error, "relay: could not give up its lease; it lapses by itself");
    }
}

/// Handles each event and marks the ones that succeeded; a failed one is tried again next time.
async fn handle_all(db: &DatabaseConnection, settings: &EmailSettings, events: &[Event]) -> usize {
    let mut handled = Vec::with_capacity(events.len());
    for event in events {
        match handlers::handle(db, settings, event).await {
            Ok(()) => handled.push(event.id),
            Err(error) => {
                tracing::warn!(%error, event = event.id, kind = %event.kind, "relay: a handler failed; retrying later");
            }
        }
    }
    if let Err(error) = outbox::mark_published(db, &handled, clock::now()).await {
        // The events run again and their handlers skip them: nothing is applied twice.
        tracing::warn!(%error, "relay: could not mark events handled");
        return 0;
    }
    handled.len()
}

/// With a broker: publish with confirms; reconnect with backoff while the broker is away.
pub async fn to_broker(
    db: DatabaseConnection,
    url: String,
    names: Topology,
    stop: CancellationToken,
) {
    let mut backoff = Backoff::new();
    let mut publisher: Option<Publisher> = None;
    let mut lease = Lease::new(lease::RELAY, LEASE_LASTS);
    while holding(&db, &mut lease, &stop).await {
        let events = match outbox::unpublished(&db, BATCH).await {
            Ok(events) => events,
            Err(error) => {
                tracing::warn!(%error, "relay: could not read the outbox");
                Vec::new()
            }
        };
        if events.is_empty() {
            if stopped_during(&stop, POLL_EVERY).await {
                break;
            }
            continue;
        }
        let open = match publisher.take() {
            Some(open) => Ok(open),
            None => Publisher::open(&url, &names).await,
        };
        let result = match open {
            Ok(open) => {
                let result = publish_all(&db, &open, &events).await;
                publisher = Some(open);
                result
            }
            Err(error) => Err(PublishError::Broker(error)),
        };
        match result {
            Ok(()) => backoff.reset(),
            Err(error) => {
                publisher = None;
                let wait = backoff.next();
                tracing::warn!(%error, waiting = ?wait, backlog = events.len(), "relay: the broker is unavailable; events wait in the outbox");
                if stopped_during(&stop, wait).await {
                    break;
                }
            }
        }
    }
    release(&db, &mut lease).await;
}

#[derive(Debug, thiserror::Error)]
enum PublishError {
    #[error(transparent)]
    Broker(#[from] lapin::Error),
    #[error("the broker refused event {0}")]
    Refused(i64),
}

/// Publishes every event, then waits for the confirms and marks the confirmed ones published.
/// Any failure leaves the rest unmarked, to be published again.
async fn publish_all(
    db: &DatabaseConnection,
    publisher: &Publisher,
    events: &[Event],
) -> Result<(), PublishError> {
    let mut pending = Vec::with_capacity(events.len());
    for event in events {
        pending.push((event.id, publisher.publish(event).await));
    }
    let mut confirmed = Vec::with_capacity(events.len());
    let mut failure = None;
    for (id, sent) in pending {
        let outcome = match sent {
            Ok(confirm) => confirm.await,
            Err(error) => Err(error),
        };
        match outcome {
            Ok(confirmation) if confirmation.is_ack() => confirmed.push(id),
            Ok(_) => {
                failure.get_or_insert(PublishError::Refused(id));
            }
            Err(error) => {
                failure.get_or_insert(PublishError::Broker(error));
            }
        }
    }
    if let Err(error) = outbox::mark_published(db, &confirmed, clock::now()).await {
        tracing::warn!(%error, "relay: could not mark published events; they will be sent again");
    }
    failure.map_or(Ok(()), Err)
}
