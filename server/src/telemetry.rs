use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Logs to stderr, filtered by `RUST_LOG` (sqlx's per-query INFO lines are off by default).
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (several test servers in one process) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_target(false))
        .try_init();
}
