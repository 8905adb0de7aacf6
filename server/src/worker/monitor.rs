//! Keeps [`BrokerHealth`] true to the broker for readiness: one connection, checked every few
//! seconds and opened again when it drops.

use std::time::Duration;

use app::server::broker::BrokerHealth;
use lapin::Connection;
use tokio_util::sync::CancellationToken;

use super::{amqp, stopped_during};

const CHECK_EVERY: Duration = Duration::from_secs(2);
const CONNECT_WITHIN: Duration = Duration::from_secs(3);

pub async fn run(url: String, health: BrokerHealth, stop: CancellationToken) {
    let mut connection: Option<Connection> = None;
    loop {
        let alive = connection
            .as_ref()
            .is_some_and(|open| open.status().connected());
        if !alive {
            connection = tokio::time::timeout(CONNECT_WITHIN, amqp::connect(&url, "monitor"))
                .await
                .ok()
                .and_then(Result::ok);
        }
        let reachable = connection.is_some();
        if reachable != health.is_reachable() {
            tracing::info!(reachable, "the message broker's reachability changed");
        }
        health.set_reachable(reachable);
        if stopped_during(&stop, CHECK_EVERY).await {
            if let Some(open) = connection {
                let _ = open.close(200, "stopping".into()).await;
            }
            return;
        }
    }
}
