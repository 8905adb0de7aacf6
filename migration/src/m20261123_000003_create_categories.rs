use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut name_key = string_len(Categories::NameKey, 60);
        if manager.get_database_backend() == DbBackend::MySql {
            // MySQL's default collation is case- and accent-insensitive; compare bytes like the others.
            name_key.extra("COLLATE utf8mb4_bin");
        }

        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(big_pk_auto(Categories::Id))
                    .col(big_integer(Categories::UserId))
                    .col(string_len(Categories::Name, 60))
                    .col(name_key)
                    .col(string_len(Categories::Color, 7))
                    .col(string_len(Categories::Icon, 40))
                    .col(boolean(Categories::Archived).default(false))
                    .col(timestamp_with_time_zone(Categories::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_categories_user_id")
                            .from(Categories::Table, Categories::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Stands in for unique (user_id, lower(name)): MariaDB has no functional indexes.
        manager
            .create_index(
                Index::create()
                    .name("idx_categories_user_name_key")
                    .table(Categories::Table)
                    .col(Categories::UserId)
                    .col(Categories::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Categories::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    UserId,
    Name,
    NameKey,
    Color,
    Icon,
    Archived,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
