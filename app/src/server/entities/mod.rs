//! SeaORM entities, one per table. They follow the `migration` crate exactly;
//! `schema_check::mismatches` proves it against a live database.

pub mod activity;
pub mod budgets;
pub mod categories;
pub mod chat_messages;
pub mod daily_active_users;
pub mod daily_counters;
pub mod emails;
pub mod expenses;
pub mod notifications;
pub mod processed_events;
pub mod query_log;
pub mod receipts;
pub mod schema_check;
pub mod sessions;
pub mod users;
pub mod worker_leases;

pub mod prelude {
    pub use super::activity::Entity as Activity;
    pub use super::budgets::Entity as Budgets;
    pub use super::categories::Entity as Categories;
    pub use super::chat_messages::Entity as ChatMessages;
    pub use super::daily_active_users::Entity as DailyActiveUsers;
    pub use super::daily_counters::Entity as DailyCounters;
    pub use super::emails::Entity as Emails;
    pub use super::expenses::Entity as Expenses;
    pub use super::notifications::Entity as Notifications;
    pub use super::processed_events::Entity as ProcessedEvents;
    pub use super::query_log::Entity as QueryLog;
    pub use super::receipts::Entity as Receipts;
    pub use super::sessions::Entity as Sessions;
    pub use super::users::Entity as Users;
    pub use super::worker_leases::Entity as WorkerLeases;
}
