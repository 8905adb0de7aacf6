//! Email deliveries for administrators: counts by status, the newest emails, and sending a
//! failed one again.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use crate::{
    AppError,
    admin::emails::{EMAILS_LISTED, EmailDelivery, EmailOverview},
    email::queue::{self, FAILED, PENDING, SENT},
    events::outbox,
    server::{
        Viewer, activity,
        broker::BrokerHealth,
        entities::{emails, prelude::Emails},
    },
};

pub async fn list_emails(
    db: &DatabaseConnection,
    broker: &BrokerHealth,
    viewer: &Viewer,
    status: Option<&str>,
) -> Result<EmailOverview, AppError> {
    viewer.require_admin()?;
    let status = status.map(str::trim).filter(|status| !status.is_empty());
    if let Some(status) = status
        && ![PENDING, SENT, FAILED].contains(&status)
    {
        return Err(AppError::validation(
            "status",
            "status must be pending, sent or failed.",
        ));
    }
    let mut query = Emails::find();
    if let Some(status) = status {
        query = query.filter(emails::Column::Status.eq(status));
    }
    let emails = query
        .order_by_desc(emails::Column::Id)
        .limit(EMAILS_LISTED)
        .all(db)
        .await?
        .into_iter()
        .map(delivery)
        .collect();
    let counts: Vec<(String, i64)> = Emails::find()
        .select_only()
        .column(emails::Column::Status)
        .column_as(emails::Column::Id.count(), "emails")
        .group_by(emails::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let count = |status: &str| {
        counts
            .iter()
            .find(|(counted, _)| counted == status)
            .map_or(0, |(_, emails)| u64::try_from(*emails).unwrap_or(0))
    };
    Ok(EmailOverview {
        emails,
        pending: count(PENDING),
        sent: count(SENT),
        failed: count(FAILED),
        outbox_backlog: outbox::backlog(db).await?,
        broker: broker.state(),
    })
}

/// Sends a pending or failed email at once, with a fresh set of attempts.
pub async fn retry_email(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<(), AppError> {
    viewer.require_admin()?;
    let Some(email) = Emails::find_by_id(id).one(db).await? else {
        return Err(AppError::not_found("There is no such email."));
    };
    if email.status == SENT {
        return Err(AppError::conflict("This email was sent already."));
    }
    queue::retry_now(db, id).await?;
    activity::record(
        db,
        Some(viewer.user_id),
        "admin.email_retried",
        json!({ "email_id": id, "kind": email.kind }),
    )
    .await
}

fn delivery(email: emails::Model) -> EmailDelivery {
    EmailDelivery {
        id: email.id,
        to_address: email.to_address,
        kind: email.kind,
        subject: email.subject,
        status: email.status,
        attempts: email.attempts,
        next_attempt_at: email.next_attempt_at,
        last_error: email.last_error,
        created_at: email.created_at,
        sent_at: email.sent_at,
    }
}
