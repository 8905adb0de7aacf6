//! Building the application from a [`Config`] and serving it until a shutdown signal.

use std::{future::Future, net::SocketAddr, path::Path, sync::Arc, time::Duration};

use anyhow::Context;
use app::{
    App,
    admin::service::ConsoleLimits,
    analytics::service::AnalyticsCache,
    assistant::service::{Assistant, AssistantSettings, Guard, Limits, LlmSettings},
    expenses::service::TotalsCache,
    live::feed::ChangeFeed,
    server::{AppState, broker::BrokerHealth, settings::AuthSettings, throttle::LoginThrottle},
    shell,
};
use axum::{
    Extension, Router,
    extract::DefaultBodyLimit,
    extract::MatchedPath,
    http::{HeaderName, Request},
    middleware,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::{
    CompressionLevel, compression::CompressionLayer, limit::RequestBodyLimitLayer,
    trace::TraceLayer,
};

use crate::{
    api,
    config::{Config, WorkerMode},
    middleware::{
        csrf::refuse_cross_site,
        multipart_guard::require_multipart_boundary,
        security_headers::add_security_headers,
        session::{SessionLayer, resolve_viewer},
    },
    receipt_store, signing_key,
    worker::{Background, WorkerSettings},
};

fn assistant_settings(config: &Config) -> AssistantSettings {
    let limits = Limits::default();
    AssistantSettings {
        questions_per_minute: config.assistant_questions_per_minute,
        limits,
        llm: config
            .llm_endpoint()
            .map(|(base_url, api_key)| LlmSettings {
                base_url,
                api_key,
                model: config.llm_model.clone(),
                timeout: Duration::from_secs(config.llm_timeout_secs.get()),
                max_rows: limits.max_rows,
            }),
        guard: if config.assistant_sql_guard_off {
            Guard::Off
        } else {
            Guard::On
        },
    }
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    background: Background,
    /// Cancelled when shutdown begins: long-lived responses (event streams) end with it.
    stopping: CancellationToken,
    grace: Duration,
}

/// Whether a broker is configured, as readiness reports it.
fn broker_health(config: &Config) -> BrokerHealth {
    if config.amqp_url.is_some() {
        BrokerHealth::configured()
    } else {
        BrokerHealth::not_configured()
    }
}

impl Application {
    /// Opens (and migrates) the database and binds the listening socket; nothing is served yet.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = open_database(&config).await?;
        let listener = TcpListener::bind(config.site_addr).await.with_context(|| {
            format!(
                "could not listen on {} (LEPTOS_SITE_ADDR)",
                config.site_addr
            )
        })?;
        let mut leptos_options = leptos_options(&config);
        leptos_options.site_addr = listener.local_addr()?;
        let auth = auth_settings(&config)?;
        let login_throttle =
            LoginThrottle::new(auth.login_attempts_per_account, auth.login_attempts_per_ip);
        let receipts = receipt_store::open(&config)?;
        receipt_store::spawn_sweeper(db.clone(), receipts.clone());
        let broker = broker_health(&config);
        let worker_settings = WorkerSettings::from_config(&config);
        let background = match config.worker {
            WorkerMode::Embedded => Background::worker(db.clone(), worker_settings, &broker)?,
            WorkerMode::Off => Background::monitor_only(&worker_settings, &broker),
        };
        let live = ChangeFeed::start(&db, Duration::from_secs(config.live_recheck_secs.get()));
        let state = AppState {
            leptos_options,
            db,
            auth: Arc::new(auth),
            login_throttle: Arc::new(login_throttle),
            expense_totals: TotalsCache::default(),
            receipts,
            analytics: AnalyticsCache::new(config.analytics_cache_entries),
            assistant: Assistant::new(assistant_settings(&config)),
            console: ConsoleLimits {
                timeout: Duration::from_secs(config.admin_sql_timeout_secs.get()),
                row_cap: usize::try_from(config.admin_sql_row_cap.get()).unwrap_or(usize::MAX),
                write: config.admin_sql_write,
            },
            broker,
            live,
        };
        let stopping = CancellationToken::new();
        Ok(Self {
            listener,
            router: router(state, &config).layer(Extension(stopping.clone())),
            background,
            stopping,
            grace: Duration::from_secs(config.shutdown_grace_secs),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish (for up to
    /// `SHUTDOWN_GRACE_SECS`), ends the event streams and stops the background work.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let stopping = self.stopping.clone();
        let signal = async move {
            shutdown.await;
            stopping.cancel();
        };
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(signal)
            .into_future();
        let grace = self.grace;
        let overdue = async {
            self.stopping.cancelled().await;
            tokio::time::sleep(grace).await;
        };
        let result = tokio::select! {
            result = served => result,
            () = overdue => {
                tracing::warn!("requests still running after {grace:?}; stopping anyway");
                Ok(())
            }
        };
        self.background.stop(grace).await;
        result
    }
}

/// `spendwise worker`: the background work without the web server, until `shutdown`.
pub async fn run_worker(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let db = open_database(&config).await?;
    let background = Background::worker(
        db,
        WorkerSettings::from_config(&config),
        &broker_health(&config),
    )?;
    tracing::info!("the SpendWise worker is running");
    shutdown.await;
    background
        .stop(Duration::from_secs(config.shutdown_grace_secs))
        .await;
    Ok(())
}

/// Opens the configured database and applies any pending migrations.
pub async fn open_database(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let database_url = config.database_url();
    if database_url.starts_with("sqlite:") {
        ensure_data_dir(&config.data_dir)?;
    }
    let db = app::server::db::connect(&database_url)
        .await
        .context("could not open the database named by DATABASE_URL")?;
    Migrator::up(&db, None)
        .await
        .context("could not apply the database migrations")?;
    Ok(db)
}

fn ensure_data_dir(data_dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir).with_context(|| {
        format!(
            "could not create the data directory {} (DATA_DIR)",
            data_dir.display()
        )
    })
}

fn auth_settings(config: &Config) -> anyhow::Result<AuthSettings> {
    let mut settings = AuthSettings::new(signing_key::load(config)?);
    settings.access_ttl = Duration::from_secs(config.access_token_ttl_secs);
    settings.max_sessions_per_user = config.max_sessions_per_user.get();
    settings.cookie_secure = config.cookie_secure;
    settings.login_attempts_per_account = config.login_attempts_per_account;
    settings.login_attempts_per_ip = config.login_attempts_per_ip;
    Ok(settings)
}

fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("spendwise")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .build()
}

fn router(state: AppState, config: &Config) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let session_layer = SessionLayer {
        state: state.clone(),
        client_ip_header: config
            .client_ip_header
            .as_deref()
            .and_then(|name| HeaderName::from_bytes(name.as_bytes()).ok()),
    };
    Router::new()
        .nest("/api/v1", api::router(config))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            session_layer,
            resolve_viewer,
        ))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(middleware::from_fn(add_security_headers))
        // Server functions read whole bodies: nothing larger than a file upload gets in.
        .layer(middleware::from_fn(require_multipart_boundary))
        // axum's extractors stop at 2 MiB by default; server functions take import files too.
        .layer(DefaultBodyLimit::max(config.max_upload_bytes()))
        .layer(RequestBodyLimitLayer::new(config.max_upload_bytes()))
        .layer(middleware::from_fn(api::payload_too_large_as_json))
        // brotli's own default is quality 11, tens of milliseconds per page; 4 compresses HTML and
        // JSON nearly as well for a fraction of the CPU.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let path = request
                    .extensions()
                    .get::<MatchedPath>()
                    .map_or(request.uri().path(), MatchedPath::as_str);
                tracing::info_span!("request", method = %request.method(), path)
            }),
        )
        .with_state(state)
}

/// Resolves on Ctrl+C or SIGTERM (what `docker stop` and systemd send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
