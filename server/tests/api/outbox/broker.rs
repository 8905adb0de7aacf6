//! The outbox relay through a real RabbitMQ (`SPENDWISE_TEST_AMQP_URL`), reached through a TCP
//! proxy the tests cut and restore: a broker outage without disturbing the shared broker. Each
//! test uses exchanges and queues of its own (`AMQP_PREFIX`) and deletes them afterwards.

use std::{
    collections::BTreeSet,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use app::{
    events::{Event, counters},
    server::entities::prelude::Activity,
};
use futures_util::StreamExt;
use lapin::{
    BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind,
    options::{
        BasicAckOptions, BasicConsumeOptions, BasicGetOptions, BasicPublishOptions,
        ExchangeDeclareOptions, ExchangeDeleteOptions, QueueBindOptions, QueueDeclareOptions,
        QueueDeleteOptions,
    },
    types::FieldTable,
};
use sea_orm::EntityTrait;
use serde_json::Value;
use server::{Config, config::WorkerMode, worker::Topology};

use super::{counter, drained, emails_to, eventually, unpublished};
use crate::{
    expenses::{add, body, category_id, days_ago, expense},
    helpers::{Backend, TcpProxy, TestApp, spawn_app_with},
};

/// One message as the tap queue saw it.
#[derive(Clone, Debug)]
struct Tapped {
    routing_key: String,
    message_id: String,
    persistent: bool,
    body: Vec<u8>,
}

/// This test's corner of the broker: its names, a connection, and a tap queue bound to the
/// exchange that records every message the relay publishes.
struct Broker {
    url: String,
    names: Topology,
    prefix: String,
    _connection: Connection,
    channel: Channel,
    tapped: Arc<Mutex<Vec<Tapped>>>,
}

impl Broker {
    async fn open() -> Option<Self> {
        let Ok(url) = std::env::var("SPENDWISE_TEST_AMQP_URL") else {
            eprintln!("SKIPPED: SPENDWISE_TEST_AMQP_URL not set, so this broker test did not run");
            return None;
        };
        let prefix = format!("test-{}", uuid::Uuid::new_v4().simple());
        let names = Topology::new(&prefix);
        let connection = Connection::connect(&url, ConnectionProperties::default())
            .await
            .expect("the test broker answers");
        let channel = connection.create_channel().await.expect("channel");
        channel
            .exchange_declare(
                names.exchange.as_str().into(),
                ExchangeKind::Topic,
                ExchangeDeclareOptions {
                    durable: true,
                    ..ExchangeDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .expect("exchange declared");
        let tap = format!("{prefix}.tap");
        channel
            .queue_declare(
                tap.as_str().into(),
                QueueDeclareOptions::default(),
                FieldTable::default(),
            )
            .await
            .expect("tap declared");
        channel
            .queue_bind(
                tap.as_str().into(),
                names.exchange.as_str().into(),
                "#".into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .expect("tap bound");
        let mut consumer = channel
            .basic_consume(
                tap.as_str().into(),
                "tap".into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await
            .expect("tap consumed");
        let tapped: Arc<Mutex<Vec<Tapped>>> = Arc::default();
        let recording = tapped.clone();
        tokio::spawn(async move {
            while let Some(Ok(delivery)) = consumer.next().await {
                recording.lock().expect("lock").push(Tapped {
                    routing_key: delivery.routing_key.to_string(),
                    message_id: delivery
                        .properties
                        .message_id()
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    persistent: *delivery.properties.delivery_mode() == Some(2),
                    body: delivery.data.clone(),
                });
                let _ = delivery.ack(BasicAckOptions::default()).await;
            }
        });
        Some(Self {
            url,
            names,
            prefix,
            _connection: connection,
            channel,
            tapped,
        })
    }

    fn address(&self) -> SocketAddr {
        let url = reqwest::Url::parse(&self.url).expect("an amqp URL");
        let host = url.host_str().unwrap_or("127.0.0.1");
        format!("{host}:{}", url.port().unwrap_or(5672))
            .parse()
            .expect("the broker at an IP address")
    }

    /// The broker's URL with the proxy in its place.
    fn url_through(&self, proxy: &TcpProxy) -> String {
        let mut url = reqwest::Url::parse(&self.url).expect("an amqp URL");
        url.set_port(Some(proxy.address.port())).expect("port set");
        url.to_string()
    }

    fn tapped_ids(&self) -> BTreeSet<i64> {
        self.tapped
            .lock()
            .expect("lock")
            .iter()
            .filter_map(|message| message.message_id.parse().ok())
            .collect()
    }

    async fn dead_letters(&self) -> Vec<Vec<u8>> {
        let mut letters = Vec::new();
        while let Some(message) = self
            .channel
            .basic_get(
                self.names.dead_letter_queue.as_str().into(),
                BasicGetOptions { no_ack: true },
            )
            .await
            .expect("dead-letter queue read")
        {
            letters.push(message.delivery.data.clone());
        }
        letters
    }

    async fn publish_raw(&self, routing_key: &str, body: &[u8]) {
        self.channel
            .basic_publish(
                self.names.exchange.as_str().into(),
                routing_key.into(),
                BasicPublishOptions::default(),
                body,
                BasicProperties::default(),
            )
            .await
            .expect("published")
            .await
            .expect("confirmed or sent");
    }

    /// Deletes this test's queues and exchanges.
    async fn clean_up(self) {
        for queue in [
            format!("{}.tap", self.prefix),
            self.names.queue.clone(),
            self.names.dead_letter_queue.clone(),
        ] {
            let _ = self
                .channel
                .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
                .await;
        }
        for exchange in [&self.names.exchange, &self.names.dead_letter_exchange] {
            let _ = self
                .channel
                .exchange_delete(exchange.as_str().into(), ExchangeDeleteOptions::default())
                .await;
        }
    }
}

/// An app whose broker is behind `proxy`.
async fn app_through(broker: &Broker, proxy: &TcpProxy, mode: WorkerMode) -> TestApp {
    let url = broker.url_through(proxy);
    let prefix = broker.prefix.clone();
    spawn_app_with(Backend::Sqlite, move |config| {
        config.amqp_url = Some(url.into());
        config.amqp_prefix = prefix;
        config.worker = mode;
    })
    .await
    .expect("SQLite is always available")
}

async fn readiness(app: &TestApp) -> (u16, Value) {
    let response = app.get("/api/v1/ready").await;
    (response.status().as_u16(), body(response).await)
}

async fn activity_ids(app: &TestApp) -> BTreeSet<i64> {
    Activity::find()
        .all(&app.db)
        .await
        .expect("activity read")
        .into_iter()
        .map(|row| row.id)
        .collect()
}

#[tokio::test]
async fn events_reach_the_broker_confirmed_and_persistent_and_the_worker_handles_them() {
    let Some(broker) = Broker::open().await else {
        return;
    };
    let proxy = TcpProxy::start(broker.address()).await;
    let app = app_through(&broker, &proxy, WorkerMode::Embedded).await;
    let user = app.user().await;
    let welcome = eventually("the worker to write the welcome email", async || {
        emails_to(&app, &user.email).await.into_iter().next()
    })
    .await;
    assert_eq!(welcome.kind, "welcome");
    drained(&app).await;

    let tapped = broker.tapped.lock().expect("lock").clone();
    let registered = tapped
        .iter()
        .find(|message| message.routing_key == "user.registered")
        .expect("the registration on the exchange, routed by kind");
    assert!(registered.persistent, "persistent delivery");
    let event: Event = serde_json::from_slice(&registered.body).expect("an event");
    assert_eq!(event.id.to_string(), registered.message_id);
    assert_eq!(event.user_id, Some(user.id));
    assert_eq!(event.payload["email"], user.email.as_str());

    let (status, ready) = eventually("the monitor to see the broker", async || {
        let (status, ready) = readiness(&app).await;
        (ready["broker"] == "ok").then_some((status, ready))
    })
    .await;
    assert_eq!((status, &ready["status"]), (200, &Value::from("ok")));
    broker.clean_up().await;
}

#[tokio::test]
async fn a_broker_outage_mid_stream_delays_events_but_loses_none() {
    let Some(broker) = Broker::open().await else {
        return;
    };
    let proxy = TcpProxy::start(broker.address()).await;
    let app = app_through(&broker, &proxy, WorkerMode::Embedded).await;
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    const DURING: usize = 20;
    const AFTER: usize = 10;
    let add_many = async |range: std::ops::Range<usize>| {
        for n in range {
            add(
                &user,
                expense(groceries, &format!("{}.00", n + 1), days_ago(1)),
            )
            .await;
        }
    };
    // The connection is cut while the relay is publishing these…
    let cut = async {
        eventually("some events to be published before the cut", async || {
            (broker.tapped_ids().len() >= 5).then_some(())
        })
        .await;
        proxy.cut();
    };
    tokio::join!(add_many(0..DURING), cut);
    let (status, ready) = eventually("readiness to report the broker gone", async || {
        let (status, ready) = readiness(&app).await;
        (ready["broker"] == "unavailable").then_some((status, ready))
    })
    .await;
    assert_eq!(status, 503, "{ready}");
    assert_eq!(ready["database"], "ok");
    // …and these are written while the broker is away.
    add_many(DURING..DURING + AFTER).await;
    assert!(unpublished(&app).await > 0, "events wait in the outbox");
    proxy.restore().await;

    drained(&app).await;
    let written = activity_ids(&app).await;
    let published = eventually("every event to reach the exchange", async || {
        let published = broker.tapped_ids();
        published.is_superset(&written).then_some(published)
    })
    .await;
    assert!(published.is_superset(&written));
    eventually("the worker to count every expense once", async || {
        (counter(&app, counters::EXPENSES_CREATED).await == (DURING + AFTER) as i64).then_some(())
    })
    .await;
    // Settled: no event was counted twice, however often it was published.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        counter(&app, counters::EXPENSES_CREATED).await,
        (DURING + AFTER) as i64
    );
    broker.clean_up().await;
}

/// Two instances with the worker embedded share a database: the relay's lease lets one of them
/// publish, so each event reaches the exchange once, not once per instance.
#[tokio::test]
async fn two_instances_publish_each_event_once() {
    let Some(broker) = Broker::open().await else {
        return;
    };
    let proxy = TcpProxy::start(broker.address()).await;
    let first = app_through(&broker, &proxy, WorkerMode::Embedded).await;
    let (url, prefix) = (broker.url_through(&proxy), broker.prefix.clone());
    let second = first
        .another_instance_with(move |config| {
            config.amqp_url = Some(url.into());
            config.amqp_prefix = prefix;
        })
        .await;
    let user = first.user().await;
    let groceries = category_id(&user, "Groceries").await;
    for n in 1..=30 {
        add(&user, expense(groceries, &format!("{n}.00"), days_ago(1))).await;
    }
    drained(&second).await;
    let written = activity_ids(&first).await;
    eventually("every event to reach the exchange", async || {
        broker.tapped_ids().is_superset(&written).then_some(())
    })
    .await;
    // Settled: a second relay would still be publishing its copies.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let published = broker.tapped.lock().expect("lock").len();
    assert_eq!(published, written.len(), "one message per event");
    broker.clean_up().await;
}

#[tokio::test]
async fn malformed_messages_are_dead_lettered_and_the_worker_goes_on() {
    let Some(broker) = Broker::open().await else {
        return;
    };
    let proxy = TcpProxy::start(broker.address()).await;
    let app = app_through(&broker, &proxy, WorkerMode::Embedded).await;
    let user = app.user().await;
    drained(&app).await;
    eventually("the worker's queue to exist", async || {
        (!emails_to(&app, &user.email).await.is_empty()).then_some(())
    })
    .await;

    broker.publish_raw("junk", b"not json at all").await;
    broker
        .publish_raw("expense.created", br#"{"id":"seven"}"#)
        .await;
    let mut letters = Vec::new();
    while letters.len() < 2 {
        letters.extend(
            eventually("the messages in the dead-letter queue", async || {
                let more = broker.dead_letters().await;
                (!more.is_empty()).then_some(more)
            })
            .await,
        );
    }
    assert_eq!(letters.len(), 2);
    assert!(
        letters
            .iter()
            .any(|body| body.as_slice() == b"not json at all")
    );

    let groceries = category_id(&user, "Groceries").await;
    add(&user, expense(groceries, "3.00", days_ago(1))).await;
    eventually("the worker to handle the next real event", async || {
        (counter(&app, counters::EXPENSES_CREATED).await == 1).then_some(())
    })
    .await;
    broker.clean_up().await;
}

#[tokio::test]
async fn the_app_starts_without_its_broker_reports_unready_and_catches_up() {
    let Some(broker) = Broker::open().await else {
        return;
    };
    let proxy = TcpProxy::start(broker.address()).await;
    proxy.cut();
    let app = app_through(&broker, &proxy, WorkerMode::Embedded).await;
    assert_eq!(app.get("/api/v1/health").await.status(), 200);
    let (status, ready) = readiness(&app).await;
    assert_eq!(status, 503, "{ready}");
    assert_eq!(ready["broker"], "unavailable");
    assert_eq!(ready["database"], "ok");

    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    add(&user, expense(groceries, "8.00", days_ago(1))).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        unpublished(&app).await >= 2,
        "the outbox grows while the broker is away"
    );
    assert!(emails_to(&app, &user.email).await.is_empty());

    proxy.restore().await;
    drained(&app).await;
    eventually("the worker to catch up", async || {
        (counter(&app, counters::EXPENSES_CREATED).await == 1
            && !emails_to(&app, &user.email).await.is_empty())
        .then_some(())
    })
    .await;
    eventually("readiness to recover", async || {
        (readiness(&app).await.0 == 200).then_some(())
    })
    .await;
    broker.clean_up().await;
}

#[tokio::test]
async fn a_separate_worker_handles_what_serve_stores_and_stops_cleanly() {
    let Some(broker) = Broker::open().await else {
        return;
    };
    let proxy = TcpProxy::start(broker.address()).await;
    let app = app_through(&broker, &proxy, WorkerMode::Off).await;
    let user = app.user().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        unpublished(&app).await > 0,
        "with WORKER=off, serve only stores events"
    );

    let data_dir = tempfile::tempdir().expect("temp dir");
    let config = Config {
        database_url: Some(app.database_url().to_string().into()),
        data_dir: data_dir.path().to_path_buf(),
        amqp_url: Some(broker.url_through(&proxy).into()),
        amqp_prefix: broker.prefix.clone(),
        ..Config::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(server::startup::run_worker(config, async {
        let _ = stopped.await;
    }));
    drained(&app).await;
    eventually("the worker process to send the welcome email", async || {
        emails_to(&app, &user.email)
            .await
            .into_iter()
            .find(|email| email.status == "sent")
    })
    .await;
    assert!(
        std::fs::read_dir(data_dir.path().join("mail"))
            .expect("the worker's mail directory")
            .next()
            .is_some(),
        "the worker wrote the .eml file"
    );
    stop.send(()).expect("the worker listens");
    tokio::time::timeout(Duration::from_secs(15), worker)
        .await
        .expect("the worker stops within its grace period")
        .expect("joined")
        .expect("stopped without error");
    broker.clean_up().await;
}
