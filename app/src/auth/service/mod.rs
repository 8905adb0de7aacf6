//! The account and session domain: every transport (server functions, REST, CLI, tests) calls
//! these functions, so the rules hold the same everywhere.

mod accounts;
mod sessions;

pub use accounts::{
    AdminOutcome, change_password, create_or_promote_admin, profile, register, save_theme,
    update_profile, verify_credentials,
};
pub use sessions::{
    IssuedSession, Refreshed, authenticate, end_all_sessions, end_session, list_sessions, refresh,
    revoke_session, start_session,
};

use crate::{
    AppError,
    auth::{LoginInput, RegisterInput, UserView},
    server::{AppState, ClientInfo},
};

pub struct SignedIn {
    pub session: IssuedSession,
    pub user: UserView,
}

/// Registration for every client: throttled per address like sign-in (Argon2 is costly).
pub async fn sign_up(
    state: &AppState,
    input: &RegisterInput,
    client: &ClientInfo,
) -> Result<UserView, AppError> {
    state.login_throttle.check(None, client.ip)?;
    register(&state.db, input).await
}

/// Checks the credentials (throttled) and starts a session: what "log in" means for every client.
pub async fn sign_in(
    state: &AppState,
    input: &LoginInput,
    client: &ClientInfo,
) -> Result<SignedIn, AppError> {
    let user = verify_credentials(&state.db, &state.login_throttle, input, client).await?;
    let session = start_session(&state.db, &state.auth, &user, client).await?;
    Ok(SignedIn {
        session,
        user: accounts::view(user),
    })
}
