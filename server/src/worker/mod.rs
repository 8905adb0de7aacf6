//! The background side of SpendWise: the outbox relay, the queue consumer, the mail sender and
//! the broker monitor. `serve` runs them itself (`WORKER=embedded`, the default) or leaves them
//! to a `spendwise worker` process (`WORKER=off`).
//!
//! Without `AMQP_URL` the relay hands each new activity row straight to the event handlers.
//! With it, the relay publishes to RabbitMQ and the consumer runs the handlers; a row is marked
//! published only once the broker confirmed it, so a broker outage delays events, never loses
//! them. Handlers skip events they already applied, so the duplicates a retry can make are
//! harmless.

mod amqp;
mod consumer;
mod mailer;
mod monitor;
mod relay;

use std::time::Duration;

use app::{
    email::{EmailSettings, queue::RetryPolicy},
    server::broker::BrokerHealth,
};
use sea_orm::DatabaseConnection;
use secrecy::ExposeSecret;
use tokio_util::{sync::CancellationToken, task::TaskTracker};

use crate::config::Config;

pub use amqp::Topology;

/// What the handlers and the sender need, read once from the configuration.
#[derive(Clone)]
pub struct WorkerSettings {
    pub amqp_url: Option<String>,
    pub topology: Topology,
    pub email: EmailSettings,
    pub retry: RetryPolicy,
    pub mail: mailer::MailSettings,
}

impl WorkerSettings {
    pub fn from_config(config: &Config) -> Self {
        Self {
            amqp_url: config
                .amqp_url
                .as_ref()
                .map(|url| url.expose_secret().to_string()),
            topology: Topology::new(&config.amqp_prefix),
            email: EmailSettings {
                app_url: config.public_url.clone(),
            },
            retry: RetryPolicy {
                first_wait: chrono::Duration::seconds(
                    i64::try_from(config.mail_retry_secs.get()).unwrap_or(i64::MAX),
                ),
                max_attempts: config.mail_max_attempts.get(),
                ..RetryPolicy::default()
            },
            mail: mailer::MailSettings::from_config(config),
        }
    }
}

/// The running background tasks; [`Background::stop`] ends them cleanly.
pub struct Background {
    stop: CancellationToken,
    tasks: TaskTracker,
}

impl Background {
    /// The broker monitor alone: what a `serve` process without the worker needs for readiness.
    pub fn monitor_only(settings: &WorkerSettings, broker: &BrokerHealth) -> Self {
        let background = Self::new();
        if let Some(url) = &settings.amqp_url {
            background.spawn(monitor::run(
                url.clone(),
                broker.clone(),
                background.stop.clone(),
            ));
        }
        background
    }

    /// Everything: relay, consumer (with a broker), mail sender and broker monitor.
    pub fn worker(
        db: DatabaseConnection,
        settings: WorkerSettings,
        broker: &BrokerHealth,
    ) -> anyhow::Result<Self> {
        let background = Self::monitor_only(&settings, broker);
        let stop = background.stop.clone();
        let mailer = mailer::Mailer::open(&settings.mail)?;
        match &settings.amqp_url {
            Some(url) => {
                background.spawn(relay::to_broker(
                    db.clone(),
                    url.clone(),
                    settings.topology.clone(),
                    stop.clone(),
                ));
                background.spawn(consumer::run(
                    db.clone(),
                    url.clone(),
                    settings.topology.clone(),
                    settings.email.clone(),
                    stop.clone(),
                ));
            }
            None => background.spawn(relay::in_process(
                db.clone(),
                settings.email.clone(),
                stop.clone(),
            )),
        }
        background.spawn(mailer::run(db, mailer, settings.retry, stop));
        Ok(background)
    }

    fn new() -> Self {
        Self {
            stop: CancellationToken::new(),
            tasks: TaskTracker::new(),
        }
    }

    fn spawn(&self, task: impl Future<Output = ()> + Send + 'static) {
        self.tasks.spawn(task);
    }

    /// Asks every task to stop after its current step and waits up to `grace` for them.
    pub async fn stop(self, grace: Duration) {
        self.stop.cancel();
        self.tasks.close();
        if tokio::time::timeout(grace, self.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("background work did not stop within {grace:?}; leaving it");
        }
    }
}

/// Sleeps for `wait` unless asked to stop first; true when it is time to stop.
async fn stopped_during(stop: &CancellationToken, wait: Duration) -> bool {
    tokio::select! {
        () = stop.cancelled() => true,
        () = tokio::time::sleep(wait) => false,
    }
}

/// Waits that double from one second to half a minute, for reconnecting to a broker.
struct Backoff(Duration);

impl Backoff {
    const FIRST: Duration = Duration::from_secs(1);
    const LONGEST: Duration = Duration::from_secs(30);

    fn new() -> Self {
        Self(Self::FIRST)
    }

    fn next(&mut self) -> Duration {
        let wait = self.0;
        self.0 = (self.0 * 2).min(Self::LONGEST);
        wait
    }

    fn reset(&mut self) {
        self.0 = Self::FIRST;
    }
}
