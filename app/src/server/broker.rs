//! What the instance knows about the message broker: whether one is configured, and whether it
//! answered the last time it was asked. Kept up to date by the server's broker monitor.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use crate::admin::emails::BrokerState;

#[derive(Clone, Debug, Default)]
pub struct BrokerHealth {
    configured: bool,
    reachable: Arc<AtomicBool>,
}

impl BrokerHealth {
    /// No broker: events are handled in-process.
    pub fn not_configured() -> Self {
        Self::default()
    }

    /// A broker is configured; unreachable until the monitor says otherwise.
    pub fn configured() -> Self {
        Self {
            configured: true,
            reachable: Arc::default(),
        }
    }

    pub fn set_reachable(&self, reachable: bool) {
        self.reachable.store(reachable, Ordering::Relaxed);
    }

    pub fn is_reachable(&self) -> bool {
        self.reachable.load(Ordering::Relaxed)
    }

    pub fn state(&self) -> BrokerState {
        match (self.configured, self.is_reachable()) {
            (false, _) => BrokerState::NotConfigured,
            (true, true) => BrokerState::Ok,
            (true, false) => BrokerState::Unavailable,
        }
    }

    /// False only when a configured broker does not answer.
    pub fn is_ready(&self) -> bool {
        self.state() != BrokerState::Unavailable
    }
}
