//! Server functions for the account pages. Each authenticates, calls the service and maps the
//! result; the REST handlers in `server/src/api/auth.rs` call the same service functions.

use leptos::prelude::*;

use super::{SessionView, UserView};
use crate::{AppError, ui::theme::Theme};

#[cfg(feature = "ssr")]
mod transport {
    pub use crate::{
        auth::service,
        server::{
            cookies,
            respond::{append_cookies, redirect_plain_form_post, safe_next_path},
            viewer::{app_state, client_info, current_viewer, require_viewer},
        },
    };
}

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "auth/current_user")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    use transport::*;
    let Some(viewer) = current_viewer() else {
        return Ok(None);
    };
    service::profile(&app_state()?.db, &viewer).await.map(Some)
}

/// Signs in and answers with the page to go to next.
#[server(endpoint = "auth/login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use transport::*;
    let state = app_state()?;
    let input = super::LoginInput { email, password };
    let signed_in = service::sign_in(&state, &input, &client_info()).await?;
    append_session_cookies(&state, &signed_in.session);
    append_cookies([cookies::theme_cookie(signed_in.user.theme)]);
    let next = safe_next_path(next.as_deref());
    redirect_plain_form_post(&next);
    Ok(next)
}

/// Creates the account and signs it in.
#[server(endpoint = "auth/register")]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
    timezone: Option<String>,
) -> Result<String, AppError> {
    use transport::*;
    let state = app_state()?;
    let timezone = timezone.filter(|zone| !zone.trim().is_empty());
    let input = super::RegisterInput {
        email,
        password,
        display_name,
        timezone,
        base_currency: None,
    };
    service::sign_up(&state, &input, &client_info()).await?;
    let login = super::LoginInput {
        email: input.email,
        password: input.password,
    };
    let signed_in = service::sign_in(&state, &login, &client_info()).await?;
    append_session_cookies(&state, &signed_in.session);
    redirect_plain_form_post("/");
    Ok("/".into())
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use transport::*;
    let state = app_state()?;
    if let Some(viewer) = current_viewer() {
        service::end_session(&state.db, &viewer).await?;
    }
    append_cookies(cookies::cleared_cookies(&state.auth));
    redirect_plain_form_post("/login");
    Ok(())
}

/// "Sign out everywhere": every session of the user, this one included.
#[server(endpoint = "auth/logout_all")]
pub async fn logout_all() -> Result<(), AppError> {
    use transport::*;
    let state = app_state()?;
    let viewer = require_viewer()?;
    service::end_all_sessions(&state.db, viewer.user_id, None).await?;
    append_cookies(cookies::cleared_cookies(&state.auth));
    redirect_plain_form_post("/login");
    Ok(())
}

#[server(endpoint = "auth/profile")]
pub async fn update_profile(
    display_name: String,
    base_currency: String,
    timezone: String,
    theme: Theme,
    /// A checkbox: present when ticked, absent when not.
    #[server(default)]
    email_alerts: Option<String>,
) -> Result<UserView, AppError> {
    use transport::*;
    let viewer = require_viewer()?;
    let update = super::ProfileUpdate {
        display_name: Some(display_name),
        base_currency: Some(base_currency),
        timezone: Some(timezone),
        theme: Some(theme),
        email_alerts: Some(email_alerts.is_some()),
    };
    let user = service::update_profile(&app_state()?.db, &viewer, &update).await?;
    append_cookies([cookies::theme_cookie(user.theme)]);
    Ok(user)
}

/// Remembers the theme toggle's choice: on the user when signed in, in a cookie always.
#[server(endpoint = "auth/theme")]
pub async fn save_theme(theme: Theme) -> Result<(), AppError> {
    use transport::*;
    if let Some(viewer) = current_viewer() {
        service::save_theme(&app_state()?.db, &viewer, theme).await?;
    }
    append_cookies([cookies::theme_cookie(theme)]);
    Ok(())
}

/// Changes the password; every other session ends.
#[server(endpoint = "auth/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use transport::*;
    let state = app_state()?;
    let viewer = require_viewer()?;
    let change = super::PasswordChange {
        current_password,
        new_password,
    };
    service::change_password(
        &state.db,
        &state.login_throttle,
        &viewer,
        &change,
        &client_info(),
    )
    .await
}

#[server(endpoint = "auth/sessions")]
pub async fn list_sessions() -> Result<Vec<SessionView>, AppError> {
    use transport::*;
    let viewer = require_viewer()?;
    service::list_sessions(&app_state()?.db, &viewer).await
}

#[server(endpoint = "auth/sessions/revoke")]
pub async fn revoke_session(id: i64) -> Result<(), AppError> {
    use transport::*;
    let viewer = require_viewer()?;
    service::revoke_session(&app_state()?.db, &viewer, id).await
}

#[cfg(feature = "ssr")]
fn append_session_cookies(state: &crate::server::AppState, issued: &super::service::IssuedSession) {
    transport::append_cookies(transport::cookies::session_cookies(
        &state.auth,
        &issued.access_token,
        &issued.refresh_token,
        issued.session_remaining,
    ));
}
