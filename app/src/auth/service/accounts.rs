//! Registering, signing in, the profile and passwords.

use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

use super::sessions::end_all_sessions;
use crate::{
    AppError,
    auth::{LoginInput, PasswordChange, ProfileUpdate, RegisterInput, Role, UserView, rules},
    server::{
        ClientInfo, Viewer, activity, clock, db,
        entities::{prelude::Users, users},
        password,
        throttle::LoginThrottle,
    },
    ui::theme::Theme,
};

/// Held while a registration decides whether it is the instance's first account (its admin).
/// Per process: instances sharing one database could still race at the very first sign-up.
static FIRST_USER_DECISION: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const DEFAULT_TIMEZONE: &str = "UTC";
const DEFAULT_CURRENCY: &str = "USD";

pub(super) fn view(user: users::Model) -> UserView {
    UserView {
        id: user.id,
        role: Role::parse(&user.role),
        theme: Theme::parse(&user.theme).unwrap_or_default(),
        email: user.email,
        display_name: user.display_name,
        base_currency: user.base_currency,
        timezone: user.timezone,
        email_alerts: user.email_alerts,
        created_at: user.created_at,
    }
}

fn timezone(value: &str) -> Result<String, AppError> {
    value
        .trim()
        .parse::<Tz>()
        .map(|zone| zone.name().to_string())
        .map_err(|_| {
            AppError::validation(
                "timezone",
                "Choose a time zone from the list, like Europe/Berlin.",
            )
        })
}

fn invalid_credentials() -> AppError {
    AppError::unauthorized("The email or password is not correct.")
}

fn duplicate_email() -> AppError {
    AppError::conflict("An account with this email already exists. Sign in instead.")
}

async fn find_by_email(
    db: &DatabaseConnection,
    email: &str,
) -> Result<Option<users::Model>, AppError> {
    Ok(Users::find()
        .filter(users::Column::Email.eq(email))
        .one(db)
        .await?)
}

async fn find_user(db: &DatabaseConnection, user_id: i64) -> Result<users::Model, AppError> {
    Users::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or_else(crate::server::tokens::invalid_session)
}

