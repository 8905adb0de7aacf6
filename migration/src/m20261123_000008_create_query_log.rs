use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(QueryLog::Table)
                    .col(big_pk_auto(QueryLog::Id))
                    .col(big_integer_null(QueryLog::UserId))
                    .col(string_len(QueryLog::Origin, 16))
                    .col(string_len(QueryLog::Fingerprint, 64))
                    .col(text(QueryLog::Sql))
                    .col(integer(QueryLog::DurationMs))
                    .col(big_integer_null(QueryLog::RowCount))
                    .col(string_len(QueryLog::Status, 16))
                    .col(text_null(QueryLog::Error))
                    .col(timestamp_with_time_zone(QueryLog::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_query_log_user_id")
                            .from(QueryLog::Table, QueryLog::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // user_id: serves the SET NULL when a user is deleted (PostgreSQL does not index foreign keys).
        let indexes = [
            ("idx_query_log_fingerprint", QueryLog::Fingerprint),
            ("idx_query_log_created_at", QueryLog::CreatedAt),
            ("idx_query_log_user_id", QueryLog::UserId),
        ];
        for (name, column) in indexes {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(QueryLog::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(QueryLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum QueryLog {
    Table,
    Id,
    UserId,
    Origin,
    Fingerprint,
    Sql,
    DurationMs,
    RowCount,
    Status,
    Error,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
