//! Accounts, sessions and roles: the types both the browser and the server use, the validation
//! rules they share, the server functions, the service behind them and the pages.

pub mod api;
mod login;
mod profile;
mod register;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use login::LoginPage;
pub use profile::ProfilePage;
pub use register::RegisterPage;

use crate::ui::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    User,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::User => "user",
        }
    }

    /// Unknown values (a hand-edited database) get the least privilege.
    pub fn parse(value: &str) -> Self {
        if value == "admin" {
            Role::Admin
        } else {
            Role::User
        }
    }
}

/// A user as the user (and their browser) sees themselves: never the password hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// ISO 4217 code, e.g. `EUR`.
    pub base_currency: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub timezone: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "system"))]
    pub theme: Theme,
    /// Budget alerts are emailed as well as shown under the bell.
    pub email_alerts: bool,
    pub created_at: DateTime<Utc>,
}

/// One signed-in device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionView {
    pub id: i64,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The session this request was made with.
    pub current: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterInput {
    pub email: String,
    pub password: String,
    pub display_name: String,
    /// IANA time zone; the browser sends its own. Defaults to UTC.
    #[serde(default)]
    pub timezone: Option<String>,
    /// ISO 4217 code. Defaults to USD.
    #[serde(default)]
    pub base_currency: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

/// The fields a user may change on their profile; anything else in the request is refused.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub base_currency: Option<String>,
    pub timezone: Option<String>,
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, example = "dark"))]
    pub theme: Option<Theme>,
    pub email_alerts: Option<bool>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}
