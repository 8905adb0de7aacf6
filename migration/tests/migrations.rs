//! The migrations go up, all the way down and up again on SQLite, PostgreSQL and MariaDB/MySQL,
//! and the constraints they create behave the same on each.

use migration::sea_orm::prelude::{Date, DateTimeUtc};
use migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use migration::{Expr, ExprTrait, Migrator, MigratorTrait, Query, SchemaManager};

type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

const TABLES: [&str; 9] = [
    "users",
    "sessions",
    "categories",
    "receipts",
    "expenses",
    "budgets",
    "chat_messages",
    "query_log",
    "activity",
];

const INDEXES: [(&str, &str); 19] = [
    ("users", "idx_users_email"),
    ("sessions", "idx_sessions_refresh_token_hash"),
    ("sessions", "idx_sessions_family_id"),
    ("sessions", "idx_sessions_user_id"),
    ("categories", "idx_categories_user_name_key"),
    ("receipts", "idx_receipts_storage_key"),
    ("receipts", "idx_receipts_user_id"),
    ("expenses", "idx_expenses_user_spent_on_id"),
    ("expenses", "idx_expenses_user_category_spent_on"),
    ("expenses", "idx_expenses_category_id"),
    ("expenses", "idx_expenses_receipt_id"),
    ("budgets", "idx_budgets_user_starts_on"),
    ("budgets", "idx_budgets_category_id"),
    ("chat_messages", "idx_chat_messages_user_conversation_id"),
    ("query_log", "idx_query_log_fingerprint"),
    ("query_log", "idx_query_log_created_at"),
    ("query_log", "idx_query_log_user_id"),
    ("activity", "idx_activity_published_at_id"),
    ("activity", "idx_activity_user_created_at"),
];

