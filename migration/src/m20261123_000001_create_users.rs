use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        require_explicit_timestamp_defaults(manager).await?;

        let mut email = string_len(Users::Email, 254);
        if manager.get_database_backend() == DbBackend::MySql {
            // MySQL's default collation is case- and accent-insensitive; compare bytes like the others.
            email.extra("COLLATE utf8mb4_bin");
        }

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(email)
                    .col(string_len(Users::DisplayName, 100))
                    .col(text(Users::PasswordHash))
                    .col(string_len(Users::Role, 16).default("user"))
                    .col(string_len(Users::BaseCurrency, 3).default("USD"))
                    .col(string_len(Users::Timezone, 64).default("UTC"))
                    .col(string_len(Users::Theme, 16).default("system"))
                    .col(string_len(Users::Locale, 35).default("en"))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone_null(Users::DisabledAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_users_email")
                    .table(Users::Table)
                    .col(Users::Email)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await
    }
}

/// With `explicit_defaults_for_timestamp` off (MySQL 5.7, MariaDB before 10.10) the first NOT NULL
/// `timestamp` column silently gets `ON UPDATE CURRENT_TIMESTAMP`, which would rewrite `created_at`.
async fn require_explicit_timestamp_defaults(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    if backend != DbBackend::MySql {
        return Ok(());
    }
    let statement = Query::select()
        .expr_as(
            Expr::cust("CAST(@@explicit_defaults_for_timestamp AS SIGNED)"),
            "enabled",
        )
        .to_owned();
    let row = manager
        .get_connection()
        .query_one(&statement)
        .await?
        .ok_or_else(|| DbErr::Migration("no row for @@explicit_defaults_for_timestamp".into()))?;
    let enabled: i64 = row.try_get("", "enabled")?;
    if enabled == 1 {
        Ok(())
    } else {
        Err(DbErr::Migration(
            "set explicit_defaults_for_timestamp=ON on the MySQL/MariaDB server before migrating"
                .into(),
        ))
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    BaseCurrency,
    Timezone,
    Theme,
    Locale,
    CreatedAt,
    DisabledAt,
}
