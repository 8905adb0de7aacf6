//! Write mode: the console changes data only when the server allows it (`ADMIN_SQL_WRITE=true`)
//! and the administrator typed their password again in this session within the last five
//! minutes, so a forgotten open tab or a stolen session cannot. Results are not masked here:
//! someone who may rewrite the users table may read it. Every statement is logged with its
//! author (query log and activity).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

use super::{ConsoleLimits, check, result, run, run_logged};
use crate::{
    AppError,
    admin::console::{ConsoleQuery, ConsoleResult, WriteMode},
    server::{
        ClientInfo, Viewer, activity, clock,
        entities::prelude::{Sessions, Users},
        password,
        throttle::LoginThrottle,
    },
};

/// How long a typed password keeps write mode open.
const CONFIRMATION_LASTS: Duration = Duration::minutes(5);

fn disabled() -> AppError {
    AppError::Forbidden {
        message: "Write mode is off: the console is read-only unless the server runs with \
                  ADMIN_SQL_WRITE=true."
            .into(),
    }
}

/// Until when this session may write, if it may.
async fn confirmed_until(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let session = Sessions::find_by_id(viewer.session_id).one(db).await?;
    Ok(session
        .and_then(|session| session.password_confirmed_at)
        .map(|at| at + CONFIRMATION_LASTS)
        .filter(|until| *until > clock::now()))
}

pub async fn write_mode(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    viewer: &Viewer,
) -> Result<WriteMode, AppError> {
    viewer.require_admin()?;
    Ok(WriteMode {
        enabled: limits.write,
        confirmed_until: if limits.write {
            confirmed_until(db, viewer).await?
        } else {
            None
        },
    })
}

/// Checks the password again and opens write mode for this session for five minutes.
pub async fn confirm_password(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    viewer: &Viewer,
    throttle: &LoginThrottle,
    client: &ClientInfo,
    typed: &str,
) -> Result<WriteMode, AppError> {
    viewer.require_admin()?;
    if !limits.write {
        return Err(disabled());
    }
    let user = Users::find_by_id(viewer.user_id).one(db).await?;
    // The sign-in limits count these too: a stolen session must not become a way to guess.
    throttle.check(user.as_ref().map(|user| user.email.as_str()), client.ip)?;
    if !password::verify(typed.to_string(), user.map(|user| user.password_hash)).await {
        return Err(AppError::validation(
            "password",
            "That is not your password.",
        ));
    }
    let session = Sessions::find_by_id(viewer.session_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Unauthorized {
            message: "Your session has ended; sign in again.".into(),
        })?;
    let now = clock::now();
    let mut session = session.into_active_model();
    session.password_confirmed_at = Set(Some(now));
    session.update(db).await?;
    Ok(WriteMode {
        enabled: true,
        confirmed_until: Some(now + CONFIRMATION_LASTS),
    })
}

/// Runs one statement of any kind, committed, within the console's timeout and row cap.
pub async fn execute(
    db: &DatabaseConnection,
    limits: &ConsoleLimits,
    viewer: &Viewer,
    query: &ConsoleQuery,
) -> Result<ConsoleResult, AppError> {
    viewer.require_admin()?;
    if !limits.write {
        return Err(disabled());
    }
    if confirmed_until(db, viewer).await?.is_none() {
        return Err(AppError::Forbidden {
            message: "Confirm your password to write: write mode asks for it again every \
                      five minutes."
                .into(),
        });
    }
    let (sql, returns_rows) = check::single(db.get_database_backend(), &query.sql)?;
    let access = run::Access::Write { returns_rows };
    let (rows, duration) = run_logged(db, limits, viewer, &sql, access).await?;
    activity::record(
        db,
        Some(viewer.user_id),
        "admin.sql_write",
        json!({ "sql": sql, "rows_affected": rows.rows_affected }),
    )
    .await?;
    Ok(result(rows, duration))
}
