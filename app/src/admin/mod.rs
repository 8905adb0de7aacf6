//! Administration: managing users (roles, disabling, sessions, deletion). Every service function
//! checks the admin role itself; the navigation hiding a link is not a check.

pub mod activity;
mod addresses;
pub mod analytics;
pub mod api;
mod cards;
pub mod console;
pub mod database;
pub mod emails;
mod nav;
pub mod overview;
#[cfg(feature = "ssr")]
pub mod service;
mod timestamps;
pub mod users;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::Role;

/// Users per page of the admin list.
pub const USERS_PER_PAGE: u64 = 25;

/// A user as an administrator sees them: never the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminUserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    /// The last time one of their sessions was used; `null` if they never signed in.
    pub last_active_at: Option<DateTime<Utc>>,
    /// Set while the account is disabled: no sign-in, no session works.
    pub disabled_at: Option<DateTime<Utc>>,
    pub expense_count: u64,
    /// Sessions neither revoked nor expired.
    pub active_sessions: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdminUserPage {
    pub users: Vec<AdminUserView>,
    /// Users matching the search, on every page.
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
}

/// A change to a user; absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    #[serde(default)]
    pub role: Option<Role>,
    /// `true` disables the account and ends its sessions at once; `false` enables it again.
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// Deleting a user is confirmed by typing their email address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteUser {
    pub confirm_email: String,
}

/// Activity entries per page unless the caller asks for fewer.
pub const ACTIVITY_PER_PAGE: u64 = 50;

/// One row of the activity log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivityEntry {
    pub id: i64,
    /// Who acted; `null` for the system or a deleted user.
    pub user_id: Option<i64>,
    pub user_email: Option<String>,
    /// e.g. `expense.created`, `budget.alert`, `admin.user_changed`.
    pub kind: String,
    /// The payload, shortened for a list.
    pub summary: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    /// Pass as `before` for the next page; `null` on the last page.
    pub next_before: Option<i64>,
}

/// Which activity to list; everything when empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    pub user_id: Option<i64>,
    /// A kind, or the start of one (`admin.` lists every admin action).
    pub kind: Option<String>,
    pub before: Option<i64>,
    pub limit: Option<u64>,
}
