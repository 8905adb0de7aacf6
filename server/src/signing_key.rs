//! The key that signs access tokens: `JWT_SECRET`, or one generated on first start and kept in
//! `DATA_DIR/jwt-secret` (mode 0600) so sessions survive restarts.

use std::{
    fs::{self, OpenOptions},
    io::{ErrorKind, Write},
    path::Path,
};

use anyhow::Context;
use secrecy::ExposeSecret;

use crate::config::{Config, MIN_JWT_SECRET_BYTES};

const KEY_FILE: &str = "jwt-secret";

pub fn load(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.expose_secret().as_bytes().to_vec());
    }
    fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "could not create the data directory {} (DATA_DIR)",
            config.data_dir.display()
        )
    })?;
    load_or_create(&config.data_dir.join(KEY_FILE))
}

fn load_or_create(path: &Path) -> anyhow::Result<Vec<u8>> {
    match fs::read_to_string(path) {
        Ok(contents) => parse(path, &contents),
        Err(error) if error.kind() == ErrorKind::NotFound => match create(path) {
            // Another process created it first: use theirs.
            Err(error) if error.kind() == ErrorKind::AlreadyExists => {
                parse(path, &fs::read_to_string(path)?)
            }
            created => created.with_context(|| format!("could not write {}", path.display())),
        },
        Err(error) => Err(error).with_context(|| format!("could not read {}", path.display())),
    }
}

fn parse(path: &Path, contents: &str) -> anyhow::Result<Vec<u8>> {
    let key = hex::decode(contents.trim())
        .with_context(|| format!("{} is not a hex-encoded key", path.display()))?;
    anyhow::ensure!(
        key.len() >= MIN_JWT_SECRET_BYTES,
        "{} holds a key shorter than {MIN_JWT_SECRET_BYTES} bytes",
        path.display()
    );
    Ok(key)
}

fn create(path: &Path) -> std::io::Result<Vec<u8>> {
    let key: [u8; 32] = rand::random();
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(hex::encode(key).as_bytes())?;
    file.sync_all()?;
    Ok(key.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_private_and_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(KEY_FILE);
        let first = load_or_create(&path).expect("created");
        assert_eq!(first.len(), 32);
        assert_eq!(load_or_create(&path).expect("read back"), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_key_file_stops_the_start() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(KEY_FILE);
        fs::write(&path, "not hex").expect("written");
        assert!(load_or_create(&path).is_err());
    }
}
