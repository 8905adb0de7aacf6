//! A real SMTP server on port 0 that keeps what it is sent: the app's mailer holds a genuine
//! SMTP conversation with it (EHLO, MAIL, RCPT, DATA, QUIT). It can refuse the first messages
//! with a temporary error, to test retries.

use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One message as received: the envelope and the raw RFC 5322 text.
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone)]
pub struct SmtpSink {
    pub address: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    refuse_next: Arc<AtomicUsize>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let sink = Self {
            address: listener.local_addr().expect("address"),
            received: Arc::default(),
            refuse_next: Arc::default(),
        };
        let serving = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sink = serving.clone();
                tokio::spawn(async move { sink.converse(stream).await });
            }
        });
        sink
    }

    /// `smtp://` URL for `SMTP_URL` (plain SMTP: this sink speaks no TLS).
    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// Answers the next `count` messages' DATA with `451` (try again later).
    pub fn refuse_next(&self, count: usize) {
        self.refuse_next.store(count, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    async fn converse(&self, stream: TcpStream) {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        let mut reply = async |text: &str| {
            write
                .write_all(format!("{text}\r\n").as_bytes())
                .await
                .is_ok()
        };
        if !reply("220 sink.test ESMTP ready").await {
            return;
        }
        let mut from = String::new();
        let mut to = Vec::new();
        while let Ok(Some(line)) = lines.next_line().await {
            let upper = line.to_ascii_uppercase();
            let answer = if upper.starts_with("EHLO") {
                "250-sink.test greets you\r\n250-8BITMIME\r\n250 SMTPUTF8".to_string()
            } else if upper.starts_with("HELO") {
                "250 sink.test".to_string()
            } else if upper.starts_with("MAIL FROM:") {
                from = address_in(&line);
                to.clear();
                "250 OK".to_string()
            } else if upper.starts_with("RCPT TO:") {
                to.push(address_in(&line));
                "250 OK".to_string()
            } else if upper == "DATA" {
                if !reply("354 end with <CRLF>.<CRLF>").await {
                    return;
                }
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if line == "." {
                        break;
                    }
                    // Dot-stuffing (RFC 5321 §4.5.2).
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                    data.push('\n');
                }
                let refused = self
                    .refuse_next
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                        left.checked_sub(1)
                    })
                    .is_ok();
                if refused {
                    "451 4.3.0 try again later".to_string()
                } else {
                    self.received.lock().expect("lock").push(Received {
                        from: from.clone(),
                        to: to.clone(),
                        data,
                    });
                    "250 OK queued".to_string()
                }
            } else if upper == "RSET" || upper == "NOOP" {
                "250 OK".to_string()
            } else if upper == "QUIT" {
                let _ = reply("221 bye").await;
                return;
            } else {
                "502 command not implemented".to_string()
            };
            if !reply(&answer).await {
                return;
            }
        }
    }
}

/// `MAIL FROM:<a@b> SIZE=…` → `a@b`.
fn address_in(line: &str) -> String {
    line.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_string())
        .unwrap_or_default()
}
