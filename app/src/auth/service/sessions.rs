//! Sessions: one row per sign-in, a rotating refresh token per row, and the live check every
//! authenticated request makes (so logout and revocation take effect on the next request).

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde_json::json;

use crate::{
    AppError,
    auth::{Role, SessionView},
    live::feed,
    money::Currency,
    server::{
        ClientInfo, Viewer, activity, clock,
        entities::{
            prelude::{Sessions, Users},
            sessions, users,
        },
        settings::AuthSettings,
        tokens::{self, RefreshToken, invalid_session},
    },
    ui::theme::Theme,
};

/// `last_used_at` is refreshed at most this often, so reads do not turn into writes.
const LAST_USED_RESOLUTION: TimeDelta = TimeDelta::seconds(60);
const USER_AGENT_MAX: usize = 512;

/// What a client receives when a session starts or its refresh token rotates.
#[derive(Debug, Clone)]
pub struct IssuedSession {
    pub session_id: i64,
    pub user_id: i64,
    pub access_token: String,
    pub refresh_token: String,
    /// Until the session's absolute expiry: the refresh cookie's lifetime.
    pub session_remaining: Duration,
}

/// The outcome of presenting a refresh token.
#[derive(Debug, Clone)]
pub enum Refreshed {
    Rotated(IssuedSession),
    /// The token was rotated moments ago by a parallel request (another tab): a new access token
    /// only; the browser already holds the newer refresh token.
    WithinGrace {
        session_id: i64,
        user_id: i64,
        access_token: String,
    },
}

impl Refreshed {
    pub fn access_token(&self) -> &str {
        match self {
            Refreshed::Rotated(issued) => &issued.access_token,
            Refreshed::WithinGrace { access_token, .. } => access_token,
        }
    }
}

fn live() -> SimpleExpr {
    sessions::Column::RevokedAt
        .is_null()
        .and(sessions::Column::ExpiresAt.gt(clock::now()))
}

fn remaining(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (expires_at - now).to_std().unwrap_or_default()
}

fn viewer(user: &users::Model, session_id: i64) -> Viewer {
    Viewer {
        user_id: user.id,
        session_id,
        role: Role::parse(&user.role),
        theme: Theme::parse(&user.theme).unwrap_or_default(),
        time_zone: user.timezone.parse().unwrap_or(chrono_tz::Tz::UTC),
        base_currency: Currency::find(&user.base_currency).unwrap_or(Currency::FALLBACK),
        data_version: user.data_version,
    }
}

fn truncated_user_agent(client: &ClientInfo) -> Option<String> {
    client
        .user_agent
        .as_ref()
        .map(|agent| agent.chars().take(USER_AGENT_MAX).collect())
}

/// Starts a session for a verified user and ends the oldest ones beyond the configured limit.
pub async fn start_session(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    user: &users::Model,
    client: &ClientInfo,
) -> Result<IssuedSession, AppError> {
    let now = clock::now();
    let refresh = RefreshToken::generate(uuid::Uuid::new_v4().to_string());
    let expires_at = now + settings.session_ttl;
    let session = sessions::ActiveModel {
        user_id: Set(user.id),
        refresh_token_hash: Set(refresh.hash()),
        family_id: Set(refresh.family.clone()),
        created_at: Set(now),
        last_used_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        user_agent: Set(truncated_user_agent(client)),
        ip: Set(client.ip.map(|ip| ip.to_string())),
        previous_refresh_token_hash: Set(None),
        rotated_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    end_sessions_beyond_limit(db, user.id, settings.max_sessions_per_user).await?;
    Ok(IssuedSession {
        session_id: session.id,
        user_id: user.id,
        access_token: tokens::issue_access(
            settings,
            user.id,
            Role::parse(&user.role),
            session.id,
            now,
        )?,
        refresh_token: refresh.to_string(),
        session_remaining: remaining(expires_at, now),
    })
}

async fn end_sessions_beyond_limit(
    db: &DatabaseConnection,
    user_id: i64,
    limit: u64,
) -> Result<(), AppError> {
    let live_sessions = Sessions::find()
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(live())
        .order_by_desc(sessions::Column::CreatedAt)
        .order_by_desc(sessions::Column::Id)
        .all(db)
        .await?;
    let oldest: Vec<i64> = live_sessions
        .iter()
        .skip(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|session| session.id)
        .collect();
    if !oldest.is_empty() {
        revoke_where(db, user_id, sessions::Column::Id.is_in(oldest)).await?;
    }
    Ok(())
}

/// Revokes this user's sessions that match, and tells their open event streams to end.
async fn revoke_where(
    db: &impl ConnectionTrait,
    user_id: i64,
    condition: SimpleExpr,
) -> Result<u64, AppError> {
    let result = Sessions::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(clock::now()))
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(condition)
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected > 0 {
        feed::announce(db, user_id).await?;
    }
    Ok(result.rows_affected)
}

/// The viewer behind an access token, if its session is still live and its user still enabled.
pub async fn authenticate(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    access_token: &str,
) -> Result<Viewer, AppError> {
    let claims = tokens::verify_access(settings, access_token)?;
    let (session, user) = Sessions::find_by_id(claims.sid)
        .find_also_related(Users)
        .one(db)
        .await?
        .ok_or_else(invalid_session)?;
    let user = user.ok_or_else(invalid_session)?;
    let now = clock::now();
    let usable = Some(user.id) == claims.user_id()
        && session.revoked_at.is_none()
        && session.expires_at > now
        && user.disabled_at.is_none();
    if !usable {
        return Err(invalid_session());
    }
    if now - session.last_used_at >= LAST_USED_RESOLUTION {
        let mut active = session.into_active_model();
        active.last_used_at = Set(now);
        active.update(db).await?;
    }
    Ok(viewer(&user, claims.sid))
}

