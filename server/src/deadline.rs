//! Every request bounded in time: past `REQUEST_TIMEOUT_SECS` the request is dropped (a write
//! still waiting for its turn or a lock is rolled back, never half done) and the reader gets the
//! usual "try again in a moment" page, 503, in their language (JSON for the API).
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

pub async fn bound(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    let locale = crate::lang::request_locale(req.headers());
    let api = req.uri().path().starts_with("/api/");
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%method, %path, seconds = limit.as_secs_f64(), "a request ran out of time");
            crate::availability::unavailable(api, locale)
        }
    }
}
