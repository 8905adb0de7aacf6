use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Activity::Table)
                    .col(big_pk_auto(Activity::Id))
                    .col(big_integer_null(Activity::UserId))
                    .col(string_len(Activity::Kind, 64))
                    .col(text(Activity::Payload))
                    .col(timestamp_with_time_zone(Activity::CreatedAt))
                    .col(timestamp_with_time_zone_null(Activity::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activity_user_id")
                            .from(Activity::Table, Activity::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // The outbox relay reads `WHERE published_at IS NULL ORDER BY id`.
        manager
            .create_index(
                Index::create()
                    .name("idx_activity_published_at_id")
                    .table(Activity::Table)
                    .col(Activity::PublishedAt)
                    .col(Activity::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activity_user_created_at")
                    .table(Activity::Table)
                    .col(Activity::UserId)
                    .col(Activity::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Activity::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Activity {
    Table,
    Id,
    UserId,
    Kind,
    Payload,
    CreatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
