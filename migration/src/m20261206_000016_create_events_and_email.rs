//! What the event handlers keep: outgoing emails with their delivery attempts, the per-day
//! counters admin analytics reads, and which events each handler has already applied (so a
//! redelivered event changes nothing). Users get a switch for budget alert emails.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(boolean(Users::EmailAlerts).default(true))
                    .to_owned(),
            )
            .await?;
        create_emails(manager).await?;
        manager
            .create_table(
                Table::create()
                    .table(ProcessedEvents::Table)
                    .col(string_len(ProcessedEvents::Handler, 32))
                    .col(big_integer(ProcessedEvents::EventId))
                    .col(timestamp_with_time_zone(ProcessedEvents::ProcessedAt))
                    .primary_key(
                        Index::create()
                            .col(ProcessedEvents::Handler)
                            .col(ProcessedEvents::EventId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DailyCounters::Table)
                    .col(string_len(DailyCounters::Day, 10))
                    .col(string_len(DailyCounters::Name, 64))
                    .col(big_integer(DailyCounters::Value))
                    .primary_key(
                        Index::create()
                            .col(DailyCounters::Day)
                            .col(DailyCounters::Name),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DailyActiveUsers::Table)
                    .col(string_len(DailyActiveUsers::Day, 10))
                    .col(big_integer(DailyActiveUsers::UserId))
                    .primary_key(
                        Index::create()
                            .col(DailyActiveUsers::Day)
                            .col(DailyActiveUsers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_daily_active_users_user_id")
                            .from(DailyActiveUsers::Table, DailyActiveUsers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DailyActiveUsers::Table.into_iden(),
            DailyCounters::Table.into_iden(),
            ProcessedEvents::Table.into_iden(),
            Emails::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::EmailAlerts)
                    .to_owned(),
            )
            .await
    }
}

async fn create_emails(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Emails::Table)
                .col(big_pk_auto(Emails::Id))
                .col(big_integer(Emails::EventId))
                .col(big_integer_null(Emails::UserId))
                .col(string_len(Emails::Kind, 32))
                .col(string_len(Emails::ToAddress, 254))
                .col(string_len(Emails::Subject, 200))
                .col(text(Emails::TextBody))
                .col(text(Emails::HtmlBody))
                .col(string_len(Emails::Status, 16))
                .col(integer(Emails::Attempts))
                .col(timestamp_with_time_zone(Emails::NextAttemptAt))
                .col(string_len_null(Emails::LastError, 500))
                .col(timestamp_with_time_zone(Emails::CreatedAt))
                .col(timestamp_with_time_zone_null(Emails::SentAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_emails_user_id")
                        .from(Emails::Table, Emails::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
    // One email of a kind per event, however often the event is delivered.
    manager
        .create_index(
            Index::create()
                .name("uq_emails_event_id_kind")
                .table(Emails::Table)
                .col(Emails::EventId)
                .col(Emails::Kind)
                .unique()
                .to_owned(),
        )
        .await?;
    // The sender reads `WHERE status = 'pending' AND next_attempt_at <= now`.
    manager
        .create_index(
            Index::create()
                .name("idx_emails_status_next_attempt_at")
                .table(Emails::Table)
                .col(Emails::Status)
                .col(Emails::NextAttemptAt)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    EmailAlerts,
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    Id,
    EventId,
    UserId,
    Kind,
    ToAddress,
    Subject,
    TextBody,
    HtmlBody,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum ProcessedEvents {
    Table,
    Handler,
    EventId,
    ProcessedAt,
}

#[derive(DeriveIden)]
enum DailyCounters {
    Table,
    Day,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum DailyActiveUsers {
    Table,
    Day,
    UserId,
}
