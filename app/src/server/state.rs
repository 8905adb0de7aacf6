use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

use super::{broker::BrokerHealth, settings::AuthSettings, throttle::LoginThrottle};
use crate::{
    admin::service::ConsoleLimits, analytics::service::AnalyticsCache,
    assistant::service::Assistant, expenses::service::TotalsCache, live::feed::ChangeFeed,
    receipts::service::ReceiptStore,
};

/// Everything a request handler or server function needs, cheap to clone (handles only).
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub auth: Arc<AuthSettings>,
    pub login_throttle: Arc<LoginThrottle>,
    /// Count and sums of the expense list per filter, keyed by the user's data version.
    pub expense_totals: TotalsCache,
    /// Receipt files and the upload limits.
    pub receipts: ReceiptStore,
    /// Dashboard aggregates per user, keyed by the user's data version.
    pub analytics: AnalyticsCache,
    /// The assistant's caches (answers, per-user sandboxes) and its rate limit.
    pub assistant: Assistant,
    /// The admin database console's timeout and row cap.
    pub console: ConsoleLimits,
    /// Whether the message broker answers, for readiness and the admin pages.
    pub broker: BrokerHealth,
    /// Tells open event streams that their user's data changed.
    pub live: ChangeFeed,
}
