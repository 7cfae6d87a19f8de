//! `/metrics` (Prometheus' text format, on the metrics listener's router) and the request id.
use std::collections::HashMap;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use prometheus_parse::{Sample, Scrape, Value};
use tower::ServiceExt;

use crate::common::{app, get, sign_in_from};

/// The metrics as a Prometheus server would read them.
async fn scrape(metrics: &axum::Router) -> Scrape {
    let (status, headers, body) = get(metrics, "/metrics", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    Scrape::parse(body.lines().map(|l| Ok(l.to_string()))).expect("the Prometheus text format")
}

fn labels(s: &Sample) -> HashMap<String, String> {
    s.labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// The value of the counter or gauge `name` whose labels include `wanted` (0 if none).
fn value(scrape: &Scrape, name: &str, wanted: &[(&str, &str)]) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .filter(|s| {
            let l = labels(s);
            wanted.iter().all(|(k, v)| l.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| match s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

pub async fn metrics_count_requests_by_route_and_parse_as_prometheus_text() {
    let t = app().await;
    let built = crate::common::built(&t);
    let (router, metrics) = (built.app, built.metrics);
    let before = scrape(&metrics).await;

    for path in [
        "/organisations/picum",
        "/organisations/picum",
        "/organisations/no-such-organisation",
        "/scorecard",
        "/scorecard",
    ] {
        get(&router, path, None).await;
    }
    let (status, _) = sign_in_from(&router, "nobody@example.org", "a wrong guess", [10, 1, 2, 3]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let after = scrape(&metrics).await;
    let delta = |name: &str, labels: &[(&str, &str)]| value(&after, name, labels) - value(&before, name, labels);

    // by route template (parameters as `:name`), never by address: the slug is in no label
    let route = [("route", "/organisations/:slug"), ("method", "GET")];
    assert_eq!(delta("http_requests_total", &[route[0], route[1], ("status", "200")]), 2.0);
    assert_eq!(delta("http_requests_total", &[route[0], route[1], ("status", "404")]), 1.0);
    assert!(after.samples.iter().all(|s| !labels(s).values().any(|v| v.contains("picum"))), "an address in a label");
    // a latency histogram per route, with its buckets
    let histogram = after
        .samples
        .iter()
        .find(|s| {
            s.metric == "http_request_duration_seconds"
                && labels(s).get("route").map(String::as_str) == Some("/organisations/:slug")
        })
        .expect("the latency histogram of the organisation page");
    match &histogram.value {
        Value::Histogram(buckets) => {
            assert!(buckets.len() >= 10, "{buckets:?}");
            let all = buckets.iter().map(|b| b.count).fold(0.0, f64::max);
            assert!(all >= 3.0, "three requests counted: {buckets:?}");
        }
        other => panic!("not a histogram: {other:?}"),
    }
    // the second anonymous read of a page is the page cache's
    assert!(delta("page_cache_requests_total", &[("outcome", "hit")]) >= 1.0);
    assert!(delta("page_cache_requests_total", &[("outcome", "miss")]) >= 1.0);
    assert_eq!(delta("sign_in_refusals_total", &[("reason", "wrong_credentials")]), 1.0);
    // levels read at the scrape
    assert_eq!(value(&after, "outbox_depth", &[]), 0.0);
    assert!(value(&after, "db_pool_max_connections", &[]) >= 1.0);
    assert!(after.samples.iter().any(|s| s.metric == "db_pool_connections"), "the pool's use");
    assert!(after.samples.iter().any(|s| s.metric == "scorecard_cache_misses_total"), "the scorecard cache");

    // never on the public listener
    let (status, _, _) = get(&router, "/metrics", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

pub async fn every_answer_carries_a_request_id() {
    let t = app().await;
    let (_, headers, _) = get(&t.router, "/timeline", None).await;
    let made = headers.get("x-request-id").and_then(|v| v.to_str().ok()).expect("a request id").to_string();
    assert_eq!(made.len(), 36, "a UUID: {made}");
    let (_, again, _) = get(&t.router, "/timeline", None).await;
    assert_ne!(again.get("x-request-id").and_then(|v| v.to_str().ok()), Some(made.as_str()), "one per request");

    // the proxy's id is kept, so its log and ours name the same request
    let req =
        Request::builder().uri("/healthz").header("x-request-id", "nginx-4f2a").body(Body::empty()).expect("request");
    let response = t.router.clone().oneshot(req).await.expect("response");
    assert_eq!(response.headers().get("x-request-id").and_then(|v| v.to_str().ok()), Some("nginx-4f2a"));
}
