//! The `emails` table as a queue: written by the event handler, drained by the mail sender.
//! Several senders (one per instance) may run: each claims an email before sending it, by moving
//! its next attempt forward in an update only one of them can win.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use super::templates::Rendered;
use crate::server::{
    clock,
    entities::{emails, prelude::Emails, users},
};

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
/// Gave up after the last attempt; an admin can send it again.
pub const FAILED: &str = "failed";

/// How long a claimed email stays away from other senders: longer than one SMTP conversation.
const CLAIM: Duration = Duration::minutes(5);
const LAST_ERROR_CHARS: usize = 500;

/// When to try again after a failed attempt, and when to give up.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// The wait after the first failure; it doubles with every further failure.
    pub first_wait: Duration,
    pub longest_wait: Duration,
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            first_wait: Duration::seconds(30),
            longest_wait: Duration::hours(1),
            max_attempts: 8,
        }
    }
}

impl RetryPolicy {
    /// The wait after `attempts` failed attempts (1 = the first).
    pub fn wait_after(&self, attempts: u32) -> Duration {
        let doublings = std::cmp::min(attempts.saturating_sub(1), 20);
        let wait = self
            .first_wait
            .checked_mul(1 << doublings)
            .unwrap_or(self.longest_wait);
        std::cmp::min(wait, self.longest_wait)
    }
}

pub async fn enqueue(
    db: &impl ConnectionTrait,
    event_id: i64,
    to: &users::Model,
    kind: &str,
    message: Rendered,
) -> Result<(), DbErr> {
    let now = clock::now();
    emails::ActiveModel {
        event_id: Set(event_id),
        user_id: Set(Some(to.id)),
        kind: Set(kind.to_string()),
        to_address: Set(to.email.clone()),
        subject: Set(message.subject.chars().take(200).collect()),
        text_body: Set(message.text),
        html_body: Set(message.html),
        status: Set(PENDING.to_string()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Up to `limit` emails due now, each claimed for this sender.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<emails::Model>, DbErr> {
    let due = Emails::find()
        .filter(emails::Column::Status.eq(PENDING))
        .filter(emails::Column::NextAttemptAt.lte(now))
        .order_by_asc(emails::Column::NextAttemptAt)
        .order_by_asc(emails::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for email in due {
        let won = Emails::update_many()
            .col_expr(emails::Column::NextAttemptAt, Expr::value(now + CLAIM))
            .filter(emails::Column::Id.eq(email.id))
            .filter(emails::Column::Status.eq(PENDING))
            .filter(emails::Column::NextAttemptAt.eq(email.next_attempt_at))
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if won {
            claimed.push(email);
        }
    }
    Ok(claimed)
}

pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Emails::update_many()
        .col_expr(emails::Column::Status, Expr::value(SENT))
        .col_expr(
            emails::Column::Attempts,
            Expr::col(emails::Column::Attempts).add(1),
        )
        .col_expr(emails::Column::SentAt, Expr::value(now))
        .col_expr(
            emails::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(emails::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried after the policy's wait, or given up after the last one.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    email: &emails::Model,
    error: &str,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attempts = u32::try_from(email.attempts).unwrap_or(0).saturating_add(1);
    let status = if attempts >= policy.max_attempts {
        FAILED
    } else {
        PENDING
    };
    Emails::update_many()
        .col_expr(emails::Column::Status, Expr::value(status))
        .col_expr(
            emails::Column::Attempts,
            Expr::value(i32::try_from(attempts).unwrap_or(i32::MAX)),
        )
        .col_expr(
            emails::Column::NextAttemptAt,
            Expr::value(now + policy.wait_after(attempts)),
        )
        .col_expr(
            emails::Column::LastError,
            Expr::value(error.chars().take(LAST_ERROR_CHARS).collect::<String>()),
        )
        .filter(emails::Column::Id.eq(email.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts a failed (or waiting) email back at the front of the queue, with fresh attempts.
pub async fn retry_now(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let updated = Emails::update_many()
        .col_expr(emails::Column::Status, Expr::value(PENDING))
        .col_expr(emails::Column::Attempts, Expr::value(0))
        .col_expr(emails::Column::NextAttemptAt, Expr::value(clock::now()))
        .filter(emails::Column::Id.eq(id))
        .filter(emails::Column::Status.ne(SENT))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_longest() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.wait_after(1), Duration::seconds(30));
        assert_eq!(policy.wait_after(2), Duration::seconds(60));
        assert_eq!(policy.wait_after(4), Duration::seconds(240));
        assert_eq!(policy.wait_after(8), Duration::hours(1));
        assert_eq!(policy.wait_after(u32::MAX), Duration::hours(1));
    }
}
