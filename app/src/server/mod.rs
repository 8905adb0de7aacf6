//! Server-only infrastructure: state, database, entities, tokens, cookies and the HTTP side of
//! errors.

pub mod activity;
pub mod broker;
pub mod clock;
pub mod cookies;
pub mod data_version;
pub mod db;
pub mod entities;
pub mod http_error;
pub mod password;
pub mod query_log;
pub mod respond;
pub mod row_values;
pub mod settings;
pub mod sql;
pub mod state;
pub mod throttle;
pub mod tokens;
pub mod viewer;

pub use state::AppState;
pub use viewer::{ClientInfo, Viewer};
