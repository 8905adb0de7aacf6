//! Integration tests: each starts the real server on a random port against its own database.

mod auth;
mod helpers;
mod schema;
mod shell;
mod system;
