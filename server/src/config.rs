//! The typed configuration, read once at start from the environment (and an optional `.env`).
//! Every variable and its default is listed in README.md; a bad value stops the start with a
//! message naming the variable.

use std::{net::SocketAddr, path::PathBuf};

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
    "DATABASE_URL",
    "DATA_DIR",
    "LEPTOS_SITE_ADDR",
    "LEPTOS_SITE_ROOT",
    "MAX_REQUEST_BODY_BYTES",
    "RUST_LOG",
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
    #[serde(rename = "RUST_LOG")]
    pub log_filter: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("data"),
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: BUILT_SITE_ROOT.to_string(),
            max_request_body_bytes: 1024 * 1024,
            log_filter: "info,sqlx=warn,sea_orm=warn".to_string(),
        }
    }
}

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
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Env::raw().only(VARIABLES).lowercase(false))
            .extract()
            .map_err(|error| ConfigError(error.to_string()))
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
    fn the_database_url_never_appears_in_debug_output() {
        let config =
            load_with(&[("DATABASE_URL", "postgres://app:hunter2@db/spendwise")]).expect("valid");
        assert!(!format!("{config:?}").contains("hunter2"));
        assert_eq!(config.database_url(), "postgres://app:hunter2@db/spendwise");
    }
}
