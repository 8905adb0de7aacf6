//! The typed configuration, read once at start from the environment (and an optional `.env`).
//! Every variable and its default is listed in README.md; a bad value stops the start with a
//! message naming the variable.

use std::{
    net::SocketAddr,
    num::{NonZeroU32, NonZeroU64},
    path::PathBuf,
};

use figment::{
    Figment,
    providers::{Env, Serialized},
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// Where cargo-leptos put the site when it built this binary, so that running the binary from
/// the workspace root finds its assets without any variable set.
const BUILT_SITE_ROOT: &str = match option_env!("LEPTOS_SITE_ROOT") {
    Some(root) => root,
    None => "target/site",
};

/// The variables we read; anything else in the environment is ignored.
const VARIABLES: &[&str] = &[
    "ADMIN_SQL_ROW_CAP",
    "ADMIN_SQL_TIMEOUT_SECS",
    "ADMIN_SQL_WRITE",
    "AMQP_PREFIX",
    "AMQP_URL",
    "ANALYTICS_CACHE_ENTRIES",
    "ASSISTANT_QUESTIONS_PER_MINUTE",
    "CLIENT_IP_HEADER",
    "COOKIE_SECURE",
    "DATABASE_URL",
    "DATA_DIR",
    "JWT_ACCESS_TTL_SECS",
    "JWT_SECRET",
    "LEPTOS_SITE_ADDR",
    "LEPTOS_SITE_ROOT",
    "LIVE_RECHECK_SECS",
    "LLM_API_KEY",
    "LLM_BASE_URL",
    "LLM_MODEL",
    "LLM_TIMEOUT_SECS",
    "LOGIN_ATTEMPTS_PER_ACCOUNT",
    "LOGIN_ATTEMPTS_PER_IP",
    "MAIL_FROM",
    "MAIL_MAX_ATTEMPTS",
    "MAIL_RETRY_SECS",
    "MAX_IMPORT_BYTES",
    "MAX_REQUEST_BODY_BYTES",
    "MAX_SESSIONS_PER_USER",
    "PUBLIC_URL",
    "RECEIPT_MAX_BYTES",
    "RECEIPT_MAX_PIXELS",
    "RECEIPT_QUOTA_BYTES",
    "RECEIPT_STORE_URL",
    "RUST_LOG",
    "SHUTDOWN_GRACE_SECS",
    "SMTP_URL",
    "WORKER",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Unset means a SQLite file in the data directory.
    #[serde(rename = "DATABASE_URL", skip_serializing)]
    pub database_url: Option<SecretString>,
    #[serde(rename = "DATA_DIR")]
    pub data_dir: PathBuf,
    #[serde(rename = "LEPTOS_SITE_ADDR")]
    pub site_addr: SocketAddr,
    #[serde(rename = "LEPTOS_SITE_ROOT")]
    pub site_root: String,
    #[serde(rename = "MAX_REQUEST_BODY_BYTES")]
    pub max_request_body_bytes: usize,
    /// The largest CSV file an import takes; also the cap on any request to the app.
    #[serde(rename = "MAX_IMPORT_BYTES")]
    pub max_import_bytes: usize,
    #[serde(rename = "RUST_LOG")]
    pub log_filter: String,
    /// Signs access tokens; unset means a key generated once and kept in the data directory.
    /// Every instance of a multi-instance deployment needs the same value.
    #[serde(rename = "JWT_SECRET", skip_serializing)]
    pub jwt_secret: Option<SecretString>,
    #[serde(rename = "JWT_ACCESS_TTL_SECS")]
    pub access_token_ttl_secs: u64,
    #[serde(rename = "MAX_SESSIONS_PER_USER")]
    pub max_sessions_per_user: NonZeroU64,
    /// `false` only when browsers reach the app over plain HTTP on something other than
    /// localhost; behind a TLS-terminating proxy keep it `true`.
    #[serde(rename = "COOKIE_SECURE")]
    pub cookie_secure: bool,
    #[serde(rename = "LOGIN_ATTEMPTS_PER_ACCOUNT")]
    pub login_attempts_per_account: NonZeroU32,
    #[serde(rename = "LOGIN_ATTEMPTS_PER_IP")]
    pub login_attempts_per_ip: NonZeroU32,
    /// The header a trusted reverse proxy puts the client address in (e.g. `X-Forwarded-For`,
    /// whose last entry is used). Unset: the TCP peer address.
    #[serde(rename = "CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,
    /// Where receipt files go: unset means `receipts/` in the data directory; `s3://bucket/prefix`
    /// means an S3-compatible store configured by the usual `AWS_*` variables.
    #[serde(rename = "RECEIPT_STORE_URL")]
    pub receipt_store_url: Option<String>,
    #[serde(rename = "RECEIPT_MAX_BYTES")]
    pub receipt_max_bytes: NonZeroU64,
    #[serde(rename = "RECEIPT_QUOTA_BYTES")]
    pub receipt_quota_bytes: NonZeroU64,
    /// Width × height; larger images are refused before they are decoded.
    #[serde(rename = "RECEIPT_MAX_PIXELS")]
    pub receipt_max_pixels: NonZeroU64,
    /// Per-user dashboard figures kept in memory; 0 computes every request afresh (what the
    /// benchmark's "uncached" rows measure).
    #[serde(rename = "ANALYTICS_CACHE_ENTRIES")]
    pub analytics_cache_entries: u64,
    /// Questions one user may ask the assistant per minute (429 beyond).
    #[serde(rename = "ASSISTANT_QUESTIONS_PER_MINUTE")]
    pub assistant_questions_per_minute: NonZeroU32,
    /// An OpenAI-compatible chat-completions server for the assistant, up to the version
    /// segment (`http://127.0.0.1:11434/v1` for Ollama). Unset, and without `LLM_API_KEY`: the
    /// built-in engine answers everything.
    #[serde(rename = "LLM_BASE_URL")]
    pub llm_base_url: Option<String>,
    /// Setting only the key means OpenAI itself.
    #[serde(rename = "LLM_API_KEY", skip_serializing)]
    pub llm_api_key: Option<SecretString>,
    #[serde(rename = "LLM_MODEL")]
    pub llm_model: String,
    /// For one question, retries included; past it the built-in engine answers.
    #[serde(rename = "LLM_TIMEOUT_SECS")]
    pub llm_timeout_secs: NonZeroU64,
    /// How long one admin console query may run.
    #[serde(rename = "ADMIN_SQL_TIMEOUT_SECS")]
    pub admin_sql_timeout_secs: NonZeroU64,
    /// Rows one admin console query returns at most.
    #[serde(rename = "ADMIN_SQL_ROW_CAP")]
    pub admin_sql_row_cap: NonZeroU64,
    /// Lets the admin console change data (after the admin types their password again).
    #[serde(rename = "ADMIN_SQL_WRITE")]
    pub admin_sql_write: bool,
    /// Tests only (no variable sets it): run the assistant's SQL without the parser guard, to
    /// show the sandbox holds on its own.
    #[serde(skip)]
    pub assistant_sql_guard_off: bool,
    /// RabbitMQ (`amqp://user:pass@host:5672/%2f`). Unset: events are handled in-process.
    #[serde(rename = "AMQP_URL", skip_serializing)]
    pub amqp_url: Option<SecretString>,
    /// The start of every exchange and queue name: `<prefix>.activity` (the topic exchange),
    /// `<prefix>.worker` and `<prefix>.worker.dead-letter`.
    #[serde(rename = "AMQP_PREFIX")]
    pub amqp_prefix: String,
    /// `embedded`: `serve` also runs the event relay, the queue consumer and the mail sender.
    /// `off`: it does not, and a `spendwise worker` process does.
    #[serde(rename = "WORKER")]
    pub worker: WorkerMode,
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…` or `smtp://host:25` (plain).
    /// Unset: emails are written as `.eml` files to `mail/` in the data directory.
    #[serde(rename = "SMTP_URL", skip_serializing)]
    pub smtp_url: Option<SecretString>,
    #[serde(rename = "MAIL_FROM")]
    pub mail_from: String,
    /// The wait after a failed send; it doubles with each further failure, up to an hour.
    #[serde(rename = "MAIL_RETRY_SECS")]
    pub mail_retry_secs: NonZeroU64,
    /// Attempts before an email is marked failed (admins can send it again).
    #[serde(rename = "MAIL_MAX_ATTEMPTS")]
    pub mail_max_attempts: NonZeroU32,
    /// Where users reach the app, for the links in emails.
    #[serde(rename = "PUBLIC_URL")]
    pub public_url: String,
    /// How long a stopping process waits for requests and background work to finish.
    #[serde(rename = "SHUTDOWN_GRACE_SECS")]
    pub shutdown_grace_secs: u64,
    /// On PostgreSQL, where changes are pushed to event streams: how often a stream re-reads
    /// anyway (for notices lost in a reconnect). Other engines poll every 500 ms.
    #[serde(rename = "LIVE_RECHECK_SECS")]
    pub live_recheck_secs: NonZeroU64,
}

/// Where the background work runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerMode {
    Embedded,
    Off,
}

