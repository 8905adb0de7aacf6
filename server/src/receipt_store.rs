//! The receipt store a configuration names, and the background sweep that keeps it tidy.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use app::receipts::service::{ReceiptStore, sweep_orphans};
use object_store::{
    ObjectStore, aws::AmazonS3Builder, local::LocalFileSystem, prefix::PrefixStore,
};
use sea_orm::DatabaseConnection;

use crate::config::Config;

/// How often the orphan sweep runs (each instance of a deployment may run it; it is idempotent).
const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

pub fn open(config: &Config) -> anyhow::Result<ReceiptStore> {
    let store: Arc<dyn ObjectStore> = match config.receipt_store_url.as_deref() {
        None => local(&config.data_dir.join("receipts"))?,
        Some(url) if url.starts_with("file://") => {
            local(std::path::Path::new(url.trim_start_matches("file://")))?
        }
        Some(url) => s3(url)?,
    };
    let mut receipts = ReceiptStore::new(store);
    receipts.max_bytes = config.receipt_max_bytes.get();
    receipts.quota_bytes = config.receipt_quota_bytes.get();
    receipts.max_pixels = config.receipt_max_pixels.get();
    Ok(receipts)
}

fn local(dir: &std::path::Path) -> anyhow::Result<Arc<dyn ObjectStore>> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!(
            "could not create the receipt directory {} (DATA_DIR or RECEIPT_STORE_URL)",
            dir.display()
        )
    })?;
    let store = LocalFileSystem::new_with_prefix(dir)
        .with_context(|| format!("could not open the receipt directory {}", dir.display()))?;
    Ok(Arc::new(store))
}

/// `s3://bucket/prefix`; credentials, region and endpoint from the `AWS_*` variables.
fn s3(url: &str) -> anyhow::Result<Arc<dyn ObjectStore>> {
    let rest = url.trim_start_matches("s3://");
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let store = AmazonS3Builder::from_env()
        .with_bucket_name(bucket)
        .build()
        .context("could not configure the S3 receipt store (RECEIPT_STORE_URL, AWS_*)")?;
    let prefix = prefix.trim_matches('/');
    Ok(if prefix.is_empty() {
        Arc::new(store)
    } else {
        Arc::new(PrefixStore::new(store, prefix))
    })
}

/// Runs the orphan sweep every hour, starting a minute after start-up.
pub fn spawn_sweeper(db: DatabaseConnection, receipts: ReceiptStore) {
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        let mut every = tokio::time::interval(SWEEP_EVERY);
        loop {
            every.tick().await;
            match sweep_orphans(&db, &receipts, chrono::Utc::now()).await {
                Ok(report) => tracing::info!(?report, "receipt sweep finished"),
                Err(error) => tracing::warn!(%error, "receipt sweep failed; retrying next hour"),
            }
        }
    });
}
