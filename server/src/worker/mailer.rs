//! The mail sender: delivers the due emails of the `emails` table over SMTP (`SMTP_URL`) or,
//! without it, as `.eml` files in `mail/` under the data directory. A failed attempt is retried
//! with backoff and shows on the admin's email page.

use std::{path::PathBuf, time::Duration};

use anyhow::Context;
use app::{
    email::queue::{self, RetryPolicy},
    server::{clock, entities::emails},
};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};
use sea_orm::DatabaseConnection;
use secrecy::ExposeSecret;
use tokio_util::sync::CancellationToken;

use super::stopped_during;
use crate::config::Config;

const POLL_EVERY: Duration = Duration::from_secs(1);
const BATCH: u64 = 20;
/// One SMTP conversation, connecting included.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone)]
pub struct MailSettings {
    smtp_url: Option<String>,
    from: String,
    directory: PathBuf,
}

impl MailSettings {
    pub fn from_config(config: &Config) -> Self {
        Self {
            smtp_url: config
                .smtp_url
                .as_ref()
                .map(|url| url.expose_secret().to_string()),
            from: config.mail_from.clone(),
            directory: config.data_dir.join("mail"),
        }
    }
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn open(settings: &MailSettings) -> anyhow::Result<Self> {
        let from = settings
            .from
            .parse()
            .context("MAIL_FROM is not an email address")?;
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("SMTP_URL is not a valid SMTP address")?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&settings.directory).with_context(|| {
                    format!(
                        "could not create the mail directory {}",
                        settings.directory.display()
                    )
                })?;
                Transport::Files(AsyncFileTransport::new(&settings.directory))
            }
        };
        Ok(Self { transport, from })
    }

    async fn send(&self, email: &emails::Model) -> Result<(), String> {
        let to: Mailbox = email
            .to_address
            .parse()
            .map_err(|error| format!("bad recipient {}: {error}", email.to_address))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                email.text_body.clone(),
                email.html_body.clone(),
            ))
            .map_err(|error| format!("could not build the message: {error}"))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(drop)
                .map_err(|error| error.to_string()),
            Transport::Files(files) => files
                .send(message)
                .await
                .map(drop)
                .map_err(|error| error.to_string()),
        }
    }
}

pub async fn run(
    db: DatabaseConnection,
    mailer: Mailer,
    retry: RetryPolicy,
    stop: CancellationToken,
) {
    loop {
        match queue::claim_due(&db, clock::now(), BATCH).await {
            Ok(due) => {
                for email in due {
                    deliver(&db, &mailer, &retry, &email).await;
                }
            }
            Err(error) => tracing::warn!(%error, "mail: could not read the queue"),
        }
        if stopped_during(&stop, POLL_EVERY).await {
            return;
        }
    }
}

async fn deliver(
    db: &DatabaseConnection,
    mailer: &Mailer,
    retry: &RetryPolicy,
    email: &emails::Model,
) {
    let outcome = mailer.send(email).await;
    let recorded = match &outcome {
        Ok(()) => {
            tracing::info!(email = email.id, kind = %email.kind, "mail: sent");
            queue::mark_sent(db, email.id, clock::now()).await
        }
        Err(error) => {
            tracing::warn!(email = email.id, attempt = email.attempts + 1, %error, "mail: sending failed; retrying later");
            queue::mark_failed(db, email, error, retry, clock::now()).await
        }
    };
    if let Err(error) = recorded {
        // The claim runs out and the email is tried again: sent twice at worst, never lost.
        tracing::warn!(%error, email = email.id, "mail: could not record the attempt");
    }
}
