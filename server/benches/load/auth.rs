//! Sign-up, sign-in and token refresh through the REST API.

use crate::{Report, timed};

pub const EMAIL: &str = "bench@example.com";
pub const PASSWORD: &str = "a benchmark passphrase";

/// The benchmark's main user, whose expenses are seeded.
pub async fn sign_up(base: &str) -> anyhow::Result<String> {
    sign_up_as(base, EMAIL).await
}

pub async fn sign_up_as(base: &str, email: &str) -> anyhow::Result<String> {
    let client = reqwest::Client::new();
    client
        .post(format!("{base}/api/v1/auth/register"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD, "display_name": "Bench" }))
        .send()
        .await?
        .error_for_status()?;
    Ok(sign_in(&client, base, email).await?["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
) -> anyhow::Result<serde_json::Value> {
    Ok(client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?)
}

/// Sign-in is dominated by Argon2id (19 MiB, t=2), by design.
pub async fn sign_ins(base: &str) -> anyhow::Result<Report> {
    let client = reqwest::Client::new();
    timed(50, async || sign_in(&client, base, EMAIL).await.map(drop)).await
}

pub async fn refreshes(base: &str) -> anyhow::Result<Report> {
    let client = reqwest::Client::new();
    let mut token = sign_in(&client, base, EMAIL).await?["refresh_token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    timed(500, async || {
        let body: serde_json::Value = client
            .post(format!("{base}/api/v1/auth/refresh"))
            .json(&serde_json::json!({ "refresh_token": token }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        token = body["refresh_token"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        Ok(())
    })
    .await
}
