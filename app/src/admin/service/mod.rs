//! The admin's services. Each starts with `viewer.require_admin()`.

mod activity;
mod analytics;
mod console;
mod emails;
mod users;

pub use activity::list_activity;
pub use analytics::{analytics, query_trends};
pub use console::{
    ConsoleLimits, LARGE_TABLE_ROWS, confirm_password, execute, explain_query, history,
    list_tables, run_query, write_mode,
};
pub use emails::{list_emails, retry_email};
pub use users::{delete_user, list_users, revoke_user_sessions, update_user};
