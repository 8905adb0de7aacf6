//! Integration tests: each starts the real server on a random port against its own database.

mod admin;
mod analytics;
mod assistant;
mod auth;
mod budgets;
mod categories;
mod events;
mod expenses;
mod helpers;
mod notifications;
mod outbox;
mod receipts;
mod schema;
mod shell;
mod system;
mod transfer;
mod two_instances;
mod two_processes;
