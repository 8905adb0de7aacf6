//! The text search of the expense list looks in one lowercased column written by the app, because
//! SQLite's `lower()` only folds ASCII ("Café ZOË" would not match "zoë").

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Expenses::Table)
                    .add_column(string_len(Expenses::SearchText, 1600).default(""))
                    .to_owned(),
            )
            .await?;
        // Rows written before this migration: the database's own lowercasing is close enough.
        let backfill = match manager.get_database_backend() {
            DbBackend::MySql => {
                "UPDATE expenses SET search_text = LOWER(CONCAT_WS(CHAR(10), merchant, note, tags))"
            }
            DbBackend::Postgres => {
                "UPDATE expenses SET search_text = lower(merchant || chr(10) || note || chr(10) || tags)"
            }
            _ => {
                "UPDATE expenses SET search_text = lower(merchant || char(10) || note || char(10) || tags)"
            }
        };
        manager
            .get_connection()
            .execute_unprepared(backfill)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Expenses::Table)
                    .drop_column(Expenses::SearchText)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Expenses {
    Table,
    SearchText,
}
