//! `/api/v1/auth/*`: the same account services the pages use, over JSON. Browsers get cookies;
//! other clients use the tokens in the body with `Authorization: Bearer`.

use app::{
    AppError,
    auth::{
        LoginInput, PasswordChange, ProfileUpdate, RegisterInput, SessionView, UserView, service,
    },
    server::{AppState, ClientInfo, Viewer, cookies},
};
use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{AppendHeaders, IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ErrorResponse};

/// Tokens for API clients (browsers use the cookies set on the same response).
#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    access_token: String,
    /// Absent when a parallel request rotated this refresh token moments ago: keep the newer one.
    refresh_token: Option<String>,
    /// Always `Bearer`.
    token_type: &'static str,
    /// Seconds until the access token expires.
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<UserView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshInput {
    refresh_token: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionList {
    items: Vec<SessionView>,
}

/// Responses that set session cookies carry tokens: no cache may keep them (RFC 6749 §5.1).
fn with_cookies(
    cookies: impl IntoIterator<Item = HeaderValue>,
    body: impl IntoResponse,
) -> Response {
    let headers: Vec<_> = cookies
        .into_iter()
        .map(|value| (header::SET_COOKIE, value))
        .collect();
    let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
    (AppendHeaders(headers), no_store, body).into_response()
}

fn tokens(
    state: &AppState,
    access_token: String,
    refresh_token: Option<String>,
    user: Option<UserView>,
) -> Json<TokenResponse> {
    Json(TokenResponse {
        access_token,
        refresh_token,
        token_type: "Bearer",
        expires_in: state.auth.access_ttl.as_secs(),
        user,
    })
}

/// Create an account. The first account of an empty instance becomes its administrator.
#[utoipa::path(post, path = "/auth/register", tag = "auth", request_body = RegisterInput, responses(
    (status = 201, body = UserView),
    (status = 409, description = "The email is taken", body = ErrorResponse),
    (status = 422, description = "A field breaks a rule", body = ErrorResponse),
    (status = 429, description = "Too many attempts", body = ErrorResponse),
))]
pub async fn register(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(input): ApiJson<RegisterInput>,
) -> Result<(StatusCode, Json<UserView>), AppError> {
    let user = service::sign_up(&state, &input, &client).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Sign in: the tokens in the body, and the session cookies.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginInput, responses(
    (status = 200, body = TokenResponse),
    (status = 401, description = "Wrong email or password", body = ErrorResponse),
    (status = 429, description = "Too many attempts", body = ErrorResponse),
))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(input): ApiJson<LoginInput>,
) -> Result<Response, AppError> {
    let signed_in = service::sign_in(&state, &input, &client).await?;
    let session = signed_in.session;
    let mut cookies = cookies::session_cookies(
        &state.auth,
        &session.access_token,
        &session.refresh_token,
        session.session_remaining,
    )
    .to_vec();
    cookies.push(cookies::theme_cookie(signed_in.user.theme));
    let body = tokens(
        &state,
        session.access_token,
        Some(session.refresh_token),
        Some(signed_in.user),
    );
    Ok(with_cookies(cookies, body))
}

/// Rotate a refresh token (from the body, or the refresh cookie) into a new pair.
#[utoipa::path(post, path = "/auth/refresh", tag = "auth", request_body(content = Option<RefreshInput>), responses(
    (status = 200, body = TokenResponse),
    (status = 401, description = "Unknown, expired or reused refresh token", body = ErrorResponse),
))]
pub async fn refresh(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    body: Option<ApiJson<RefreshInput>>,
) -> Result<Response, AppError> {
    let presented = match &body {
        Some(ApiJson(input)) => Some(input.refresh_token.as_str()),
        None => cookies::read(&headers, cookies::refresh_name(&state.auth)),
    }
    .ok_or_else(|| {
        AppError::unauthorized("Send a refresh token in the body or the refresh cookie.")
    })?;
    let (refreshed, _) = service::refresh(&state.db, &state.auth, presented, &client).await?;
    Ok(match refreshed {
        service::Refreshed::Rotated(issued) => {
            let cookies = cookies::session_cookies(
                &state.auth,
                &issued.access_token,
                &issued.refresh_token,
                issued.session_remaining,
            );
            with_cookies(
                cookies,
                tokens(
                    &state,
                    issued.access_token,
                    Some(issued.refresh_token),
                    None,
                ),
            )
        }
        service::Refreshed::WithinGrace { access_token, .. } => {
            let cookie = cookies::access_cookie(&state.auth, &access_token);
            with_cookies([cookie], tokens(&state, access_token, None, None))
        }
    })
}

/// End this session. Idempotent: without a session it only clears the cookies.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    viewer: Option<Viewer>,
) -> Result<Response, AppError> {
    if let Some(viewer) = viewer {
        service::end_session(&state.db, &viewer).await?;
    }
    Ok(with_cookies(
        cookies::cleared_cookies(&state.auth),
        StatusCode::NO_CONTENT,
    ))
}

/// End every session of this user, this one included.
#[utoipa::path(post, path = "/auth/logout-all", tag = "auth", security(("bearer" = [])), responses(
    (status = 204), (status = 401, body = ErrorResponse),
))]
pub async fn logout_all(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    service::end_all_sessions(&state.db, viewer.user_id, None).await?;
    Ok(with_cookies(
        cookies::cleared_cookies(&state.auth),
        StatusCode::NO_CONTENT,
    ))
}

/// The signed-in user.
#[utoipa::path(get, path = "/auth/profile", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = UserView), (status = 401, body = ErrorResponse),
))]
pub async fn profile(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<UserView>, AppError> {
    service::profile(&state.db, &viewer).await.map(Json)
}

/// Change the display name, base currency, time zone or theme; other fields are refused.
#[utoipa::path(patch, path = "/auth/profile", tag = "auth", security(("bearer" = [])), request_body = ProfileUpdate, responses(
    (status = 200, body = UserView), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse),
))]
pub async fn update_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(update): ApiJson<ProfileUpdate>,
) -> Result<Response, AppError> {
    let user = service::update_profile(&state.db, &viewer, &update).await?;
    Ok(with_cookies(
        [cookies::theme_cookie(user.theme)],
        Json(user),
    ))
}

/// Change the password; every other session of the user ends.
#[utoipa::path(post, path = "/auth/password", tag = "auth", security(("bearer" = [])), request_body = PasswordChange, responses(
    (status = 204), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse), (status = 429, body = ErrorResponse),
))]
pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    client: ClientInfo,
    ApiJson(change): ApiJson<PasswordChange>,
) -> Result<StatusCode, AppError> {
    service::change_password(&state.db, &state.login_throttle, &viewer, &change, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The user's live sessions, most recently used first.
#[utoipa::path(get, path = "/auth/sessions", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = SessionList), (status = 401, body = ErrorResponse),
))]
pub async fn sessions(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<SessionList>, AppError> {
    let items = service::list_sessions(&state.db, &viewer).await?;
    Ok(Json(SessionList { items }))
}

/// End one of the user's sessions (another user's id is "not found").
#[utoipa::path(delete, path = "/auth/sessions/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Session id")),
    responses((status = 204), (status = 401, body = ErrorResponse), (status = 404, body = ErrorResponse)),
)]
pub async fn revoke_session(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    service::revoke_session(&state.db, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
