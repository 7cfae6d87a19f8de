//! Stopping gracefully. On SIGTERM (or Ctrl-C) the server stops accepting connections, lets the
//! requests in flight finish (within `SHUTDOWN_GRACE_SECS`, default 20), then lets the
//! background workers end their round: the outbox worker sends what is due (claimed, sent and
//! marked, so an email is never sent twice whoever sends it next) and the notifier stops
//! between rounds. Then the process exits.
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Tells the background workers to finish, and waits for them.
pub struct Background {
    stop: watch::Sender<bool>,
    tasks: Vec<(&'static str, JoinHandle<()>)>,
}

/// What a background worker watches: `stopping()` is true once the server is stopping.
#[derive(Clone)]
pub struct Stop(watch::Receiver<bool>);

impl Stop {
    pub fn stopping(&self) -> bool {
        *self.0.borrow()
    }

    /// Sleeps for `d`, or less if the server starts stopping meanwhile.
    pub async fn sleep(&mut self, d: Duration) {
        if self.stopping() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(d) => {}
            _ = self.0.changed() => {}
        }
    }
}

impl Default for Background {
    fn default() -> Self {
        Background { stop: watch::channel(false).0, tasks: Vec::new() }
    }
}

impl Background {
    /// The signal a new worker watches.
    pub fn stop_signal(&self) -> Stop {
        Stop(self.stop.subscribe())
    }

    /// Keeps a worker's handle, to wait for it when stopping.
    pub fn add(&mut self, name: &'static str, task: JoinHandle<()>) {
        self.tasks.push((name, task));
    }

    /// Tells every worker to finish and waits for them, `limit` at most in all.
    pub async fn finish(self, limit: Duration) {
        let _ = self.stop.send(true);
        let deadline = tokio::time::Instant::now() + limit;
        for (name, task) in self.tasks {
            match tokio::time::timeout_at(deadline, task).await {
                Ok(Ok(())) => tracing::info!(worker = name, "background worker finished"),
                Ok(Err(e)) => tracing::warn!(worker = name, error = %e, "background worker failed"),
                Err(_) => {
                    tracing::warn!(worker = name, "background worker did not finish in time: left to the next start")
                }
            }
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C (SIGINT).
pub async fn signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("Ctrl-C: stopping"),
        _ = term => tracing::info!("SIGTERM: stopping"),
    }
}
