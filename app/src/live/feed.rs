//! How an open event stream learns that its user's data may have changed.
//!
//! On PostgreSQL every change announces itself with `pg_notify` in its own transaction, so the
//! notice goes out on commit, to every instance; one `LISTEN` connection per process fans the
//! notices out to that process's streams, which then read the data version once. A stream still
//! re-reads on a slow timer (`LIVE_RECHECK_SECS`), for notices lost while the listening
//! connection was down and for sessions that simply expire.
//!
//! SQLite and MySQL have no such channel: there each stream re-reads every
//! [`POLL_WITHOUT_PUSH`], which is cheap (a primary-key lookup) and works across instances.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use tokio::sync::broadcast;

use crate::AppError;

/// The PostgreSQL channel; the payload is the user's id.
const CHANNEL: &str = "spendwise_data_changed";
/// Where changes are not pushed: "within a second" for the dashboard.
pub const POLL_WITHOUT_PUSH: Duration = Duration::from_millis(500);
/// A burst of notices larger than this makes slow streams re-read once instead of per notice.
const BACKLOG: usize = 1024;
/// The first wait before listening again after the connection failed; it doubles up to a
/// minute.
const FIRST_RETRY: Duration = Duration::from_secs(1);
const LAST_RETRY: Duration = Duration::from_secs(60);

/// What a stream hears: one user's data changed, or anyone's may have (notices were lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    User(i64),
    Everyone,
}

impl Nudge {
    pub fn concerns(self, user_id: i64) -> bool {
        match self {
            Nudge::User(id) => id == user_id,
            Nudge::Everyone => true,
        }
    }
}

/// This process's end of the change notices; cheap to clone.
#[derive(Clone, Debug)]
pub struct ChangeFeed {
    /// `None` where changes are not pushed (SQLite, MySQL).
    nudges: Option<broadcast::Sender<Nudge>>,
    recheck: Duration,
}

impl ChangeFeed {
    /// On PostgreSQL, starts listening for notices (in a task that lives as long as the
    /// runtime); elsewhere, a feed whose streams poll.
    pub fn start(db: &DatabaseConnection, recheck: Duration) -> Self {
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Self::polling();
        }
        let (sender, _) = broadcast::channel(BACKLOG);
        tokio::spawn(listen(
            db.get_postgres_connection_pool().clone(),
            sender.clone(),
        ));
        Self {
            nudges: Some(sender),
            recheck,
        }
    }

    pub fn polling() -> Self {
        Self {
            nudges: None,
            recheck: POLL_WITHOUT_PUSH,
        }
    }

    /// A receiver of notices (`None` when nothing is pushed), and how often to re-read anyway.
    pub fn subscribe(&self) -> (Option<broadcast::Receiver<Nudge>>, Duration) {
        (
            self.nudges.as_ref().map(broadcast::Sender::subscribe),
            self.recheck,
        )
    }
}

/// Tells every instance's streams of this user that something changed: their data, or their
/// sessions. Call it inside the transaction of the change; PostgreSQL delivers it on commit and
/// drops it on rollback. Does nothing on engines without notices.
pub async fn announce(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), user_id.to_string().into()],
        ))
        .await?;
    }
    Ok(())
}

/// Forwards notices until the pool closes. While it cannot listen, it nudges every stream each
/// [`POLL_WITHOUT_PUSH`], so they poll as they would without push; and after any gap every
/// stream re-reads once, since notices sent meanwhile are gone.
async fn listen(pool: sqlx::PgPool, nudges: broadcast::Sender<Nudge>) {
    let mut wait = FIRST_RETRY;
    while let Err(error) = forward(&pool, &nudges, &mut wait).await {
        tracing::warn!(%error, retry_in = ?wait, "live updates: not listening to PostgreSQL; streams poll meanwhile");
        let retry_at = tokio::time::Instant::now() + wait;
        while tokio::time::Instant::now() < retry_at {
            // `send` fails only when no stream is open, which is fine.
            let _ = nudges.send(Nudge::Everyone);
            tokio::time::sleep(POLL_WITHOUT_PUSH).await;
        }
        wait = (wait * 2).min(LAST_RETRY);
    }
}

/// `Ok` when the pool closed (the process is stopping), `Err` when listening failed.
async fn forward(
    pool: &sqlx::PgPool,
    nudges: &broadcast::Sender<Nudge>,
    wait: &mut Duration,
) -> Result<(), sqlx::Error> {
    let mut listener = match sqlx::postgres::PgListener::connect_with(pool).await {
        Err(sqlx::Error::PoolClosed) => return Ok(()),
        connected => connected?,
    };
    listener.listen(CHANNEL).await?;
    *wait = FIRST_RETRY;
    let _ = nudges.send(Nudge::Everyone);
    loop {
        let nudge = match listener.try_recv().await {
            Ok(Some(notice)) => match notice.payload().parse() {
                Ok(user_id) => Nudge::User(user_id),
                Err(_) => continue,
            },
            // Lost and already reconnected: whatever was sent meanwhile is gone.
            Ok(None) => Nudge::Everyone,
            Err(sqlx::Error::PoolClosed) => return Ok(()),
            Err(error) => return Err(error),
        };
        let _ = nudges.send(nudge);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nudge_concerns_its_user_and_everyone_concerns_all() {
        assert!(Nudge::User(7).concerns(7));
        assert!(!Nudge::User(7).concerns(8));
        assert!(Nudge::Everyone.concerns(8));
    }

    #[test]
    fn without_push_streams_poll_within_a_second() {
        let (nudges, recheck) = ChangeFeed::polling().subscribe();
        assert!(nudges.is_none());
        assert!(recheck < Duration::from_secs(1));
    }
}
