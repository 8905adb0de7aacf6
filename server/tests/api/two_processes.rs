//! Two `spendwise serve` processes (the real binary) on one PostgreSQL database, as behind a load
//! balancer: sessions, logout, cache coherence and live events cross between them; both run a
//! worker, whose relays share one lease, and one welcome email goes out; SIGTERM ends one
//! gracefully, event streams included.

use std::{process::Stdio, time::Duration};

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
    sync::mpsc,
};

use crate::{
    expenses::{expense, today_at_offset},
    helpers::{Backend, TestDatabase},
    outbox::{emails_in, eventually},
};

/// The binary this test crate was built with.
const BINARY: &str = env!("CARGO_BIN_EXE_spendwise");

struct Process {
    child: Child,
    base_url: String,
    _data_dir: tempfile::TempDir,
}

impl Process {
    /// Starts `spendwise serve` on a free port and waits until it says where it listens.
    async fn start(database_url: &str, jwt_secret: &str) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(BINARY)
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", database_url)
            .env("JWT_SECRET", jwt_secret)
            .env("DATA_DIR", data_dir.path())
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .env("SHUTDOWN_GRACE_SECS", "5")
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the spendwise binary starts");
        let (lines, mut output) = mpsc::unbounded_channel::<String>();
        for pipe in [
            child
                .stdout
                .take()
                .map(|out| Box::new(out) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
            child
                .stderr
                .take()
                .map(|err| Box::new(err) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let lines = lines.clone();
            tokio::spawn(async move {
                let mut reader = BufReader::new(pipe).lines();
                while let Ok(Some(line)) = reader.next_line().await {
                    eprintln!("[spendwise] {line}");
                    let _ = lines.send(line);
                }
            });
        }
        let base_url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = output.recv().await {
                if let Some((_, rest)) = line.split_once("listening on http://") {
                    let address: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == ':')
                        .collect();
                    return format!("http://{address}");
                }
            }
            panic!("spendwise exited before listening");
        })
        .await
        .expect("spendwise listens within a minute");
        Self {
            child,
            base_url,
            _data_dir: data_dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Sends SIGTERM, as `docker stop` does.
    async fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("still running");
        let sent = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await
            .expect("kill runs");
        assert!(sent.success());
        tokio::time::timeout(Duration::from_secs(15), self.child.wait())
            .await
            .expect("stops within its grace period")
            .expect("exit status")
    }
}

async fn get(client: &reqwest::Client, url: String, token: &str) -> (u16, Value) {
    call(client, Method::GET, url, Some(token), None).await
}

async fn call(
    client: &reqwest::Client,
    method: Method,
    url: String,
    token: Option<&str>,
    json: Option<Value>,
) -> (u16, Value) {
    let mut request = client.request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(json) = json {
        request = request.json(&json);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    // 204s have no body.
    let text = response.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Signs in on `process` and answers the access token.
async fn log_in(
    client: &reqwest::Client,
    process: &Process,
    email: &str,
    password: &str,
) -> String {
    let (status, session) = call(
        client,
        Method::POST,
        process.url("/api/v1/auth/login"),
        None,
        Some(json!({ "email": email, "password": password })),
    )
    .await;
    assert_eq!(status, 200, "{session}");
    session["access_token"].as_str().expect("token").to_string()
}

#[tokio::test]
async fn two_serve_processes_share_sessions_data_events_and_one_outbox() {
    let Some(database) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    // One after the other: the first applies the migrations.
    let mut a = Process::start(&database.url, &secret).await;
    let mut b = Process::start(&database.url, &secret).await;
    let client = reqwest::Client::new();

    let email = format!("two-{}@example.com", uuid::Uuid::new_v4().simple());
    let password = "correct horse battery staple 42";
    let (status, _) = call(
        &client,
        Method::POST,
        a.url("/api/v1/auth/register"),
        None,
        Some(json!({ "email": email, "password": password, "display_name": "Two" })),
    )
    .await;
    assert_eq!(status, 201);
    let token = log_in(&client, &a, &email, password).await;

    // A session from A works on B.
    let (status, profile) = get(&client, b.url("/api/v1/auth/profile"), &token).await;
    assert_eq!(
        (status, profile["email"].as_str()),
        (200, Some(email.as_str()))
    );

    // A's event stream hears of a write made on B.
    let stream = client
        .get(a.url("/api/v1/events"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("stream opened");
    assert_eq!(stream.status(), 200);
    let mut chunks = stream.bytes_stream();
    let (status, categories) = get(&client, b.url("/api/v1/categories"), &token).await;
    assert_eq!(status, 200);
    let groceries = categories["items"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["name"] == "Groceries"))
        .and_then(|c| c["id"].as_i64())
        .expect("a Groceries category");
    let (status, _) = call(
        &client,
        Method::POST,
        b.url("/api/v1/expenses"),
        Some(&token),
        Some(expense(groceries, "21.00", today_at_offset(0).await)),
    )
    .await;
    assert_eq!(status, 201);
    let heard = tokio::time::timeout(Duration::from_secs(10), async {
        let mut text = String::new();
        while let Some(Ok(chunk)) = chunks.next().await {
            text.push_str(&String::from_utf8_lossy(&chunk));
            if text.contains("data_changed") {
                return text;
            }
        }
        text
    })
    .await
    .expect("A's stream hears of B's write");
    assert!(heard.contains("data_changed"), "{heard}");
    // And A's figures include it at once (no stale cache on A).
    let (_, overview) = get(&client, a.url("/api/v1/analytics/overview"), &token).await;
    assert_eq!(overview["spent_this_month_minor"], 2100, "{overview}");

    // Whichever process holds the relay's lease handled the registration: one welcome email.
    let db = sea_orm::Database::connect(&database.url).await.expect("db");
    eventually("the welcome email", async || {
        emails_in(&db, &email)
            .await
            .into_iter()
            .find(|e| e.status == "sent")
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        emails_in(&db, &email).await.len(),
        1,
        "one welcome email from two workers"
    );

    // Logging out on A ends the session on B at once.
    let other_device = log_in(&client, &b, &email, password).await;
    let (status, _) = call(
        &client,
        Method::POST,
        a.url("/api/v1/auth/logout"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = get(&client, b.url("/api/v1/auth/profile"), &token).await;
    assert_eq!(status, 401, "B refuses the ended session");

    // SIGTERM ends B gracefully although an event stream is open on it.
    let open_on_b = client
        .get(b.url("/api/v1/events"))
        .bearer_auth(&other_device)
        .send()
        .await
        .expect("stream on B");
    assert_eq!(open_on_b.status(), 200);
    let exit = b.terminate().await;
    assert!(exit.success(), "B exited with {exit}");
    drop(open_on_b);
    let (status, _) = get(&client, a.url("/api/v1/auth/profile"), &other_device).await;
    assert_eq!(status, 200, "A serves on");
    let exit = a.terminate().await;
    assert!(exit.success(), "A exited with {exit}");
}
