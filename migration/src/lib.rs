//! Schema migrations. Every schema change is a new `mYYYYMMDD_NNNNNN_*.rs` file, never an edit.
//!
//! Each `down` undoes its `up`: a create's `down` drops the table; dropping a table also drops its indexes and
//! foreign keys on SQLite, PostgreSQL and MySQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_users;
mod m20261123_000002_create_sessions;
mod m20261123_000003_create_categories;
mod m20261123_000004_create_receipts;
mod m20261123_000005_create_expenses;
mod m20261123_000006_create_budgets;
mod m20261123_000007_create_chat_messages;
mod m20261123_000008_create_query_log;
mod m20261123_000009_create_activity;
mod m20261123_000010_add_session_rotation;
mod m20261123_000011_add_user_data_version;
mod m20261123_000012_add_expense_search_text;
mod m20261123_000013_create_notifications;
mod m20261123_000014_expense_text_compares_bytes;
mod m20261206_000015_add_session_password_confirmed;
mod m20261206_000016_create_events_and_email;
mod m20261207_000017_create_worker_leases;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_users::Migration),
            Box::new(m20261123_000002_create_sessions::Migration),
            Box::new(m20261123_000003_create_categories::Migration),
            Box::new(m20261123_000004_create_receipts::Migration),
            Box::new(m20261123_000005_create_expenses::Migration),
            Box::new(m20261123_000006_create_budgets::Migration),
            Box::new(m20261123_000007_create_chat_messages::Migration),
            Box::new(m20261123_000008_create_query_log::Migration),
            Box::new(m20261123_000009_create_activity::Migration),
            Box::new(m20261123_000010_add_session_rotation::Migration),
            Box::new(m20261123_000011_add_user_data_version::Migration),
            Box::new(m20261123_000012_add_expense_search_text::Migration),
            Box::new(m20261123_000013_create_notifications::Migration),
            Box::new(m20261123_000014_expense_text_compares_bytes::Migration),
            Box::new(m20261206_000015_add_session_password_confirmed::Migration),
            Box::new(m20261206_000016_create_events_and_email::Migration),
            Box::new(m20261207_000017_create_worker_leases::Migration),
        ]
    }
}
