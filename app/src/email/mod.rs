//! Email. The event handler here turns events into rows of the `emails` table, rendered from
//! `templates/`; the mail sender (server crate) delivers them through [`queue`], retrying with
//! backoff. Nothing is sent from a request: a request only writes its activity row.

pub mod queue;
pub mod templates;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::{
    events::Event,
    server::entities::{prelude::Users, users},
};
use templates::Template;

/// What rendering needs from the configuration.
#[derive(Clone, Debug)]
pub struct EmailSettings {
    /// Where users reach the app, for the links in emails (`PUBLIC_URL`).
    pub app_url: String,
}

/// Writes the email an event calls for, if any.
pub async fn on_event(
    db: &impl ConnectionTrait,
    settings: &EmailSettings,
    event: &Event,
) -> Result<(), DbErr> {
    let template = match event.kind.as_str() {
        "user.registered" => Template::Welcome,
        "user.password_changed" => Template::PasswordChanged,
        "budget.alert" => Template::BudgetAlert,
        _ => return Ok(()),
    };
    let Some(user_id) = event.user_id else {
        return Ok(());
    };
    let Some(user) = Users::find_by_id(user_id).one(db).await? else {
        // Deleted since: nobody to write to.
        return Ok(());
    };
    if user.disabled_at.is_some()
        || (matches!(template, Template::BudgetAlert) && !user.email_alerts)
    {
        return Ok(());
    }
    let rendered = render(&template, settings, &user, event);
    queue::enqueue(db, event.id, &user, template.kind(), rendered).await
}

fn render(
    template: &Template,
    settings: &EmailSettings,
    user: &users::Model,
    event: &Event,
) -> templates::Rendered {
    let payload = |key: &str| event.payload[key].as_str().unwrap_or_default().to_string();
    let subject = match template {
        Template::Welcome => "Welcome to SpendWise".to_string(),
        Template::PasswordChanged => "Your SpendWise password was changed".to_string(),
        // The bell's title: "Dining is at 80 % of its budget".
        Template::BudgetAlert => payload("title"),
    };
    template.render(
        &subject,
        &[
            ("name", &user.display_name),
            ("email", &user.email),
            ("app_url", settings.app_url.trim_end_matches('/')),
            ("title", &payload("title")),
            ("body", &payload("body")),
            ("link", &format!("/budgets?month={}", payload("month"))),
            ("when", &local_time(event.created_at, &user.timezone)),
        ],
    )
}

/// "6 December 2026 at 18:40 (Europe/Berlin)" in the user's own time zone.
fn local_time(at: DateTime<Utc>, zone: &str) -> String {
    let zone: Tz = zone.parse().unwrap_or(Tz::UTC);
    format!(
        "{} ({})",
        at.with_timezone(&zone).format("%-d %B %Y at %H:%M"),
        zone.name()
    )
}