#[tokio::test]
async fn migrations_go_up_down_and_up_again_on_sqlite() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("spendwise.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = Database::connect(&url).await.expect("open SQLite file");
    round_trip(&db).await.expect("SQLite round trip");
    db.close().await.expect("close SQLite");
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again_on_postgres() {
    on_scratch_database("SPENDWISE_TEST_POSTGRES_URL").await;
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again_on_mysql() {
    on_scratch_database("SPENDWISE_TEST_MYSQL_URL").await;
}

/// Creates `spendwise_mig_<random>` through the server named by `var`, runs the round trip on it
/// and drops it again, also when the round trip fails.
async fn on_scratch_database(var: &str) {
    let Ok(admin_url) = std::env::var(var) else {
        eprintln!("\n!!!!!!!! SKIPPED: {var} not set !!!!!!!!\n");
        return;
    };
    let name = format!("spendwise_mig_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(&admin_url)
        .await
        .unwrap_or_else(|error| panic!("connect to {var}: {error}"));
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create scratch database");

    let outcome: TestResult = async {
        let db = Database::connect(&with_database(&admin_url, &name)).await?;
        let outcome = round_trip(&db).await;
        db.close().await?;
        outcome
    }
    .await;

    let dropped = admin
        .execute_unprepared(&format!("DROP DATABASE {name}"))
        .await;
    admin.close().await.expect("close admin connection");
    outcome.unwrap_or_else(|error| panic!("round trip on {var}: {error}"));
    dropped.expect("drop scratch database");
}

/// `scheme://authority/old?query` → `scheme://authority/<database>?query`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |at| at + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |at| authority + at);
    let mut url = format!("{}/{database}", &base[..path]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

async fn round_trip(db: &DatabaseConnection) -> TestResult {
    let manager = SchemaManager::new(db);
    Migrator::up(db, None).await?;
    Migrator::down(db, None).await?;
    for table in TABLES {
        ensure(
            !manager.has_table(table).await?,
            format!("{table} survived down"),
        )?;
    }
    Migrator::up(db, None).await?;
    for table in TABLES {
        ensure(
            manager.has_table(table).await?,
            format!("{table} missing after up"),
        )?;
    }
    for (table, index) in INDEXES {
        ensure(
            manager.has_index(table, index).await?,
            format!("index {index} missing on {table}"),
        )?;
    }
    constraints_hold(db).await
}

/// The CHECK, the foreign key actions and the (user_id, name_key) uniqueness, row by row.
#[rustfmt::skip]
async fn constraints_hold(db: &DatabaseConnection) -> TestResult {
    let now = DateTimeUtc::from_timestamp(1_795_000_000, 0).ok_or("timestamp")?;
    let today = Date::from_ymd_opt(2026, 11, 23).ok_or("date")?;
    let all = || Expr::val(1).eq(1);
    let category = ["id", "user_id", "name", "name_key", "color", "icon", "created_at"];
    let expense = ["id", "user_id", "category_id", "amount_minor", "currency", "spent_on", "note", "tags", "receipt_id", "created_at", "updated_at"];

    insert(db, "users", &["id", "email", "display_name", "password_hash", "created_at"],
        [1.into(), "a@example.com".into(), "A".into(), "x".into(), now.into()]).await?;
    insert(db, "categories", &category,
        [1.into(), 1.into(), "Food".into(), "food".into(), "#aabbcc".into(), "cart".into(), now.into()]).await?;
    let duplicate = insert(db, "categories", &category,
        [2.into(), 1.into(), "FOOD".into(), "food".into(), "#aabbcc".into(), "cart".into(), now.into()]).await;
    ensure(duplicate.is_err(), "a second category with the same name_key was accepted")?;
    insert(db, "receipts", &["id", "user_id", "content_type", "byte_size", "sha256", "storage_key", "original_name", "created_at"],
        [1.into(), 1.into(), "image/png".into(), 10.into(), "0".repeat(64).into(), "k/1".into(), "r.png".into(), now.into()]).await?;
    let zero = insert(db, "expenses", &expense,
        [1.into(), 1.into(), 1.into(), 0.into(), "USD".into(), today.into(), "".into(), "[]".into(), 1.into(), now.into(), now.into()]).await;
    ensure(zero.is_err(), "an expense of amount 0 was accepted")?;
    insert(db, "expenses", &expense,
        [1.into(), 1.into(), 1.into(), 1234.into(), "USD".into(), today.into(), "".into(), "[]".into(), 1.into(), now.into(), now.into()]).await?;
    insert(db, "budgets", &["id", "user_id", "category_id", "amount_minor", "currency", "starts_on", "created_at", "updated_at"],
        [1.into(), 1.into(), 1.into(), 50_000.into(), "USD".into(), today.into(), now.into(), now.into()]).await?;
    insert(db, "query_log", &["id", "user_id", "origin", "fingerprint", "sql", "duration_ms", "status", "created_at"],
        [1.into(), 1.into(), "console".into(), "f".into(), "SELECT 1".into(), 3.into(), "ok".into(), now.into()]).await?;

    let restricted = delete(db, "categories", Expr::col("id").eq(1)).await;
    ensure(restricted.is_err(), "a category in use was deleted")?;
    delete(db, "receipts", Expr::col("id").eq(1)).await?;
    ensure(count(db, "expenses", Expr::col("receipt_id").is_null()).await? == 1, "receipt_id not set to NULL")?;
    // InnoDB cascades in foreign-key-name order: categories would go before expenses and trip the
    // RESTRICT, so a user's expenses are deleted first (the app does the same).
    delete(db, "expenses", Expr::col("user_id").eq(1)).await?;
    delete(db, "users", Expr::col("id").eq(1)).await?;
    ensure(count(db, "categories", all()).await? == 0, "categories not deleted with their user")?;
    ensure(count(db, "budgets", all()).await? == 0, "budgets not deleted with their user")?;
    ensure(count(db, "query_log", Expr::col("user_id").is_null()).await? == 1, "query_log.user_id not set to NULL")?;
    Ok(())
}

async fn insert<const N: usize>(
    db: &DatabaseConnection,
    table: &'static str,
    columns: &[&'static str],
    values: [Expr; N],
) -> TestResult {
    let statement = Query::insert()
        .into_table(table)
        .columns(columns.iter().copied())
        .values(values)?
        .to_owned();
    db.execute(&statement).await?;
    Ok(())
}

async fn delete(db: &DatabaseConnection, table: &'static str, filter: Expr) -> TestResult {
    let statement = Query::delete()
        .from_table(table)
        .and_where(filter)
        .to_owned();
    db.execute(&statement).await?;
    Ok(())
}

async fn count(
    db: &DatabaseConnection,
    table: &'static str,
    filter: Expr,
) -> Result<i64, Box<dyn std::error::Error + Send + Sync>> {
    let statement = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), "n")
        .from(table)
        .and_where(filter)
        .to_owned();
    let row = db.query_one(&statement).await?.ok_or("no row")?;
    Ok(row.try_get::<i64>("", "n")?)
}

fn ensure(condition: bool, message: impl Into<String>) -> TestResult {
    if condition {
        Ok(())
    } else {
        Err(message.into().into())
    }
}
