//! Integration tests: each starts the real server on a random port against its own database.

mod auth;
mod categories;
mod expenses;
mod helpers;
mod schema;
mod shell;
mod system;
mod transfer;
