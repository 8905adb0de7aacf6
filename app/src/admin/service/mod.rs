//! The admin's services. Each starts with `viewer.require_admin()`.

mod activity;
mod console;
mod users;

pub use activity::list_activity;
pub use console::{ConsoleLimits, LARGE_TABLE_ROWS, explain_query, list_tables, run_query};
pub use users::{delete_user, list_users, revoke_user_sessions, update_user};
