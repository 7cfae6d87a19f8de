//! One log line per request (route template, method, status, duration, request id) and the
//! request metrics. The request id is the `X-Request-Id` the proxy sent (nginx's
//! `$request_id`), or one made here (tower-http's layers, in `router.rs`); it goes back to the
//! client in the same header, so a reader's report can be found in the log.
//!
//! Never logged: query strings, cookies, or the path of a matched route (invitation, reset and
//! unsubscribe links carry their token in the path; the route template names the page
//! without it).
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The header the id travels in, both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// The label of requests no route matched: static files, and addresses that name nothing.
const UNMATCHED: &str = "(unmatched)";

/// The longest request id kept from a proxy; a longer one is cut.
const MAX_ID_LEN: usize = 64;

pub async fn record(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req.extensions().get::<MatchedPath>().map(|p| template(p.as_str()));
    let method = req.method().clone();
    let id: String = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(MAX_ID_LEN).collect())
        .unwrap_or_default();
    // an unmatched address is named by its path (no query), static files under one label
    let unmatched_path = route.is_none().then(|| req.uri().path().to_owned());
    let response = next.run(req).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let label = match (&route, &unmatched_path) {
        (Some(route), _) => route.as_str(),
        (None, Some(path)) if path.starts_with("/pkg/") => "/pkg/:file",
        _ => UNMATCHED,
    };
    metrics::counter!(
        "http_requests_total",
        "route" => label.to_owned(),
        "method" => method.as_str().to_owned(),
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => label.to_owned(), "method" => method.as_str().to_owned())
        .record(elapsed.as_secs_f64());
    let ms = (elapsed.as_secs_f64() * 10_000.0).round() / 10.0;
    let path = unmatched_path.as_deref().unwrap_or(label);
    if matches!(label, "/healthz" | "/readyz") {
        // asked every few seconds by each balancer: only when the log is verbose
        tracing::debug!(target: "request", request_id = %id, %method, route = label, status, ms, "request");
    } else if status >= 500 {
        tracing::warn!(target: "request", request_id = %id, %method, route = label, path, status, ms, "request");
    } else {
        tracing::info!(target: "request", request_id = %id, %method, route = label, path, status, ms, "request");
    }
    response
}

/// A route as a label: axum's `{name}` parameters written `:name`, which every reader of the
/// text format takes without escaping (some parsers stop at a `}` inside a label).
fn template(route: &str) -> String {
    route.replace('{', ":").replace('}', "")
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_are_written_with_a_colon() {
        assert_eq!(super::template("/organisations/{slug}/edit"), "/organisations/:slug/edit");
        assert_eq!(super::template("/pkg/{*path}"), "/pkg/:*path");
        assert_eq!(super::template("/timeline"), "/timeline");
    }
}
