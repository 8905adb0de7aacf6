//! `make bench`: latency and throughput of the real server under concurrent load. Prints figures;
//! asserts nothing (performance is reported, not tested). Client and server share this machine.
//! Clients ask for gzip/brotli like browsers do, so compression is part of what is measured.

use std::{
    future::Future,
    net::SocketAddr,
    num::{NonZeroU32, NonZeroU64},
    sync::Arc,
    time::{Duration, Instant},
};

use server::{Application, Config};

mod assistant;
mod auth;
mod dashboard;
mod expenses;

const CONNECTIONS: usize = 50;
const REQUESTS: usize = 5_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let data_dir = tempfile::tempdir()?;
    let config = Config {
        data_dir: data_dir.path().to_path_buf(),
        site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        // The benchmark signs in far more often than a person would.
        login_attempts_per_account: NonZeroU32::MAX,
        login_attempts_per_ip: NonZeroU32::MAX,
        max_sessions_per_user: NonZeroU64::MAX,
        assistant_questions_per_minute: NonZeroU32::MAX,
        ..Config::default()
    };
    let application = Application::build(config).await?;
    let base = format!("http://{}", application.local_addr());
    tokio::spawn(application.run_until_stopped(std::future::pending()));

    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "scenario", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"
    );
    let access_token = auth::sign_up(&base).await?;
    let anonymous = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()?;
    let signed_in = bearer_client(&access_token)?;
    for (name, client, path) in [
        ("liveness (/api/v1/health)", &anonymous, "/api/v1/health"),
        ("server-rendered page (/login)", &anonymous, "/login"),
        (
            "signed-in API read (profile)",
            &signed_in,
            "/api/v1/auth/profile",
        ),
        ("signed-in page (/profile)", &signed_in, "/profile"),
    ] {
        print_row(name, &measure(client, &format!("{base}{path}")).await?);
    }
    print_row("sign-in (one at a time)", &auth::sign_ins(&base).await?);
    print_row(
        "token refresh (one at a time)",
        &auth::refreshes(&base).await?,
    );
    expenses::run(&base, &signed_in, data_dir.path()).await?;
    dashboard::run(&base, &signed_in, &access_token, data_dir.path()).await?;
    assistant::run(&base, &signed_in).await?;
    Ok(())
}

/// A keep-alive client that sends `token` with every request.
pub fn bearer_client(token: &str) -> anyhow::Result<reqwest::Client> {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse()?,
    );
    Ok(reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .default_headers(headers)
        .build()?)
}

pub fn print_row(name: &str, report: &Report) {
    println!(
        "{name:<40} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.0}",
        report.percentile(50.0),
        report.percentile(95.0),
        report.percentile(99.0),
        report.percentile(100.0),
        report.requests_per_second()
    );
}

pub async fn timed(
    count: usize,
    mut step: impl AsyncFnMut() -> anyhow::Result<()>,
) -> anyhow::Result<Report> {
    let mut latencies = Vec::with_capacity(count);
    let started = Instant::now();
    for _ in 0..count {
        let start = Instant::now();
        step().await?;
        latencies.push(start.elapsed());
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Ok(Report { latencies, elapsed })
}

pub struct Report {
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Report {
    pub fn percentile(&self, p: f64) -> f64 {
        let rank = ((p / 100.0) * (self.latencies.len() - 1) as f64).round() as usize;
        self.latencies[rank].as_secs_f64() * 1000.0
    }

    fn requests_per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }
}

/// One GET that must succeed, its body read to the end.
pub async fn fetch(client: &reqwest::Client, url: &str) -> anyhow::Result<()> {
    client
        .get(url)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    Ok(())
}

/// `REQUESTS` GETs spread over `CONNECTIONS` concurrent keep-alive clients, after a warm-up.
pub async fn measure(client: &reqwest::Client, url: &str) -> anyhow::Result<Report> {
    measure_n(client, url, REQUESTS).await
}

/// `requests` GETs spread over `CONNECTIONS` concurrent keep-alive clients, after a warm-up.
pub async fn measure_n(
    client: &reqwest::Client,
    url: &str,
    requests: usize,
) -> anyhow::Result<Report> {
    let (client, url) = (client.clone(), Arc::<str>::from(url));
    concurrently_n(requests, move || {
        let (client, url) = (client.clone(), url.clone());
        async move { fetch(&client, &url).await }
    })
    .await
}

/// `REQUESTS` runs of `step` over `CONNECTIONS` concurrent workers, after a warm-up of 100.
pub async fn concurrently<F, Fut>(step: F) -> anyhow::Result<Report>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    concurrently_n(REQUESTS, step).await
}

/// `requests` runs of `step` over `CONNECTIONS` concurrent workers, after a warm-up of 100.
pub async fn concurrently_n<F, Fut>(requests: usize, step: F) -> anyhow::Result<Report>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    for _ in 0..100 {
        step().await?;
    }
    let started = Instant::now();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let step = step.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(requests / CONNECTIONS);
                for _ in 0..requests / CONNECTIONS {
                    let start = Instant::now();
                    step().await?;
                    latencies.push(start.elapsed());
                }
                Ok::<_, anyhow::Error>(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(requests);
    for worker in workers {
        latencies.extend(worker.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Ok(Report { latencies, elapsed })
}
