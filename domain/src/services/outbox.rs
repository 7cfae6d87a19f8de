//! The outbox: every email is first a row, written in the transaction of the change that
//! causes it (so a change that rolls back sends nothing, and one that commits cannot lose its
//! mail), then sent by a worker on any instance: it claims a few rows for a while (a lease,
//! `claimed_by` naming it), sends each, and marks it sent. A failed send is retried later and
//! later again (backoff); a worker that dies holding rows only delays them until its lease
//! ends. Two workers never hold the same row at once (PostgreSQL: `FOR UPDATE SKIP LOCKED`;
//! SQLite: one writer at a time). What no protocol can rule out is a crash between the SMTP
//! server's acceptance and the mark: that message is sent again, with the same `Message-ID`, by
//! which mail systems recognise a duplicate.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, FromQueryResult, Statement, Value};

use crate::error::DomainResult;

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address (`List-Unsubscribe`), if the message is one a person
    /// chose to receive.
    pub unsubscribe_url: Option<String>,
}

/// A claimed message, as the worker sends it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Outgoing {
    pub id: i64,
    pub message_id: String,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub unsubscribe_url: String,
    pub attempts: i32,
}

/// Attempts after which a message is left unsent (its last error kept).
pub const MAX_ATTEMPTS: i32 = 12;

fn statement<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = if backend == DatabaseBackend::Postgres {
        let mut n = 0;
        sql.chars()
            .map(|c| {
                if c == '?' {
                    n += 1;
                    format!("${n}")
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        sql.to_string()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// Writes a message to the outbox. Call it inside the change's transaction.
pub async fn enqueue<C: ConnectionTrait>(db: &C, mail: Mail) -> DomainResult<()> {
    let now = Utc::now();
    let message_id = format!("<{}@gcm-tracker>", super::tokens::new_token());
    db.execute_raw(statement(
        db,
        "INSERT INTO outbox (message_id, to_address, subject, text_body, html_body, unsubscribe_url, created_at, \
         next_attempt_at, attempts, claimed_by, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '', '')",
        vec![
            message_id.into(),
            mail.to.into(),
            mail.subject.into(),
            mail.text.into(),
            mail.html.into(),
            mail.unsubscribe_url.unwrap_or_default().into(),
            now.into(),
            now.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Claims up to `batch` messages due now for `lease`, as `worker`.
pub async fn claim(db: &DatabaseConnection, worker: &str, batch: u64, lease: Duration) -> DomainResult<Vec<Outgoing>> {
    let now = Utc::now();
    let until = now + lease;
    let due =
        "sent_at IS NULL AND attempts < ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)";
    let values = |first: Vec<Value>| -> Vec<Value> {
        let mut v = first;
        v.extend([MAX_ATTEMPTS.into(), now.into(), now.into()]);
        v
    };
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let sql = format!(
            "UPDATE outbox SET claimed_until = ?, claimed_by = ?, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE {due} ORDER BY id LIMIT {batch} FOR UPDATE SKIP LOCKED) \
             RETURNING id, message_id, to_address, subject, text_body, html_body, unsubscribe_url, attempts"
        );
        let stmt = statement(db, &sql, values(vec![until.into(), worker.into()]));
        return Ok(Outgoing::find_by_statement(stmt).all(db).await?);
    }
    // SQLite: the transaction holds the write lock from its first statement, so no other
    // worker claims between the choice and the update.
    let txn = crate::db::begin_write(db).await?;
    let sql = format!(
        "UPDATE outbox SET claimed_until = ?, claimed_by = ?, attempts = attempts + 1 WHERE id IN \
         (SELECT id FROM outbox WHERE {due} ORDER BY id LIMIT {batch}) \
         RETURNING id, message_id, to_address, subject, text_body, html_body, unsubscribe_url, attempts"
    );
    let stmt = statement(&txn, &sql, values(vec![until.into(), worker.into()]));
    let claimed = Outgoing::find_by_statement(stmt).all(&txn).await?;
    txn.commit().await?;
    Ok(claimed)
}

/// Marks a message sent, if `worker` still holds it.
pub async fn mark_sent(db: &DatabaseConnection, worker: &str, id: i64) -> DomainResult<()> {
    db.execute_raw(statement(
        db,
        "UPDATE outbox SET sent_at = ?, claimed_until = NULL, last_error = '' WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
        vec![Utc::now().into(), id.into(), worker.into()],
    ))
    .await?;
    Ok(())
}

/// How long after its `attempts`-th failure a message is tried again: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 7)).unwrap_or(0);
    Duration::seconds(30 * 2_i64.pow(doublings)).min(Duration::hours(1))
}

/// Releases a message that could not be sent, to be tried again after its backoff.
pub async fn mark_failed(db: &DatabaseConnection, worker: &str, m: &Outgoing, error: &str) -> DomainResult<()> {
    let next: DateTime<Utc> = Utc::now() + backoff(m.attempts);
    let error: String = error.chars().take(500).collect();
    db.execute_raw(statement(
        db,
        "UPDATE outbox SET claimed_until = NULL, next_attempt_at = ?, last_error = ? WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
        vec![next.into(), error.into(), m.id.into(), worker.into()],
    ))
    .await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

/// Messages not yet sent (the outbox's depth).
pub async fn depth<C: ConnectionTrait>(db: &C) -> DomainResult<u64> {
    let c = Count::find_by_statement(statement(db, "SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL", vec![]))
        .one(db)
        .await?;
    Ok(c.map_or(0, |c| u64::try_from(c.n).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(12), Duration::hours(1));
    }
}
