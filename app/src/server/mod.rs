//! Server-only infrastructure: state, database, entities and the HTTP side of errors.

pub mod db;
pub mod entities;
pub mod http_error;
pub mod state;

pub use state::AppState;
