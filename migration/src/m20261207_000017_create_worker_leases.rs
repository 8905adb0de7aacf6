//! Leases that let one process at a time do a job several could: the outbox relay, so that
//! instances sharing a database do not all publish the same events. A row per job, taken over
//! when its holder stops renewing it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkerLeases::Table)
                    .col(string_len(WorkerLeases::Job, 32).primary_key())
                    .col(string_len(WorkerLeases::Holder, 64))
                    .col(timestamp_with_time_zone(WorkerLeases::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WorkerLeases::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum WorkerLeases {
    Table,
    Job,
    Holder,
    ExpiresAt,
}