/// Where OpenAI's API lives, for a configuration with a key and no base URL.
const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("data"),
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: BUILT_SITE_ROOT.to_string(),
            max_request_body_bytes: 1024 * 1024,
            max_import_bytes: 20 * 1024 * 1024,
            log_filter: "info,sqlx=warn,sea_orm=warn".to_string(),
            jwt_secret: None,
            access_token_ttl_secs: 15 * 60,
            max_sessions_per_user: NonZeroU64::new(10).expect("non-zero"),
            cookie_secure: true,
            login_attempts_per_account: NonZeroU32::new(10).expect("non-zero"),
            login_attempts_per_ip: NonZeroU32::new(50).expect("non-zero"),
            client_ip_header: None,
            receipt_store_url: None,
            receipt_max_bytes: NonZeroU64::new(10 * 1024 * 1024).expect("non-zero"),
            receipt_quota_bytes: NonZeroU64::new(1024 * 1024 * 1024).expect("non-zero"),
            receipt_max_pixels: NonZeroU64::new(40_000_000).expect("non-zero"),
            analytics_cache_entries: 10_000,
            assistant_questions_per_minute: NonZeroU32::new(30).expect("non-zero"),
            llm_base_url: None,
            llm_api_key: None,
            llm_model: "gpt-4o-mini".to_string(),
            llm_timeout_secs: NonZeroU64::new(20).expect("non-zero"),
            admin_sql_timeout_secs: NonZeroU64::new(5).expect("non-zero"),
            admin_sql_row_cap: NonZeroU64::new(10_000).expect("non-zero"),
            admin_sql_write: false,
            assistant_sql_guard_off: false,
            amqp_url: None,
            amqp_prefix: "spendwise".to_string(),
            worker: WorkerMode::Embedded,
            smtp_url: None,
            mail_from: "SpendWise <spendwise@localhost>".to_string(),
            mail_retry_secs: NonZeroU64::new(30).expect("non-zero"),
            mail_max_attempts: NonZeroU32::new(8).expect("non-zero"),
            public_url: "http://127.0.0.1:3000".to_string(),
            shutdown_grace_secs: 10,
            live_recheck_secs: NonZeroU64::new(30).expect("non-zero"),
        }
    }
}

