//! The HTTP listener: hyper's connection builder with every connection bounded, and the
//! graceful stop. `axum::serve` sets no limits of its own, so the server accepts here:
//!
//! - at most `max_connections` connections at once (`MAX_CONNECTIONS`, default 1024); past
//!   that, new ones wait in the kernel's queue until one closes;
//! - a request's headers must arrive within `header_timeout` (`HEADER_TIMEOUT_SECS`, 10) and
//!   fit in `max_header_bytes` (32 KiB; larger: 431);
//! - a connection on which the client sends nothing for `idle_timeout` (`IDLE_TIMEOUT_SECS`, 75:
//!   above the request timeout, so a request being answered is never cut for it), or does not
//!   read the answer for `write_timeout` (30 s), is closed;
//! - the request itself is bounded by `REQUEST_TIMEOUT_SECS` (`deadline.rs`).
//!
//! On the stop signal the listener closes at once, idle connections are closed, and requests in
//! flight get `grace` to finish.
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

/// The bounds every connection is held to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub write_timeout: Duration,
    pub max_header_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(75),
            write_timeout: Duration::from_secs(30),
            max_header_bytes: 32 * 1024,
        }
    }
}

/// How the listener ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection finished within the grace period.
    Drained,
    /// Connections were still open when the grace period ended (they are dropped).
    Cut,
}

/// Serves `app` on `listener` until `stop` resolves, then drains within `grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
    grace: Duration,
) -> Stopped {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192));
    builder
        .http2()
        .timer(TokioTimer::new())
        .max_header_list_size(u32::try_from(limits.max_header_bytes).unwrap_or(u32::MAX));
    let builder = Arc::new(builder);
    let mut stop = std::pin::pin!(stop);
    loop {
        let slot = tokio::select! {
            biased;
            () = &mut stop => break,
            // never closed: the semaphore lives as long as this loop
            slot = slots.clone().acquire_owned() => match slot { Ok(slot) => slot, Err(_) => break },
        };
        let (stream, addr) = tokio::select! {
            biased;
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // out of file descriptors, or a connection reset before it was accepted
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let mut io = TimeoutStream::new(stream);
        io.set_read_timeout(Some(limits.idle_timeout));
        io.set_write_timeout(Some(limits.write_timeout));
        let service = app.clone().map_request(move |mut req: axum::http::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(addr));
            req
        });
        let builder = builder.clone();
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(Box::pin(io)), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "a connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    match tokio::time::timeout(grace, graceful.shutdown()).await {
        Ok(()) => Stopped::Drained,
        Err(_) => Stopped::Cut,
    }
}
