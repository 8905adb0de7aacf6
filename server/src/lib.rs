//! The SpendWise server: configuration, startup, the REST API and the command line's building
//! blocks. `main.rs` is a thin CLI over this library, and the integration tests drive it directly.

pub mod api;
pub mod config;
pub mod middleware;
pub mod receipt_store;
pub mod signing_key;
pub mod startup;
pub mod telemetry;
pub mod worker;

pub use config::Config;
pub use startup::Application;
