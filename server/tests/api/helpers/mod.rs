//! `spawn_app()` and friends: a real server on port 0 with a fresh database per test.

mod access_control;
mod cookies;
mod database;
mod fake_llm;
mod smtp_sink;
mod tcp_proxy;
mod tokens;
mod users;

use std::{net::SocketAddr, path::Path};

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::Value;
use server::{Application, Config};
use tempfile::TempDir;

pub use access_control::{
    ApiRequest, assert_documented, assert_other_user_gets_404,
    assert_other_user_gets_404_from_server_fn, assert_server_fns_refuse,
};
pub use cookies::{ACCESS_COOKIE, REFRESH_COOKIE, set_cookie, sets_cookie};
pub use database::{Backend, TestDatabase};
pub use fake_llm::{FakeLlm, Scripted};
pub use smtp_sink::SmtpSink;
pub use tcp_proxy::TcpProxy;
pub use tokens::{claims_of, signed, unsigned};
pub use users::TestUser;

pub struct TestApp {
    pub address: SocketAddr,
    /// A client with a cookie store of its own, signed in as nobody.
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    /// The `JWT_SECRET` this instance signs with, so tests can forge tokens.
    pub jwt_secret: String,
    database: TestDatabase,
    data_dir: TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    pub fn database_url(&self) -> &str {
        &self.database.url
    }

    /// The instance's `DATA_DIR`, where the local receipt store keeps its files.
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    /// A JSON POST from a client without any session.
    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// How many rows the entity's table holds, to prove a refused request wrote nothing.
    pub async fn count<E>(&self) -> u64
    where
        E: EntityTrait,
        E::Model: Sync,
    {
        E::find().count(&self.db).await.expect("rows counted")
    }
}

/// A request still unanswered after this has hung: the test fails naming it, instead of
/// stalling the whole run. Far beyond the slowest request any test makes.
const HUNG_AFTER: std::time::Duration = std::time::Duration::from_secs(120);

/// A client like a browser's: it keeps cookies and does not follow redirects.
pub fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(HUNG_AFTER)
        .build()
        .expect("http client")
}

/// The server on SQLite, the default engine.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(Backend::Sqlite)
        .await
        .expect("SQLite is always available")
}

/// The server on the given engine, or `None` when that engine is not configured here.
pub async fn spawn_app_on(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// The server with its configuration adjusted by `configure` (after the test defaults are set).
pub async fn spawn_app_with(
    backend: Backend,
    configure: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    let database = TestDatabase::create(backend).await?;
    let jwt_secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    Some(start(database, jwt_secret, configure).await)
}

impl TestApp {
    /// A second server on this one's database and signing secret, as another instance behind the
    /// same load balancer: it has caches of its own and drops nothing when it ends.
    pub async fn another_instance(&self) -> TestApp {
        self.another_instance_with(|_| {}).await
    }

    /// Another instance on this app's database, with its own configuration.
    pub async fn another_instance_with(&self, configure: impl FnOnce(&mut Config)) -> TestApp {
        let database = TestDatabase::shared(&self.database.url);
        start(database, self.jwt_secret.clone(), configure).await
    }
}

async fn start(
    database: TestDatabase,
    jwt_secret: String,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config {
        database_url: Some(database.url.clone().into()),
        data_dir: data_dir.path().to_path_buf(),
        site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        jwt_secret: Some(jwt_secret.clone().into()),
        ..Config::default()
    };
    configure(&mut config);
    let application = Application::build(config)
        .await
        .expect("the application builds");
    let address = application.local_addr();
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let db = database.connect().await;
    TestApp {
        address,
        client: cookie_client(),
        db,
        jwt_secret,
        database,
        data_dir,
    }
}

/// Declares one test per database engine: `name::sqlite`, `name::postgres`, `name::mysql`.
/// The body gets a running [`TestApp`]; engines without a configured URL are skipped loudly.
/// `config = |config| ...` adjusts the configuration of every instance.
macro_rules! on_every_backend {
    ($name:ident, |$app:ident| $body:block) => {
        $crate::helpers::on_every_backend!($name, config = |_| {}, |$app| $body);
    };
    ($name:ident, config = $configure:expr, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            async fn spawn(backend: $crate::helpers::Backend) -> Option<$crate::helpers::TestApp> {
                $crate::helpers::spawn_app_with(backend, $configure).await
            }

            #[tokio::test]
            async fn sqlite() {
                run(spawn($crate::helpers::Backend::Sqlite).await.expect("SQLite is always available")).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = spawn($crate::helpers::Backend::Postgres).await {
                    run(app).await;
                }
            }

            #[tokio::test]
            async fn mysql() {
                if let Some(app) = spawn($crate::helpers::Backend::Mysql).await {
                    run(app).await;
                }
            }
        }
    };
}
pub(crate) use on_every_backend;
