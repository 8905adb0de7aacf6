//! The expenses table at 100,000 expenses for one user: first, filtered and deep pages through
//! the API and as a server-rendered page, and the same queries run straight on SQLite, so the
//! overhead of everything between the socket and the database shows as a ratio. Then ten users
//! with 10,000 expenses each read their first pages at once, and a 100,000-row CSV is imported.

use std::{
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Instant,
};

use app::server::entities::{categories, expenses, prelude::*, users};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, EntityTrait,
    QueryFilter, Set, Statement, TransactionTrait,
};

use crate::{concurrently, measure, print_row};

const EXPENSES: usize = 100_000;
const TENANTS: usize = 10;
const EXPENSES_PER_TENANT: usize = 10_000;
const MERCHANTS: &[&str] = &[
    "Corner Market",
    "City Transit",
    "Bistro Nova",
    "Pharmacy Plus",
    "Cinema Lux",
    "Book Nook",
    "Fuel Stop",
    "Green Grocer",
    "Coffee Lab",
    "Hardware Hub",
];

pub async fn run(base: &str, client: &reqwest::Client, data_dir: &Path) -> anyhow::Result<()> {
    let db = Database::connect(format!("sqlite://{}/spendwise.db", data_dir.display())).await?;
    let user = Users::find()
        .filter(users::Column::Email.eq(crate::auth::EMAIL))
        .one(&db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no bench user"))?;
    let started = Instant::now();
    seed(&db, user.id, EXPENSES).await?;
    println!(
        "(seeded {EXPENSES} expenses in {:.1} s)",
        started.elapsed().as_secs_f64()
    );

    let deep_cursor = walk_to_deep_page(client, base).await?;
    let mut first_page = None;
    for (name, path) in [
        (
            "API first page (50 rows)",
            "/api/v1/expenses?limit=50".to_string(),
        ),
        (
            "API filtered page",
            "/api/v1/expenses?limit=50&preset=last_month&q=market".to_string(),
        ),
        (
            "API deep cursor page",
            format!("/api/v1/expenses?limit=50&cursor={deep_cursor}"),
        ),
        ("SSR /expenses first page", "/expenses?limit=50".to_string()),
    ] {
        let report = measure(client, &format!("{base}{path}")).await?;
        print_row(name, &report);
        first_page.get_or_insert(report);
    }
    let direct_db = db.clone();
    let direct = concurrently(move || {
        let db = direct_db.clone();
        async move { first_page_directly(&db, user.id).await }
    })
    .await?;
    print_row("same page query, straight on SQLite", &direct);
    if let Some(api) = first_page {
        println!(
            "(API over straight SQLite: {:.1}x at p50, {:.1}x at p99)",
            api.percentile(50.0) / direct.percentile(50.0),
            api.percentile(99.0) / direct.percentile(99.0)
        );
    }
    tenants(base, &db).await?;
    import_file(base).await
}

/// Ten users with 10,000 expenses each, their first pages requested at once by 50 connections.
async fn tenants(base: &str, db: &DatabaseConnection) -> anyhow::Result<()> {
    let mut clients = Vec::with_capacity(TENANTS);
    for tenant in 0..TENANTS {
        let email = format!("tenant{tenant}@example.com");
        let token = crate::auth::sign_up_as(base, &email).await?;
        let user = Users::find()
            .filter(users::Column::Email.eq(email.as_str()))
            .one(db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no tenant {tenant}"))?;
        seed(db, user.id, EXPENSES_PER_TENANT).await?;
        clients.push(crate::bearer_client(&token)?);
    }
    let url = Arc::<str>::from(format!("{base}/api/v1/expenses?limit=50"));
    let next = Arc::new(AtomicUsize::new(0));
    let report = concurrently(move || {
        let client = clients[next.fetch_add(1, Ordering::Relaxed) % TENANTS].clone();
        let url = url.clone();
        async move { crate::fetch(&client, &url).await }
    })
    .await?;
    print_row("API first page, 10 users x 10k", &report);
    Ok(())
}

/// `POST /api/v1/expenses/import` of a 100,000-row file for a fresh user, timed end to end.
async fn import_file(base: &str) -> anyhow::Result<()> {
    let token = crate::auth::sign_up_as(base, "importer@example.com").await?;
    let mut csv = String::from("date,amount,merchant,category\n");
    let today = Utc::now().date_naive();
    for n in 0..EXPENSES {
        let date = today - Duration::days((n % 1_095) as i64);
        let merchant = MERCHANTS[n % MERCHANTS.len()];
        csv.push_str(&format!(
            "{date},{}.{:02},{merchant} {n},Groceries\n",
            1 + n % 200,
            n % 100
        ));
    }
    let started = Instant::now();
    let outcome: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/api/v1/expenses/import?date_column=0&amount_column=1&merchant_column=2&category_column=3"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    println!(
        "CSV import of {} rows: {:.2} s",
        outcome["imported"],
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Inserts straight into the database in one transaction: the benchmark measures reads.
async fn seed(db: &DatabaseConnection, user_id: i64, count: usize) -> anyhow::Result<()> {
    let category_ids: Vec<i64> = Categories::find()
        .filter(categories::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|category| category.id)
        .collect();
    let today: NaiveDate = Utc::now().date_naive();
    let now = Utc::now();
    let txn = db.begin().await?;
    for batch in (0..count).collect::<Vec<_>>().chunks(1_000) {
        let rows = batch.iter().map(|&n| expenses::ActiveModel {
            user_id: Set(user_id),
            category_id: Set(category_ids[n % category_ids.len()]),
            amount_minor: Set(100 + (n as i64 * 7_919) % 20_000),
            currency: Set("USD".into()),
            spent_on: Set(today - Duration::days((n % 1_095) as i64)),
            merchant: Set(MERCHANTS[n % MERCHANTS.len()].into()),
            search_text: Set(MERCHANTS[n % MERCHANTS.len()].to_lowercase()),
            note: Set(String::new()),
            tags: Set("[]".into()),
            receipt_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        Expenses::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Follows `next_cursor` 1,000 pages of 50 deep: half-way through the user's expenses.
async fn walk_to_deep_page(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let mut cursor = String::new();
    for _ in 0..1_000 {
        let page: serde_json::Value = client
            .get(format!("{base}/api/v1/expenses?limit=50&cursor={cursor}"))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        cursor = page["next_cursor"].as_str().unwrap_or_default().to_string();
    }
    Ok(cursor)
}

/// The query the service sends for a first page once the filter's count and sums are cached
/// (they are, per data version, after the first request): the rows and their categories.
async fn first_page_directly(db: &DatabaseConnection, user_id: i64) -> anyhow::Result<()> {
    db.query_all_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "SELECT e.*, c.* FROM expenses e LEFT JOIN categories c ON c.id = e.category_id \
         WHERE e.user_id = ? ORDER BY e.spent_on DESC, e.id DESC LIMIT 51",
        [user_id.into()],
    ))
    .await?;
    Ok(())
}