/// Creates an account. The first account of an empty instance becomes its administrator.
#[tracing::instrument(skip_all)]
pub async fn register(
    db: &DatabaseConnection,
    input: &RegisterInput,
) -> Result<UserView, AppError> {
    let email = rules::email(&input.email)?;
    let display_name = rules::display_name(&input.display_name)?;
    rules::new_password("password", &input.password)?;
    let timezone = timezone(input.timezone.as_deref().unwrap_or(DEFAULT_TIMEZONE))?;
    let base_currency =
        rules::currency(input.base_currency.as_deref().unwrap_or(DEFAULT_CURRENCY))?;
    if find_by_email(db, &email).await?.is_some() {
        return Err(duplicate_email());
    }
    let password_hash = password::hash(input.password.clone()).await?;

    // Registrations take turns deciding who is first. The insert comes before the count, so
    // SQLite takes its write lock (waiting its turn) before it reads.
    let _turn = FIRST_USER_DECISION.lock().await;
    let txn = db::begin_write(db).await?;
    let inserted = users::ActiveModel {
        email: Set(email.clone()),
        display_name: Set(display_name),
        password_hash: Set(password_hash),
        role: Set(Role::User.as_str().into()),
        base_currency: Set(base_currency),
        timezone: Set(timezone),
        theme: Set(Theme::System.as_str().into()),
        locale: Set("en".into()),
        created_at: Set(clock::now()),
        disabled_at: Set(None),
        data_version: Set(0),
        email_alerts: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    // Two registrations racing for one email: the unique index decides, the loser gets a 409.
    let user = match inserted {
        Ok(user) => user,
        Err(error) if find_by_email(db, &email).await?.is_some() => {
            tracing::info!(%error, "registration lost a race for its email");
            return Err(duplicate_email());
        }
        Err(error) => return Err(error.into()),
    };
    let (user, role) = if Users::find().count(&txn).await? == 1 {
        let mut admin = user.into_active_model();
        admin.role = Set(Role::Admin.as_str().into());
        (admin.update(&txn).await?, Role::Admin)
    } else {
        (user, Role::User)
    };
    crate::categories::service::create_defaults(&txn, user.id).await?;
    activity::record(
        &txn,
        Some(user.id),
        "user.registered",
        json!({ "email": email, "role": role.as_str() }),
    )
    .await?;
    txn.commit().await?;
    Ok(view(user))
}

/// The account for these credentials, or one message for every failure (no user enumeration;
/// an unknown email costs the same Argon2 work as a wrong password).
#[tracing::instrument(skip_all)]
pub async fn verify_credentials(
    db: &DatabaseConnection,
    throttle: &LoginThrottle,
    input: &LoginInput,
    client: &ClientInfo,
) -> Result<users::Model, AppError> {
    let email = rules::email(&input.email).unwrap_or_default();
    throttle.check(Some(&email), client.ip)?;
    let user = if email.is_empty() {
        None
    } else {
        find_by_email(db, &email).await?
    };
    let hash = user.as_ref().map(|user| user.password_hash.clone());
    if !password::verify(input.password.clone(), hash).await {
        return Err(invalid_credentials());
    }
    let user = user.ok_or_else(invalid_credentials)?;
    if user.disabled_at.is_some() {
        return Err(AppError::forbidden(
            "This account is disabled. Ask your administrator.",
        ));
    }
    Ok(user)
}

pub async fn profile(db: &DatabaseConnection, viewer: &Viewer) -> Result<UserView, AppError> {
    Ok(view(find_user(db, viewer.user_id).await?))
}

/// Applies the fields present in `update`, all validated before anything is written.
#[tracing::instrument(skip_all, fields(user_id = viewer.user_id))]
pub async fn update_profile(
    db: &DatabaseConnection,
    viewer: &Viewer,
    update: &ProfileUpdate,
) -> Result<UserView, AppError> {
    let mut user = find_user(db, viewer.user_id).await?.into_active_model();
    if let Some(name) = &update.display_name {
        user.display_name = Set(rules::display_name(name)?);
    }
    if let Some(currency) = &update.base_currency {
        user.base_currency = Set(rules::currency(currency)?);
    }
    if let Some(zone) = &update.timezone {
        user.timezone = Set(timezone(zone)?);
    }
    if let Some(theme) = update.theme {
        user.theme = Set(theme.as_str().into());
    }
    if let Some(email_alerts) = update.email_alerts {
        user.email_alerts = Set(email_alerts);
    }
    Ok(view(user.update(db).await?))
}

/// Remembers the theme the toggle picked, for the user's other devices and the next sign-in.
pub async fn save_theme(
    db: &DatabaseConnection,
    viewer: &Viewer,
    theme: Theme,
) -> Result<(), AppError> {
    let update = ProfileUpdate {
        theme: Some(theme),
        ..Default::default()
    };
    update_profile(db, viewer, &update).await.map(|_| ())
}

/// Changes the password after checking the current one, and ends every other session.
#[tracing::instrument(skip_all, fields(user_id = viewer.user_id))]
pub async fn change_password(
    db: &DatabaseConnection,
    throttle: &LoginThrottle,
    viewer: &Viewer,
    change: &PasswordChange,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let user = find_user(db, viewer.user_id).await?;
    throttle.check(Some(&user.email), client.ip)?;
    if !password::verify(
        change.current_password.clone(),
        Some(user.password_hash.clone()),
    )
    .await
    {
        return Err(AppError::validation(
            "current_password",
            "The current password is not correct.",
        ));
    }
    rules::new_password("new_password", &change.new_password)?;
    if change.new_password == change.current_password {
        return Err(AppError::validation(
            "new_password",
            "Choose a password different from the current one.",
        ));
    }
    let password_hash = password::hash(change.new_password.clone()).await?;
    let txn = db::begin_write(db).await?;
    let mut active = user.into_active_model();
    active.password_hash = Set(password_hash);
    active.update(&txn).await?;
    end_all_sessions(&txn, viewer.user_id, Some(viewer.session_id)).await?;
    activity::record(
        &txn,
        Some(viewer.user_id),
        "user.password_changed",
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub enum AdminOutcome {
    Created,
    Promoted,
    AlreadyAdmin,
}

/// `spendwise create-admin`: promotes an existing account, or creates one with `password`
/// (asked for only when the account does not exist yet).
pub async fn create_or_promote_admin(
    db: &DatabaseConnection,
    email: &str,
    password: impl AsyncFnOnce() -> Result<String, AppError>,
) -> Result<AdminOutcome, AppError> {
    let email = rules::email(email)?;
    if let Some(user) = find_by_email(db, &email).await? {
        if Role::parse(&user.role) == Role::Admin {
            return Ok(AdminOutcome::AlreadyAdmin);
        }
        promote_to_admin(db, user).await?;
        return Ok(AdminOutcome::Promoted);
    }
    let input = RegisterInput {
        display_name: email.split('@').next().unwrap_or("Admin").to_string(),
        email: email.clone(),
        password: password().await?,
        timezone: None,
        base_currency: None,
    };
    let created = register(db, &input).await?;
    if created.role != Role::Admin {
        promote_to_admin(db, find_user(db, created.id).await?).await?;
    }
    Ok(AdminOutcome::Created)
}

async fn promote_to_admin(db: &DatabaseConnection, user: users::Model) -> Result<(), AppError> {
    let txn = db::begin_write(db).await?;
    let user_id = user.id;
    let mut active = user.into_active_model();
    active.role = Set(Role::Admin.as_str().into());
    active.update(&txn).await?;
    activity::record(
        &txn,
        Some(user_id),
        "user.role_changed",
        json!({ "role": "admin", "by": "command line" }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
