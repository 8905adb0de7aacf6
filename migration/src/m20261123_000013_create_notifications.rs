//! In-app notifications (the bell): budget alerts today. `dedupe_key` makes "once per budget per
//! month" a constraint of the table rather than a promise of the code that writes it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::UserId))
                    .col(string_len(Notifications::Kind, 64))
                    .col(string_len(Notifications::DedupeKey, 128))
                    .col(string_len(Notifications::Title, 200))
                    .col(string_len(Notifications::Body, 500))
                    .col(string_len(Notifications::Link, 200))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user_id")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_notifications_user_dedupe_key")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::DedupeKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The bell reads a user's newest first and counts the unread.
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_user_read_at_id")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::ReadAt)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    DedupeKey,
    Title,
    Body,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
