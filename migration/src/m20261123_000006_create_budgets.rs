use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Budgets::Table)
                    .col(big_pk_auto(Budgets::Id))
                    .col(big_integer(Budgets::UserId))
                    .col(big_integer_null(Budgets::CategoryId))
                    .col(string_len(Budgets::Period, 16).default("monthly"))
                    .col(big_integer(Budgets::AmountMinor))
                    .col(string_len(Budgets::Currency, 3))
                    .col(date(Budgets::StartsOn))
                    .col(boolean(Budgets::Rollover).default(false))
                    .col(timestamp_with_time_zone(Budgets::CreatedAt))
                    .col(timestamp_with_time_zone(Budgets::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_budgets_user_id")
                            .from(Budgets::Table, Budgets::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_budgets_category_id")
                            .from(Budgets::Table, Budgets::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_budgets_user_starts_on")
                    .table(Budgets::Table)
                    .col(Budgets::UserId)
                    .col(Budgets::StartsOn)
                    .to_owned(),
            )
            .await?;
        // Serves the cascade when a category is deleted (PostgreSQL does not index foreign keys).
        manager
            .create_index(
                Index::create()
                    .name("idx_budgets_category_id")
                    .table(Budgets::Table)
                    .col(Budgets::CategoryId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Budgets::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Budgets {
    Table,
    Id,
    UserId,
    CategoryId,
    Period,
    AmountMinor,
    Currency,
    StartsOn,
    Rollover,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
}