/// Room for a multipart form's boundaries and part headers around a receipt's bytes.
const MULTIPART_OVERHEAD_BYTES: usize = 64 * 1024;

/// HS256 keys shorter than the hash output weaken it (RFC 7518 §3.2).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(String);

impl Config {
    /// Reads `.env` (if present) and the environment over the defaults.
    pub fn load() -> Result<Self, ConfigError> {
        // A missing .env is normal; a malformed one is an error worth stopping for.
        if let Err(error) = dotenvy::dotenv()
            && !error.not_found()
        {
            return Err(ConfigError(format!(".env: {error}")));
        }
        Self::from_environment()
    }

    fn from_environment() -> Result<Self, ConfigError> {
        let config: Self = Figment::from(Serialized::defaults(Config::default()))
            .merge(Env::raw().only(VARIABLES).lowercase(false))
            .extract()
            .map_err(|error| ConfigError(error.to_string()))?;
        config.check()?;
        Ok(config)
    }

    /// Rules a type cannot express.
    fn check(&self) -> Result<(), ConfigError> {
        if let Some(secret) = &self.jwt_secret
            && secret.expose_secret().len() < MIN_JWT_SECRET_BYTES
        {
            return Err(ConfigError(format!(
                "JWT_SECRET must be at least {MIN_JWT_SECRET_BYTES} bytes long"
            )));
        }
        if let Some(name) = &self.client_ip_header
            && http::HeaderName::from_bytes(name.as_bytes()).is_err()
        {
            return Err(ConfigError(format!(
                "CLIENT_IP_HEADER `{name}` is not a header name"
            )));
        }
        if let Some(url) = &self.receipt_store_url
            && !(url.starts_with("s3://") || url.starts_with("file:///"))
        {
            return Err(ConfigError(format!(
                "RECEIPT_STORE_URL `{url}` must start with s3:// or file:///"
            )));
        }
        if let Some(url) = &self.llm_base_url
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(ConfigError(format!(
                "LLM_BASE_URL `{url}` must start with http:// or https://"
            )));
        }
        if let Some(url) = &self.amqp_url
            && !(url.expose_secret().starts_with("amqp://")
                || url.expose_secret().starts_with("amqps://"))
        {
            return Err(ConfigError(
                "AMQP_URL must start with amqp:// or amqps://".into(),
            ));
        }
        if self.amqp_prefix.is_empty()
            || !self
                .amqp_prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return Err(ConfigError(
                "AMQP_PREFIX must be letters, digits, dots, dashes or underscores".into(),
            ));
        }
        if let Some(url) = &self.smtp_url
            && !(url.expose_secret().starts_with("smtp://")
                || url.expose_secret().starts_with("smtps://"))
        {
            return Err(ConfigError(
                "SMTP_URL must start with smtp:// or smtps://".into(),
            ));
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError(format!(
                "MAIL_FROM `{}` is not an address such as `SpendWise <spendwise@example.com>`",
                self.mail_from
            )));
        }
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err(ConfigError(format!(
                "PUBLIC_URL `{}` must start with http:// or https://",
                self.public_url
            )));
        }
        if !(60..=3600).contains(&self.access_token_ttl_secs) {
            return Err(ConfigError(
                "JWT_ACCESS_TTL_SECS must be between 60 and 3600 seconds".into(),
            ));
        }
        Ok(())
    }

    /// A receipt upload's request: the file with its multipart framing.
    pub fn max_receipt_request_bytes(&self) -> usize {
        usize::try_from(self.receipt_max_bytes.get())
            .unwrap_or(usize::MAX)
            .saturating_add(MULTIPART_OVERHEAD_BYTES)
    }

    /// The largest request body the app reads at all: an import file or a receipt upload.
    pub fn max_upload_bytes(&self) -> usize {
        self.max_import_bytes.max(self.max_receipt_request_bytes())
    }

    /// Where the assistant's model is, with its key; `None` when no model is configured.
    pub fn llm_endpoint(&self) -> Option<(String, String)> {
        let key = self
            .llm_api_key
            .as_ref()
            .map(|key| key.expose_secret().to_string());
        match (&self.llm_base_url, key) {
            (None, None) => None,
            (base_url, key) => Some((
                base_url
                    .clone()
                    .unwrap_or_else(|| OPENAI_BASE_URL.to_string()),
                key.unwrap_or_default(),
            )),
        }
    }

    /// The database to open: `DATABASE_URL`, or `spendwise.db` inside the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose_secret().to_string(),
            None => format!("sqlite://{}/spendwise.db?mode=rwc", self.data_dir.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use figment::Jail;

    use super::*;

    // figment's Jail API fixes the closure's error type; its size is not ours to choose.
    #[allow(clippy::result_large_err)]
    fn load_with(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let mut outcome = Err(String::new());
        Jail::expect_with(|jail| {
            for (name, value) in pairs {
                jail.set_env(name, value);
            }
            outcome = Config::from_environment().map_err(|error| error.to_string());
            Ok(())
        });
        outcome
    }

    #[test]
    fn defaults_serve_sqlite_from_the_data_directory_on_port_3000() {
        let config = load_with(&[]).expect("defaults are valid");
        assert_eq!(config.database_url(), "sqlite://data/spendwise.db?mode=rwc");
        assert_eq!(config.site_addr.port(), 3000);
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let error = load_with(&[("LEPTOS_SITE_ADDR", "not an address")]).expect_err("must fail");
        assert!(error.contains("LEPTOS_SITE_ADDR"), "{error}");
        let error = load_with(&[("MAX_REQUEST_BODY_BYTES", "lots")]).expect_err("must fail");
        assert!(error.contains("MAX_REQUEST_BODY_BYTES"), "{error}");
    }

    #[test]
    fn numbers_and_paths_are_read_from_the_environment() {
        let config = load_with(&[
            ("DATA_DIR", "/srv/spendwise"),
            ("MAX_REQUEST_BODY_BYTES", "2048"),
        ])
        .expect("valid");
        assert_eq!(
            config.database_url(),
            "sqlite:///srv/spendwise/spendwise.db?mode=rwc"
        );
        assert_eq!(config.max_request_body_bytes, 2048);
    }

    #[test]
    fn auth_settings_have_safe_defaults_and_bounds() {
        let config = load_with(&[]).expect("defaults are valid");
        assert!(config.cookie_secure);
        assert_eq!(config.max_sessions_per_user.get(), 10);
        let error = load_with(&[("JWT_SECRET", "short")]).expect_err("too short");
        assert!(error.contains("JWT_SECRET"), "{error}");
        let error = load_with(&[("MAX_SESSIONS_PER_USER", "0")]).expect_err("zero");
        assert!(error.contains("MAX_SESSIONS_PER_USER"), "{error}");
        let error = load_with(&[("JWT_ACCESS_TTL_SECS", "86400")]).expect_err("too long");
        assert!(error.contains("JWT_ACCESS_TTL_SECS"), "{error}");
        let config = load_with(&[("COOKIE_SECURE", "false")]).expect("valid");
        assert!(!config.cookie_secure);
    }

    #[test]
    fn receipt_limits_and_store_are_configurable() {
        let config = load_with(&[]).expect("defaults are valid");
        assert_eq!(config.receipt_max_bytes.get(), 10 * 1024 * 1024);
        assert!(config.receipt_store_url.is_none());
        let config = load_with(&[
            ("RECEIPT_STORE_URL", "s3://receipts/spendwise"),
            ("RECEIPT_QUOTA_BYTES", "1048576"),
        ])
        .expect("valid");
        assert_eq!(config.receipt_quota_bytes.get(), 1_048_576);
        let error = load_with(&[("RECEIPT_STORE_URL", "ftp://x")]).expect_err("bad scheme");
        assert!(error.contains("RECEIPT_STORE_URL"), "{error}");
        let error = load_with(&[("RECEIPT_MAX_PIXELS", "0")]).expect_err("zero");
        assert!(error.contains("RECEIPT_MAX_PIXELS"), "{error}");
    }

    #[test]
    fn events_and_mail_are_configurable_and_checked() {
        let config = load_with(&[]).expect("defaults are valid");
        assert_eq!(config.worker, WorkerMode::Embedded);
        assert!(config.amqp_url.is_none() && config.smtp_url.is_none());
        let config = load_with(&[
            ("WORKER", "off"),
            ("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2f"),
            ("SMTP_URL", "smtp://mail.example:25"),
            ("MAIL_FROM", "Money <money@example.com>"),
        ])
        .expect("valid");
        assert_eq!(config.worker, WorkerMode::Off);
        assert!(!format!("{config:?}").contains("guest:guest"));
        assert_eq!(config.live_recheck_secs.get(), 30);
        for (name, value) in [
            ("WORKER", "sometimes"),
            ("AMQP_URL", "http://broker"),
            ("SMTP_URL", "mail.example"),
            ("MAIL_FROM", "not an address"),
            ("PUBLIC_URL", "example.com"),
            ("MAIL_MAX_ATTEMPTS", "0"),
            ("AMQP_PREFIX", "spend wise"),
            ("LIVE_RECHECK_SECS", "0"),
        ] {
            let error = load_with(&[(name, value)]).expect_err(name);
            assert!(error.contains(name), "{name}: {error}");
        }
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let config = load_with(&[("JWT_SECRET", "a-very-long-secret-value-of-40-bytes!!!!")])
            .expect("valid");
        assert!(!format!("{config:?}").contains("a-very-long-secret"));
    }

    #[test]
    fn the_database_url_never_appears_in_debug_output() {
        let config =
            load_with(&[("DATABASE_URL", "postgres://app:hunter2@db/spendwise")]).expect("valid");
        assert!(!format!("{config:?}").contains("hunter2"));
        assert_eq!(config.database_url(), "postgres://app:hunter2@db/spendwise");
    }
}
