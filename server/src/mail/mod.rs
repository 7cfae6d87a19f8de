//! Sending the outbox (`domain::services::outbox`) over SMTP with lettre, from a background
//! worker on every instance. Without `SMTP_URL` nothing is sent and the product says so where
//! an email would have gone.
use std::sync::Arc;
use std::time::Duration;

use domain::services::outbox::{self, Outgoing};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;

/// How the server sends email: `SMTP_URL` (for example `smtp://127.0.0.1:2525`, or
/// `smtps://user:password@smtp.example.org` for TLS) and `MAIL_FROM` (the sender, default
/// `GCM Tracker <tracker@localhost>`).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from.to_string()).finish_non_exhaustive()
    }
}

/// Messages claimed at a time, and for how long (longer than a send's time-out).
const BATCH: u64 = 10;
const LEASE_SECONDS: i64 = 120;
/// A send that takes longer fails (and is tried again later).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// How often an idle worker looks at the outbox.
const IDLE: Duration = Duration::from_millis(500);

impl Mailer {
    /// The mailer `SMTP_URL` and `MAIL_FROM` describe, or `None` without `SMTP_URL`.
    pub fn from_env() -> Result<Option<Mailer>, String> {
        let Ok(url) = std::env::var("SMTP_URL") else { return Ok(None) };
        let from = std::env::var("MAIL_FROM").unwrap_or_else(|_| "GCM Tracker <tracker@localhost>".to_string());
        Mailer::new(&url, &from).map(Some)
    }

    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL is not an SMTP address: {e}"))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from: Mailbox = from.parse().map_err(|e| format!("MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer { transport, from })
    }

    /// The message of an outbox row: plain text and HTML, the row's Message-ID, and the one-click
    /// unsubscribe headers when it has an unsubscribe address.
    pub fn message(&self, m: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = m.to_address.parse().map_err(|e| format!("not an address: {e}"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(m.message_id.clone()));
        if !m.unsubscribe_url.is_empty() {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{}>", m.unsubscribe_url),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_string(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(m.text_body.clone(), m.html_body.clone()))
            .map_err(|e| format!("the message cannot be built: {e}"))
    }

    async fn send(&self, m: &Outgoing) -> Result<(), String> {
        let message = self.message(m)?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("the SMTP server did not answer in time".to_string()),
        }
    }
}

/// One pass over the outbox: claims what is due, sends each, marks it sent or failed. Returns
/// how many were claimed.
pub async fn deliver_once(db: &DatabaseConnection, mailer: &Mailer, worker: &str) -> Result<usize, String> {
    let claimed =
        outbox::claim(db, worker, BATCH, chrono::Duration::seconds(LEASE_SECONDS)).await.map_err(|e| e.to_string())?;
    for m in &claimed {
        match mailer.send(m).await {
            Ok(()) => outbox::mark_sent(db, worker, m.id).await.map_err(|e| e.to_string())?,
            Err(error) => {
                tracing::warn!(outbox_id = m.id, attempts = m.attempts, %error, "an email could not be sent; it will be tried again");
                outbox::mark_failed(db, worker, m, &error).await.map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(claimed.len())
}

/// Sends the outbox for as long as the server runs.
pub fn spawn_worker(db: DatabaseConnection, mailer: Arc<Mailer>) {
    let worker = format!("{}-{:x}", std::process::id(), rand::random::<u32>());
    tokio::spawn(async move {
        loop {
            match deliver_once(&db, &mailer, &worker).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "the outbox could not be read"),
            }
            tokio::time::sleep(IDLE).await;
        }
    });
}

pub mod compose;
