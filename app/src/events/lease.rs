//! A lease on a job that one process at a time should do, such as relaying the outbox: every
//! instance sharing the database tries to hold it, one does, and the others take over when it
//! stops renewing (it stopped, crashed, or lost the database for longer than the lease lasts).
//!
//! A row per job in `worker_leases`; taking and renewing are one conditional `UPDATE`, which
//! every engine applies atomically, so two processes never both hold a lease. Each compares its
//! own clock with the stored expiry: the hosts' clocks must agree to well within a lease, as
//! NTP keeps them.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, SqlErr,
    sea_query::{Condition, Expr},
};

use crate::server::{
    clock,
    entities::{prelude::WorkerLeases, worker_leases},
};

/// The job name of the outbox relay.
pub const RELAY: &str = "relay";

/// One process's claim on one job.
#[derive(Clone, Debug)]
pub struct Lease {
    job: &'static str,
    holder: String,
    lasts: chrono::Duration,
    /// Until when this process holds it, as of its last write; renewed once half of it is gone,
    /// so a busy holder does not write on every step.
    held_until: Option<DateTime<Utc>>,
}

impl Lease {
    /// A claim under a name no other process uses. `lasts` is how long a holder that stopped
    /// renewing keeps the job; renew well within it.
    pub fn new(job: &'static str, lasts: Duration) -> Self {
        Self {
            job,
            holder: uuid::Uuid::new_v4().to_string(),
            lasts: chrono::Duration::from_std(lasts).unwrap_or(chrono::Duration::MAX),
            held_until: None,
        }
    }

    /// Takes the lease if it is free or lapsed, renews it if held already; `false` while another
    /// process holds it.
    pub async fn hold(&mut self, db: &impl ConnectionTrait) -> Result<bool, DbErr> {
        let now = clock::now();
        if self
            .held_until
            .is_some_and(|until| until - now > self.lasts / 2)
        {
            return Ok(true);
        }
        self.held_until = None;
        let held = self.take_or_renew(db, now).await?;
        if held {
            self.held_until = Some(now + self.lasts);
        }
        Ok(held)
    }

    async fn take_or_renew(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let renewed = WorkerLeases::update_many()
            .col_expr(
                worker_leases::Column::Holder,
                Expr::value(self.holder.as_str()),
            )
            .col_expr(
                worker_leases::Column::ExpiresAt,
                Expr::value(now + self.lasts),
            )
            .filter(worker_leases::Column::Job.eq(self.job))
            .filter(
                Condition::any()
                    .add(worker_leases::Column::Holder.eq(self.holder.as_str()))
                    .add(worker_leases::Column::ExpiresAt.lt(now)),
            )
            .exec(db)
            .await?;
        if renewed.rows_affected > 0 {
            return Ok(true);
        }
        if WorkerLeases::find_by_id(self.job).one(db).await?.is_some() {
            return Ok(false);
        }
        // The first time the job runs on this database; another process may be inserting too.
        let first = WorkerLeases::insert(worker_leases::ActiveModel {
            job: Set(self.job.to_string()),
            holder: Set(self.holder.clone()),
            expires_at: Set(now + self.lasts),
        })
        .exec(db)
        .await;
        match first {
            Ok(_) => Ok(true),
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                Ok(false)
            }
            Err(error) => Err(error),
        }
    }

    /// Gives the lease up at once, so another process need not wait for it to lapse.
    pub async fn release(&mut self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        self.held_until = None;
        // A second back: times are whole seconds, and only a past expiry frees a lease.
        let lapsed = clock::now() - chrono::Duration::seconds(1);
        WorkerLeases::update_many()
            .col_expr(worker_leases::Column::ExpiresAt, Expr::value(lapsed))
            .filter(worker_leases::Column::Job.eq(self.job))
            .filter(worker_leases::Column::Holder.eq(self.holder.as_str()))
            .exec(db)
            .await?;
        Ok(())
    }
}
