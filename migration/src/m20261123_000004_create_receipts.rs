use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Receipts::Table)
                    .col(big_pk_auto(Receipts::Id))
                    .col(big_integer(Receipts::UserId))
                    .col(string_len(Receipts::ContentType, 64))
                    .col(big_integer(Receipts::ByteSize))
                    .col(string_len(Receipts::Sha256, 64))
                    .col(string_len(Receipts::StorageKey, 200))
                    .col(string_len(Receipts::OriginalName, 255))
                    .col(string_len_null(Receipts::ThumbnailKey, 200))
                    .col(text_null(Receipts::OcrText))
                    .col(timestamp_with_time_zone(Receipts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_receipts_user_id")
                            .from(Receipts::Table, Receipts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_receipts_storage_key")
                    .table(Receipts::Table)
                    .col(Receipts::StorageKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_receipts_user_id")
                    .table(Receipts::Table)
                    .col(Receipts::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Receipts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Receipts {
    Table,
    Id,
    UserId,
    ContentType,
    ByteSize,
    Sha256,
    StorageKey,
    OriginalName,
    ThumbnailKey,
    OcrText,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
