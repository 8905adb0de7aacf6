//! Account and session settings, built by the server from its configuration.

use std::{fmt, num::NonZeroU32, time::Duration};

/// Read by the token, cookie and session code; shared through [`super::AppState`].
#[derive(Clone)]
pub struct AuthSettings {
    /// The HS256 key that signs access tokens (at least 32 bytes).
    pub signing_key: Vec<u8>,
    pub access_ttl: Duration,
    /// The absolute lifetime of a login; rotating the refresh token never extends it.
    pub session_ttl: Duration,
    /// How long the refresh token a rotation replaced stays acceptable, for parallel tabs.
    pub refresh_grace: Duration,
    pub max_sessions_per_user: u64,
    /// `Secure` cookies with the `__Host-` prefix; off only for plain-HTTP setups on a LAN.
    pub cookie_secure: bool,
    pub login_attempts_per_account: NonZeroU32,
    pub login_attempts_per_ip: NonZeroU32,
}

impl AuthSettings {
    pub const ISSUER: &'static str = "spendwise";
    pub const AUDIENCE: &'static str = "spendwise";

    pub fn new(signing_key: Vec<u8>) -> Self {
        Self {
            signing_key,
            access_ttl: Duration::from_secs(15 * 60),
            session_ttl: Duration::from_secs(30 * 24 * 60 * 60),
            refresh_grace: Duration::from_secs(10),
            max_sessions_per_user: 10,
            cookie_secure: true,
            login_attempts_per_account: NonZeroU32::new(10).expect("non-zero"),
            login_attempts_per_ip: NonZeroU32::new(50).expect("non-zero"),
        }
    }
}

impl fmt::Debug for AuthSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthSettings")
            .field("signing_key", &"[redacted]")
            .field("access_ttl", &self.access_ttl)
            .field("session_ttl", &self.session_ttl)
            .field("max_sessions_per_user", &self.max_sessions_per_user)
            .field("cookie_secure", &self.cookie_secure)
            .finish_non_exhaustive()
    }
}
