//! The RabbitMQ side: the topology both the relay and the consumer declare (idempotently), and
//! publishing one event with a publisher confirm.

use app::events::Event;
use lapin::{
    BasicProperties, Channel, Connection, ConnectionProperties, ExchangeKind, PublisherConfirm,
    options::{
        BasicPublishOptions, ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions,
        QueueDeclareOptions,
    },
    types::{AMQPValue, FieldTable},
};

/// The names on the broker, all starting with `AMQP_PREFIX` (`spendwise`), so several
/// deployments (or test runs) can share one broker.
#[derive(Clone, Debug)]
pub struct Topology {
    /// A topic exchange; the routing key is the event's kind (`expense.created`).
    pub exchange: String,
    /// The worker's queue, bound to every kind.
    pub queue: String,
    /// Where messages the worker cannot read go, for a person to look at.
    pub dead_letter_exchange: String,
    pub dead_letter_queue: String,
}

impl Topology {
    pub fn new(prefix: &str) -> Self {
        Self {
            exchange: format!("{prefix}.activity"),
            queue: format!("{prefix}.worker"),
            dead_letter_exchange: format!("{prefix}.dead-letter"),
            dead_letter_queue: format!("{prefix}.worker.dead-letter"),
        }
    }
}

/// AMQP's "persistent" delivery mode: the broker writes the message to disk.
const PERSISTENT: u8 = 2;

pub async fn connect(url: &str, role: &str) -> lapin::Result<Connection> {
    Connection::connect(
        url,
        ConnectionProperties::default().with_connection_name(format!("spendwise {role}").into()),
    )
    .await
}

/// Declares the exchanges and queues (a no-op when they exist).
pub async fn declare_topology(channel: &Channel, names: &Topology) -> lapin::Result<()> {
    let durable = ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    };
    channel
        .exchange_declare(
            names.exchange.as_str().into(),
            ExchangeKind::Topic,
            durable,
            FieldTable::default(),
        )
        .await?;
    channel
        .exchange_declare(
            names.dead_letter_exchange.as_str().into(),
            ExchangeKind::Fanout,
            durable,
            FieldTable::default(),
        )
        .await?;
    let queue = QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    };
    channel
        .queue_declare(
            names.dead_letter_queue.as_str().into(),
            queue,
            FieldTable::default(),
        )
        .await?;
    channel
        .queue_bind(
            names.dead_letter_queue.as_str().into(),
            names.dead_letter_exchange.as_str().into(),
            "".into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let mut arguments = FieldTable::default();
    arguments.insert(
        "x-dead-letter-exchange".into(),
        AMQPValue::LongString(names.dead_letter_exchange.as_str().into()),
    );
    channel
        .queue_declare(names.queue.as_str().into(), queue, arguments)
        .await?;
    channel
        .queue_bind(
            names.queue.as_str().into(),
            names.exchange.as_str().into(),
            "#".into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await
}

/// A channel that publishes events, each confirmed by the broker.
pub struct Publisher {
    /// Kept so the channel lives as long as the publisher.
    _connection: Connection,
    channel: Channel,
    exchange: String,
}

impl Publisher {
    pub async fn open(url: &str, names: &Topology) -> lapin::Result<Self> {
        let connection = connect(url, "relay").await?;
        let channel = connection.create_channel().await?;
        declare_topology(&channel, names).await?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await?;
        Ok(Self {
            _connection: connection,
            channel,
            exchange: names.exchange.clone(),
        })
    }

    /// Sends `event`; the returned confirm resolves when the broker has it (on disk, for a
    /// durable queue).
    pub async fn publish(&self, event: &Event) -> lapin::Result<PublisherConfirm> {
        let body = serde_json::to_vec(event).unwrap_or_default();
        self.channel
            .basic_publish(
                self.exchange.as_str().into(),
                event.kind.as_str().into(),
                BasicPublishOptions::default(),
                &body,
                BasicProperties::default()
                    .with_delivery_mode(PERSISTENT)
                    .with_content_type("application/json".into())
                    .with_message_id(event.id.to_string().into())
                    .with_type(event.kind.as_str().into()),
            )
            .await
    }
}
