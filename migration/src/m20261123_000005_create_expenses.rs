use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Expenses::Table)
                    .col(big_pk_auto(Expenses::Id))
                    .col(big_integer(Expenses::UserId))
                    .col(big_integer(Expenses::CategoryId))
                    .col(big_integer(Expenses::AmountMinor))
                    .col(string_len(Expenses::Currency, 3))
                    .col(date(Expenses::SpentOn))
                    .col(string_len(Expenses::Merchant, 120).default(""))
                    .col(text(Expenses::Note))
                    .col(text(Expenses::Tags))
                    .col(big_integer_null(Expenses::ReceiptId))
                    .col(timestamp_with_time_zone(Expenses::CreatedAt))
                    .col(timestamp_with_time_zone(Expenses::UpdatedAt))
                    .check((
                        "chk_expenses_amount_minor_positive",
                        Expr::col(Expenses::AmountMinor).gt(0),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expenses_user_id")
                            .from(Expenses::Table, Expenses::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expenses_category_id")
                            .from(Expenses::Table, Expenses::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expenses_receipt_id")
                            .from(Expenses::Table, Expenses::ReceiptId)
                            .to(Receipts::Table, Receipts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // Keyset paging: `ORDER BY spent_on DESC, id DESC` walks this index backwards.
        let indexes: [(&str, &[Expenses]); 4] = [
            (
                "idx_expenses_user_spent_on_id",
                &[Expenses::UserId, Expenses::SpentOn, Expenses::Id],
            ),
            (
                "idx_expenses_user_category_spent_on",
                &[Expenses::UserId, Expenses::CategoryId, Expenses::SpentOn],
            ),
            // PostgreSQL does not index foreign keys itself; these keep the RESTRICT check on
            // category delete and the SET NULL on receipt delete from scanning the table.
            ("idx_expenses_category_id", &[Expenses::CategoryId]),
            ("idx_expenses_receipt_id", &[Expenses::ReceiptId]),
        ];
        for (name, columns) in indexes {
            let mut index = Index::create();
            index.name(name).table(Expenses::Table);
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Expenses::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Expenses {
    Table,
    Id,
    UserId,
    CategoryId,
    AmountMinor,
    Currency,
    SpentOn,
    Merchant,
    Note,
    Tags,
    ReceiptId,
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

#[derive(DeriveIden)]
enum Receipts {
    Table,
    Id,
}
