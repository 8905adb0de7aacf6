//! Email over a real SMTP conversation with an in-test server: the message's headers and both
//! parts, retries with backoff when the server refuses, giving up, and the admin's view and
//! "send again". SQLite only: the database plays no part in SMTP.

use std::num::{NonZeroU32, NonZeroU64};

use serde_json::Value;

use super::{emails_to, eventually};
use crate::{
    expenses::{assert_error, body},
    helpers::{Backend, SmtpSink, TestApp, TestUser, spawn_app_with},
};

async fn app_mailing_to(sink: &SmtpSink, max_attempts: u32) -> TestApp {
    let url = sink.url();
    spawn_app_with(Backend::Sqlite, move |config| {
        config.smtp_url = Some(url.into());
        config.mail_from = "SpendWise <noreply@spendwise.test>".into();
        config.public_url = "https://money.example".into();
        config.mail_retry_secs = NonZeroU64::new(1).expect("non-zero");
        config.mail_max_attempts = NonZeroU32::new(max_attempts).expect("non-zero");
    })
    .await
    .expect("SQLite is always available")
}

/// The message text with quoted-printable soft line breaks and escapes undone.
fn decoded(data: &str) -> String {
    let joined = data.replace("=\r\n", "").replace("=\n", "");
    let mut out = Vec::with_capacity(joined.len());
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn overview(admin: &TestUser, query: &str) -> Value {
    let response = admin.get(&format!("/api/v1/admin/emails{query}")).await;
    assert_eq!(response.status(), 200);
    body(response).await
}

#[tokio::test]
async fn the_welcome_email_goes_through_a_real_smtp_conversation() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, 8).await;
    let user = app.user().await;
    let message = eventually("the SMTP server to receive the welcome email", async || {
        sink.received().into_iter().next()
    })
    .await;
    assert_eq!(message.from, "noreply@spendwise.test");
    assert_eq!(message.to, std::slice::from_ref(&user.email));
    let text = decoded(&message.data);
    for expected in [
        "From: SpendWise <noreply@spendwise.test>",
        &format!("To: {}", user.email),
        "Subject: Welcome to SpendWise",
        "multipart/alternative",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/html; charset=utf-8",
        "Hello Test User",
        "https://money.example/expenses",
        "<a href=\"https://money.example/assistant\">",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let stored = eventually("the email to be marked sent", async || {
        emails_to(&app, &user.email)
            .await
            .into_iter()
            .find(|email| email.status == "sent")
    })
    .await;
    assert!(stored.sent_at.is_some() && stored.last_error.is_none());
}

#[tokio::test]
async fn a_refused_email_is_retried_with_backoff_until_it_is_accepted() {
    let sink = SmtpSink::start().await;
    sink.refuse_next(2);
    let app = app_mailing_to(&sink, 8).await;
    let admin = app.user().await;
    let waiting = eventually("a failed attempt to be recorded", async || {
        emails_to(&app, &admin.email)
            .await
            .into_iter()
            .find(|email| email.attempts >= 1 && email.status == "pending")
    })
    .await;
    assert!(
        waiting
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("451"),
        "{:?}",
        waiting.last_error
    );
    let sent = eventually("the third attempt to succeed", async || {
        emails_to(&app, &admin.email)
            .await
            .into_iter()
            .find(|email| email.status == "sent")
    })
    .await;
    assert_eq!(sent.attempts, 3, "two refusals, then accepted");
    assert_eq!(sink.received().len(), 1, "sent once, not once per attempt");
    let listed = overview(&admin, "?status=sent").await;
    assert_eq!(listed["sent"], 1);
    assert_eq!(listed["emails"][0]["attempts"], 3);
    assert_eq!(listed["broker"], "not_configured");
}

#[tokio::test]
async fn an_email_that_keeps_failing_is_given_up_and_admins_can_send_it_again() {
    let sink = SmtpSink::start().await;
    sink.refuse_next(1_000);
    let app = app_mailing_to(&sink, 2).await;
    let admin = app.user().await;
    let failed = eventually("the email to be given up", async || {
        emails_to(&app, &admin.email)
            .await
            .into_iter()
            .find(|email| email.status == "failed")
    })
    .await;
    assert_eq!(failed.attempts, 2);
    let listed = overview(&admin, "?status=failed").await;
    assert_eq!(listed["failed"], 1);
    assert_eq!(listed["emails"][0]["id"], failed.id);
    assert!(
        listed["emails"][0]["last_error"]
            .as_str()
            .unwrap_or_default()
            .contains("451")
    );
    assert!(
        listed["emails"][0].get("text_body").is_none(),
        "admins see no bodies"
    );

    let member = app.user().await;
    let path = format!("/api/v1/admin/emails/{}/retry", failed.id);
    assert_error(member.post(&path, &Value::Null).await, 403, "forbidden").await;
    assert_error(member.get("/api/v1/admin/emails").await, 403, "forbidden").await;
    assert_error(
        admin.get("/api/v1/admin/emails?status=lost").await,
        422,
        "validation",
    )
    .await;
    assert_error(
        admin
            .post("/api/v1/admin/emails/999999/retry", &Value::Null)
            .await,
        404,
        "not_found",
    )
    .await;

    sink.refuse_next(0);
    assert_eq!(admin.post(&path, &Value::Null).await.status(), 204);
    eventually("the retried email to be sent", async || {
        emails_to(&app, &admin.email)
            .await
            .into_iter()
            .find(|email| email.id == failed.id && email.status == "sent")
    })
    .await;
    assert_error(admin.post(&path, &Value::Null).await, 409, "conflict").await;
}

#[tokio::test]
async fn the_mail_queue_is_documented_and_refused_to_members_everywhere() {
    let app = crate::helpers::spawn_app().await;
    let _admin = app.user().await;
    let member = app.user().await;
    crate::helpers::assert_server_fns_refuse(
        &app,
        Some(&member.access_token),
        &[
            ("/api/admin/emails", vec![]),
            ("/api/admin/emails/retry", vec![("id", "1".to_string())]),
        ],
        403,
        "forbidden",
    )
    .await;
    crate::helpers::assert_server_fns_refuse(
        &app,
        None,
        &[("/api/admin/emails", vec![])],
        401,
        "unauthorized",
    )
    .await;
    crate::helpers::assert_documented(
        &app,
        "admin",
        &[
            ("/admin/emails", "get"),
            ("/admin/emails/{id}/retry", "post"),
        ],
        &["EmailOverview", "EmailDelivery"],
    )
    .await;
}
