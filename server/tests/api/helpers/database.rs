//! Databases for tests: a temporary SQLite file, or a fresh PostgreSQL/MariaDB database created
//! from an admin URL and dropped when the test ends.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbErr, Statement};
use tempfile::TempDir;

/// The database engines every backend-sensitive test runs against.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
    Mysql,
}

impl Backend {
    fn env_var(self) -> Option<&'static str> {
        match self {
            Backend::Sqlite => None,
            Backend::Postgres => Some("SPENDWISE_TEST_POSTGRES_URL"),
            Backend::Mysql => Some("SPENDWISE_TEST_MYSQL_URL"),
        }
    }
}

/// A database created for one test and dropped when the test ends (also when it panics).
pub struct TestDatabase {
    pub url: String,
    /// The admin URL, the engine and the database's name, to drop it with.
    drop_with: Option<(String, Backend, String)>,
    _dir: Option<TempDir>,
}

impl TestDatabase {
    /// `None` (with a loud note on stderr) when the backend's URL variable is not set.
    pub async fn create(backend: Backend) -> Option<Self> {
        let Some(var) = backend.env_var() else {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
            return Some(Self {
                url,
                drop_with: None,
                _dir: Some(dir),
            });
        };
        let Ok(admin_url) = std::env::var(var) else {
            eprintln!("SKIPPED: {var} not set, so this {backend:?} test did not run");
            return None;
        };
        let name = format!("spendwise_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url)
            .await
            .expect("connect to the admin database");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.expect("close admin connection");
        let url = replace_database_name(&admin_url, &name);
        Some(Self {
            url,
            drop_with: Some((admin_url, backend, name)),
            _dir: None,
        })
    }

    /// A database another [`TestDatabase`] created and will drop.
    pub fn shared(url: &str) -> Self {
        Self {
            url: url.to_string(),
            drop_with: None,
            _dir: None,
        }
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url)
            .await
            .expect("connect to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, backend, name)) = self.drop_with.take() else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot block on async work: use a thread.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Database::connect(&admin_url).await?;
                drop_database(&admin, backend, &name).await?;
                admin.close().await
            })?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: could not drop a test database: {dropped:?}");
        }
    }
}

/// Ends the database's connections, then drops it. The app's background work may be inside a
/// transaction when the test ends, and the test's runtime is blocked while this runs: a drop
/// that waited for those transactions' locks would wait forever.
async fn drop_database(
    admin: &DatabaseConnection,
    backend: Backend,
    name: &str,
) -> Result<(), DbErr> {
    if let Backend::Postgres = backend {
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        return Ok(());
    }
    let sessions = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            format!("SELECT id FROM information_schema.processlist WHERE db = '{name}'"),
        ))
        .await?;
    for session in sessions {
        let id: u64 = session.try_get_by_index(0)?;
        // One that ended meanwhile is fine.
        let _ = admin.execute_unprepared(&format!("KILL {id}")).await;
    }
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
        .await?;
    Ok(())
}

fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(base, query)| (base, Some(query)));
    let base = base.rsplit_once('/').map_or(base, |(head, _)| head);
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

#[test]
fn database_names_are_replaced_keeping_the_query() {
    assert_eq!(
        replace_database_name("postgres://u@h:5432/test", "x"),
        "postgres://u@h:5432/x"
    );
    assert_eq!(
        replace_database_name("mysql://root@h/test?ssl-mode=disabled", "x"),
        "mysql://root@h/x?ssl-mode=disabled"
    );
}
