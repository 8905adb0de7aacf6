//! Opening the database named by `DATABASE_URL`: SQLite, PostgreSQL or MySQL/MariaDB.

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

/// SQLite durability settings we promise (SECURITY.md, "Durability"): a committed write survives
/// power loss, writers wait for each other instead of failing, and foreign keys hold.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(16)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true)
        });
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        check_sqlite_pragmas(&db, url).await?;
    }
    Ok(db)
}

/// Starts a transaction that is going to write. On SQLite it takes the write lock at `BEGIN`
/// (`BEGIN IMMEDIATE`, waiting up to the busy timeout): a plain transaction that reads first
/// fails at once with "database is locked" when it then writes after another connection
/// committed, which the relay and the event handlers do all the time. Other engines ignore it.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Reads the settings back, so a driver change that silently drops one fails the start instead.
async fn check_sqlite_pragmas(db: &DatabaseConnection, url: &str) -> Result<(), DbErr> {
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let expected: &[(&str, &str)] = &[
        ("journal_mode", if in_memory { "memory" } else { "wal" }),
        ("synchronous", "2"),
        ("busy_timeout", "5000"),
        ("foreign_keys", "1"),
    ];
    for (pragma, want) in expected {
        let row = db
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Sqlite,
                format!("PRAGMA {pragma}"),
            ))
            .await?
            .ok_or_else(|| DbErr::Custom(format!("PRAGMA {pragma} returned nothing")))?;
        let got = row.try_get_by_index::<String>(0).or_else(|_| {
            row.try_get_by_index::<i64>(0)
                .map(|number| number.to_string())
        })?;
        if !got.eq_ignore_ascii_case(want) {
            return Err(DbErr::Custom(format!(
                "SQLite PRAGMA {pragma} is {got}, expected {want}"
            )));
        }
    }
    Ok(())
}
