//! The dashboard at 100,000 expenses: overview and trends through the API, cached (the normal
//! case: the figures are computed once per data version) and uncached (a second instance on the
//! same database with `ANALYTICS_CACHE_ENTRIES=0`), then what the page transfers compressed and
//! how long Chromium takes to paint, hydrate and draw it.

use std::{net::SocketAddr, path::Path, process::Command};

use server::{Application, Config};

use crate::{measure, measure_n, print_row, timed};

/// Uncached answers cost real SQL each; fewer of them still give stable percentiles.
const UNCACHED_REQUESTS: usize = 500;

const QUERIES: [(&str, &str); 4] = [
    ("overview", "/api/v1/analytics/overview"),
    (
        "trends, this month by day",
        "/api/v1/analytics/trends?range=this_month&group=day",
    ),
    (
        "trends, 12 months by category",
        "/api/v1/analytics/trends?range=last_12_months&group=month",
    ),
    (
        "trends, 12 months by merchant",
        "/api/v1/analytics/trends?range=last_12_months&group=month&by=merchant",
    ),
];

pub async fn run(
    base: &str,
    client: &reqwest::Client,
    access_token: &str,
    data_dir: &Path,
) -> anyhow::Result<()> {
    add_budgets(base, client).await?;
    for (name, path) in QUERIES {
        let report = measure(client, &format!("{base}{path}")).await?;
        print_row(&format!("{name}, cached"), &report);
    }
    let uncached = uncached_instance(data_dir).await?;
    let signed_in = crate::bearer_client(access_token)?;
    for (name, path) in QUERIES {
        let url = format!("{uncached}{path}");
        let report = measure_n(&signed_in, &url, UNCACHED_REQUESTS).await?;
        print_row(&format!("{name}, uncached"), &report);
        // Without queueing behind 49 others: what one request costs.
        let alone = timed(50, async || crate::fetch(&signed_in, &url).await).await?;
        print_row(&format!("{name}, uncached, one at a time"), &alone);
    }
    transfer_sizes(base, access_token).await?;
    hydrate_in_chromium(base);
    Ok(())
}

/// An overall budget and one per category, so the overview computes budget status too.
async fn add_budgets(base: &str, client: &reqwest::Client) -> anyhow::Result<()> {
    client
        .post(format!("{base}/api/v1/budgets"))
        .json(&serde_json::json!({ "amount": "9000", "rollover": true }))
        .send()
        .await?
        .error_for_status()?;
    let categories: serde_json::Value = client
        .get(format!("{base}/api/v1/categories"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    for category in categories["items"].as_array().into_iter().flatten() {
        client
            .post(format!("{base}/api/v1/budgets"))
            .json(&serde_json::json!({ "category_id": category["id"], "amount": "700" }))
            .send()
            .await?
            .error_for_status()?;
    }
    Ok(())
}

/// Another server on the same data directory (same database, same signing key) that keeps no
/// analytics cache: every request computes its figures in SQL.
async fn uncached_instance(data_dir: &Path) -> anyhow::Result<String> {
    let config = Config {
        data_dir: data_dir.to_path_buf(),
        site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        analytics_cache_entries: 0,
        ..Config::default()
    };
    let application = Application::build(config).await?;
    let base = format!("http://{}", application.local_addr());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    Ok(base)
}

/// The dashboard's HTML, the scripts, wasm and CSS it references and the ECharts file it loads
/// after hydration, as a browser receives them (brotli).
async fn transfer_sizes(base: &str, access_token: &str) -> anyhow::Result<()> {
    let raw = reqwest::Client::builder().no_gzip().no_brotli().build()?;
    let fetch = async |path: &str| -> anyhow::Result<(usize, String)> {
        let response = raw
            .get(format!("{base}{path}"))
            .bearer_auth(access_token)
            .header("accept-encoding", "br, gzip")
            .send()
            .await?
            .error_for_status()?;
        let encoding = response
            .headers()
            .get("content-encoding")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("identity")
            .to_string();
        Ok((response.bytes().await?.len(), encoding))
    };
    let html = reqwest::Client::new()
        .get(format!("{base}/"))
        .bearer_auth(access_token)
        .send()
        .await?
        .error_for_status()?
        .text()
        .await?;
    let mut paths = vec!["/".to_string()];
    paths.extend(referenced_assets(&html));
    paths.push("/vendor/echarts.min.js".into());
    let mut total = 0;
    for path in &paths {
        let (bytes, encoding) = fetch(path).await?;
        total += bytes;
        println!(
            "  {path:<40} {:>8.1} KB ({encoding})",
            bytes as f64 / 1024.0
        );
    }
    println!(
        "dashboard transfer, compressed: {:.1} KB",
        total as f64 / 1024.0
    );
    Ok(())
}

/// `/pkg/...` addresses in the page (the app's script, wasm and stylesheet), each once.
fn referenced_assets(html: &str) -> Vec<String> {
    let mut assets: Vec<String> = html
        .split(['"', '\''])
        .filter(|piece| piece.starts_with("/pkg/"))
        .map(str::to_string)
        .collect();
    assets.sort();
    assets.dedup();
    assets
}

/// Runs `end2end/bench/hydrate.mjs` (Chromium through playwright-core, installed by
/// `make tools`); says so when it cannot.
fn hydrate_in_chromium(base: &str) {
    let end2end = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end");
    let output = Command::new("node")
        .current_dir(end2end)
        .args([
            "bench/hydrate.mjs",
            base,
            crate::auth::EMAIL,
            crate::auth::PASSWORD,
        ])
        .output();
    match output {
        Ok(output) if output.status.success() => println!(
            "dashboard in Chromium (median of cold loads): {}",
            String::from_utf8_lossy(&output.stdout).trim()
        ),
        Ok(output) => println!(
            "dashboard in Chromium: not measured: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(error) => println!("dashboard in Chromium: not measured (node: {error})"),
    }
}
