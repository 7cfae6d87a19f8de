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
use tokio::task::JoinHandle;

use crate::shutdown::Stop;

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

/// Sends the outbox for as long as the server runs. When the server stops, it sends what is
/// due one last time (until nothing due is left), then ends.
pub fn spawn_worker(db: DatabaseConnection, mailer: Arc<Mailer>, mut stop: Stop) -> JoinHandle<()> {
    let worker = format!("{}-{:x}", std::process::id(), rand::random::<u32>());
    tokio::spawn(async move {
        loop {
            // read before the round: a round begun after the stop is the last, once nothing is due
            let stopping = stop.stopping();
            match deliver_once(&db, &mailer, &worker).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "the outbox could not be read"),
            }
            if stopping {
                break;
            }
            stop.sleep(IDLE).await;
        }
    })
}

pub mod compose;
pub mod notices;

/// How often notifications are turned into emails (those due at once, and the digests once
/// their hour has passed).
const NOTIFY_EVERY: Duration = Duration::from_secs(30);
/// The notifications due at once queued per round.
const NOTIFY_BATCH: u64 = 200;

/// The hour (UTC) after which each day's digest is gathered (`DIGEST_HOUR`, default 6).
pub fn digest_hour() -> u32 {
    std::env::var("DIGEST_HOUR").ok().and_then(|v| v.parse().ok()).filter(|h| *h < 24).unwrap_or(6)
}

/// Runs for the life of the server: queues the emails notifications call for. Several
/// instances may run it at once: each notification is claimed and marked in the transaction
/// that queues its email.
pub fn spawn_notifier(db: DatabaseConnection, public_url: String, mut stop: Stop) -> JoinHandle<()> {
    tokio::spawn(async move {
        let compose = move |e: domain::services::notifications::Emailed<'_>| notices::compose(&public_url, e);
        while !stop.stopping() {
            let now = chrono::Utc::now();
            if let Err(e) = domain::services::notifications::take_immediate(&db, now, NOTIFY_BATCH, &compose).await {
                tracing::warn!(error = %e, "notifications could not be emailed");
            }
            let cutoff = domain::services::notifications::digest_cutoff(now, digest_hour());
            if let Err(e) = domain::services::notifications::take_digests(&db, cutoff, now, &compose).await {
                tracing::warn!(error = %e, "the daily digests could not be gathered");
            }
            stop.sleep(NOTIFY_EVERY).await;
        }
    })
}