/// Rotates a refresh token. A token that was already rotated away (outside the grace window)
/// means it leaked: the whole family is revoked and the caller must sign in again.
pub async fn refresh(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    presented: &str,
    client: &ClientInfo,
) -> Result<(Refreshed, Viewer), AppError> {
    let presented = RefreshToken::parse(presented).ok_or_else(invalid_session)?;
    let (session, user) = Sessions::find()
        .filter(sessions::Column::FamilyId.eq(presented.family.as_str()))
        .find_also_related(Users)
        .one(db)
        .await?
        .ok_or_else(invalid_session)?;
    let user = user.ok_or_else(invalid_session)?;
    let now = clock::now();
    if session.revoked_at.is_some() || session.expires_at <= now || user.disabled_at.is_some() {
        return Err(invalid_session());
    }
    let presented_hash = presented.hash();
    let role = Role::parse(&user.role);
    if presented_hash == session.refresh_token_hash {
        let next = RefreshToken::generate(session.family_id.clone());
        // Conditional on the old hash: of two simultaneous rotations exactly one wins.
        let rotated = Sessions::update_many()
            .col_expr(sessions::Column::RefreshTokenHash, Expr::value(next.hash()))
            .col_expr(
                sessions::Column::PreviousRefreshTokenHash,
                Expr::value(presented_hash.clone()),
            )
            .col_expr(sessions::Column::RotatedAt, Expr::value(now))
            .col_expr(sessions::Column::LastUsedAt, Expr::value(now))
            .filter(sessions::Column::Id.eq(session.id))
            .filter(sessions::Column::RefreshTokenHash.eq(presented_hash.as_str()))
            .exec(db)
            .await?;
        if rotated.rows_affected == 1 {
            let issued = IssuedSession {
                session_id: session.id,
                user_id: user.id,
                access_token: tokens::issue_access(settings, user.id, role, session.id, now)?,
                refresh_token: next.to_string(),
                session_remaining: remaining(session.expires_at, now),
            };
            return Ok((Refreshed::Rotated(issued), viewer(&user, session.id)));
        }
        return grace(settings, &user, session.id, now)
            .map(|refreshed| (refreshed, viewer(&user, session.id)));
    }
    let within_grace = session.previous_refresh_token_hash.as_deref()
        == Some(presented_hash.as_str())
        && session.rotated_at.is_some_and(|rotated_at| {
            now - rotated_at <= TimeDelta::from_std(settings.refresh_grace).unwrap_or_default()
        });
    if within_grace {
        return grace(settings, &user, session.id, now)
            .map(|refreshed| (refreshed, viewer(&user, session.id)));
    }
    revoke_where(
        db,
        user.id,
        sessions::Column::FamilyId.eq(session.family_id.as_str()),
    )
    .await?;
    activity::record(
        db,
        Some(user.id),
        "session.refresh_reuse_detected",
        json!({ "session_id": session.id, "ip": client.ip.map(|ip| ip.to_string()) }),
    )
    .await?;
    tracing::warn!(
        user_id = user.id,
        session_id = session.id,
        "refresh token reuse: session family revoked"
    );
    Err(invalid_session())
}

fn grace(
    settings: &AuthSettings,
    user: &users::Model,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<Refreshed, AppError> {
    Ok(Refreshed::WithinGrace {
        session_id,
        user_id: user.id,
        access_token: tokens::issue_access(
            settings,
            user.id,
            Role::parse(&user.role),
            session_id,
            now,
        )?,
    })
}

pub async fn list_sessions(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<Vec<SessionView>, AppError> {
    let rows = Sessions::find()
        .filter(sessions::Column::UserId.eq(viewer.user_id))
        .filter(live())
        .order_by_desc(sessions::Column::LastUsedAt)
        .order_by_desc(sessions::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|session| SessionView {
            current: session.id == viewer.session_id,
            id: session.id,
            user_agent: session.user_agent,
            ip: session.ip,
            created_at: session.created_at,
            last_used_at: session.last_used_at,
            expires_at: session.expires_at,
        })
        .collect())
}

/// Ends one of the viewer's sessions; another user's session id is "not found".
pub async fn revoke_session(
    db: &DatabaseConnection,
    viewer: &Viewer,
    session_id: i64,
) -> Result<(), AppError> {
    let ended = revoke_where(db, viewer.user_id, sessions::Column::Id.eq(session_id)).await?;
    if ended == 0 {
        return Err(AppError::not_found("No such session."));
    }
    activity::record(
        db,
        Some(viewer.user_id),
        "session.revoked",
        json!({ "session_id": session_id }),
    )
    .await
}

/// Logout: ends the session the request was made with.
pub async fn end_session(db: &DatabaseConnection, viewer: &Viewer) -> Result<(), AppError> {
    revoke_where(
        db,
        viewer.user_id,
        sessions::Column::Id.eq(viewer.session_id),
    )
    .await?;
    Ok(())
}

/// "Sign out everywhere", also used after a password change (keeping the current session).
pub async fn end_all_sessions(
    db: &impl ConnectionTrait,
    user_id: i64,
    except: Option<i64>,
) -> Result<u64, AppError> {
    let condition = match except {
        Some(keep) => sessions::Column::Id.ne(keep),
        None => Expr::value(true),
    };
    revoke_where(db, user_id, condition).await
}
