//! MySQL's default collation is case- and accent-insensitive, so on MariaDB alone "Café Zoë" and
//! "cafe zoe" were one merchant in the trends and a search for "cafe" found "café". The merchant
//! and the search text compare bytes there now, as they do on SQLite and PostgreSQL (the search
//! text is lowercased by the app, so search stays case-insensitive everywhere).

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The two columns as created, with `collation` added (`None`: the table's default).
fn columns(collation: Option<&str>) -> TableAlterStatement {
    let mut merchant = string_len(Expenses::Merchant, 120);
    let mut search_text = string_len(Expenses::SearchText, 1600);
    for column in [&mut merchant, &mut search_text] {
        column.default("");
        if let Some(collation) = collation {
            column.extra(format!("COLLATE {collation}"));
        }
    }
    Table::alter()
        .table(Expenses::Table)
        .modify_column(merchant)
        .modify_column(search_text)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::MySql {
            return Ok(());
        }
        manager.alter_table(columns(Some("utf8mb4_bin"))).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::MySql {
            return Ok(());
        }
        manager.alter_table(columns(None)).await
    }
}

#[derive(DeriveIden)]
enum Expenses {
    Table,
    Merchant,
    SearchText,
}
