//! How an instance learns of the changes other instances commit. PostgreSQL: LISTEN on the
//! channel the changes are announced on (`pg_notify` in each change's transaction, delivered at
//! commit). SQLite: the change log, read every few milliseconds (instances sharing one SQLite
//! file run on one machine). Pages are kept only while the instance listens; whatever happened
//! while it could not (a lost connection) makes every kept page out of date. Old log entries
//! are pruned.
use std::sync::Arc;
use std::time::Duration;

use domain::services::changes::{self, CHANNEL};
use sea_orm::{DatabaseBackend, DatabaseConnection};

use super::Invalidation;

/// How often SQLite's change log is read.
const POLL: Duration = Duration::from_millis(20);
/// How often old log entries are removed, and how long they are kept.
const PRUNE_EVERY: Duration = Duration::from_secs(600);
const KEEP_HOURS: i64 = 24;
/// The wait before listening again after a lost connection.
const RETRY: Duration = Duration::from_secs(1);

/// Runs for the life of the server (spawn it).
pub async fn listen(db: DatabaseConnection, invalidation: Arc<Invalidation>) {
    let pruner = tokio::spawn(prune(db.clone()));
    match db.get_database_backend() {
        DatabaseBackend::Postgres => notifications(&db, &invalidation).await,
        _ => poll(&db, &invalidation).await,
    }
    pruner.abort();
}

async fn notifications(db: &DatabaseConnection, invalidation: &Invalidation) {
    use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
    // a connection of its own, outside the pool the requests share
    let options = (*db.get_postgres_connection_pool().connect_options()).clone();
    let own =
        PgPoolOptions::new().max_connections(1).acquire_timeout(Duration::from_secs(3)).connect_lazy_with(options);
    loop {
        match PgListener::connect_with(&own).await {
            Ok(mut listener) => {
                // A lost connection is said at once (`None` below): reconnecting first, sqlx's
                // default, would keep pages served as fresh for the reconnection's whole timeout.
                listener.eager_reconnect(false);
                match listener.listen(CHANNEL).await {
                    Ok(()) => {
                        invalidation.set_listening(true);
                        // `None`: the connection was lost (notifications may have been missed)
                        while let Ok(Some(n)) = listener.try_recv().await {
                            let topics: Vec<&str> = n.payload().split(' ').filter(|t| !t.is_empty()).collect();
                            invalidation.heard(&topics);
                        }
                        tracing::warn!("the database's change notifications were interrupted; listening again");
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot listen for the database's change notifications"),
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect to listen for the database's change notifications"),
        }
        invalidation.set_listening(false);
        tokio::time::sleep(RETRY).await;
    }
}

async fn poll(db: &DatabaseConnection, invalidation: &Invalidation) {
    let mut last = loop {
        match changes::latest(db).await {
            Ok(id) => break id,
            Err(_) => tokio::time::sleep(RETRY).await,
        }
    };
    invalidation.set_listening(true);
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Ok(entries) = changes::since(db, last).await {
            for (id, topics) in entries {
                invalidation.heard(&topics);
                last = id;
            }
        }
    }
}

async fn prune(db: DatabaseConnection) {
    loop {
        tokio::time::sleep(PRUNE_EVERY).await;
        if let Err(e) = changes::prune(&db, chrono::Duration::hours(KEEP_HOURS)).await {
            tracing::warn!(error = %e, "the change log could not be pruned");
        }
    }
}
