//! `make bench`: latency and throughput of the real server under concurrent load. Prints figures;
//! asserts nothing (performance is reported, not tested). Client and server share this machine.

use std::{
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};

use server::{Application, Config};

const CONNECTIONS: usize = 50;
const REQUESTS: usize = 5_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let data_dir = tempfile::tempdir()?;
    let config = Config {
        data_dir: data_dir.path().to_path_buf(),
        site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        ..Config::default()
    };
    let application = Application::build(config).await?;
    let base = format!("http://{}", application.local_addr());
    tokio::spawn(application.run_until_stopped(std::future::pending()));

    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>10}",
        "scenario", "p50 ms", "p99 ms", "max ms", "req/s"
    );
    for (name, path) in [
        ("liveness (/api/v1/health)", "/api/v1/health"),
        ("server-rendered page (/)", "/"),
    ] {
        let report = measure(&format!("{base}{path}")).await?;
        println!(
            "{name:<34} {:>9.2} {:>9.2} {:>9.2} {:>10.0}",
            report.percentile(50.0),
            report.percentile(99.0),
            report.percentile(100.0),
            report.requests_per_second()
        );
    }
    Ok(())
}

struct Report {
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Report {
    fn percentile(&self, p: f64) -> f64 {
        let rank = ((p / 100.0) * (self.latencies.len() - 1) as f64).round() as usize;
        self.latencies[rank].as_secs_f64() * 1000.0
    }

    fn requests_per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }
}

/// `REQUESTS` GETs spread over `CONNECTIONS` concurrent keep-alive clients, after a warm-up.
async fn measure(url: &str) -> anyhow::Result<Report> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()?;
    for _ in 0..100 {
        client
            .get(url)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
    }
    let url: Arc<str> = Arc::from(url);
    let started = Instant::now();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(REQUESTS / CONNECTIONS);
                for _ in 0..REQUESTS / CONNECTIONS {
                    let start = Instant::now();
                    client
                        .get(&*url)
                        .send()
                        .await?
                        .error_for_status()?
                        .bytes()
                        .await?;
                    latencies.push(start.elapsed());
                }
                Ok::<_, reqwest::Error>(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(REQUESTS);
    for worker in workers {
        latencies.extend(worker.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Ok(Report { latencies, elapsed })
}
