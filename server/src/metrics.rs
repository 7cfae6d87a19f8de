//! Metrics in Prometheus' text format, served at `/metrics` on a listener of their own
//! (`METRICS_ADDR`, off by default), never on the public one: request counts and latencies by
//! route template (recorded by `request_log`), the page cache's and the scorecard cache's hits
//! and misses, the database pool's use, the outbox's depth, and refused sign-ins.
//!
//! The `metrics` crate is the facade every counter goes through; its Prometheus exporter keeps
//! them and writes the text. What is a level rather than a count (pool use, outbox depth) is
//! read when the metrics are asked for.
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::DatabaseConnection;

use domain::services::scorecard::ScorecardCache;

/// Latency buckets, in seconds: from a kept page (a millisecond) to the request timeout.
const SECONDS_BUCKETS: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// How long a scrape waits for the outbox's count before leaving it out.
const DEPTH_TIMEOUT: Duration = Duration::from_secs(2);

/// The process's recorder, installed on first use. A process has one: the router tests build
/// several routers in one process, and they share it.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        let builder = match builder.set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &SECONDS_BUCKETS) {
            Ok(with_buckets) => with_buckets,
            // only refused for an empty list of buckets; summaries then, rather than nothing
            Err(_) => PrometheusBuilder::new(),
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder was installed first: /metrics will stay empty");
        }
        describe();
        handle
    })
}

/// Each metric's help text, written once.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!("http_requests_total", "Requests answered, by route template, method and status.");
    describe_histogram!(
        "http_request_duration_seconds",
        Unit::Seconds,
        "Time from a request's arrival to its answer's headers, by route template and method."
    );
    describe_counter!("page_cache_requests_total", "Cacheable page requests, by outcome (hit, stale, miss).");
    describe_counter!("scorecard_cache_hits_total", "Scorecard views read from memory.");
    describe_counter!("scorecard_cache_misses_total", "Scorecard views computed from the database.");
    describe_gauge!("db_pool_connections", "The database pool's connections, by state (idle, in_use).");
    describe_gauge!("db_pool_max_connections", "The most connections the pool may open.");
    describe_gauge!("outbox_depth", "Emails written to the outbox and not yet sent.");
    describe_counter!("sign_in_refusals_total", "Refused sign-ins, by reason (wrong_credentials, too_many_attempts).");
}

/// What a scrape reads besides the recorded counters.
#[derive(Clone)]
pub struct Sources {
    pub db: DatabaseConnection,
    pub scorecard: Arc<ScorecardCache>,
}

/// The `/metrics` router, for the metrics listener.
pub fn router(sources: Sources) -> Router {
    // installed now, so that what is recorded before the first scrape is kept
    handle();
    Router::new().route("/metrics", get(render)).with_state(sources)
}

/// GET /metrics
async fn render(State(sources): State<Sources>) -> Response {
    sample(&sources).await;
    let handle = handle();
    handle.run_upkeep();
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        handle.render(),
    )
        .into_response()
}

/// Reads the levels: the pool's use, the outbox's depth, the scorecard cache's counts.
async fn sample(sources: &Sources) {
    if let Some(pool) = domain::db::pool_use(&sources.db) {
        let in_use = pool.open.saturating_sub(pool.idle);
        metrics::gauge!("db_pool_connections", "state" => "idle").set(f64::from(pool.idle));
        metrics::gauge!("db_pool_connections", "state" => "in_use").set(f64::from(in_use));
        metrics::gauge!("db_pool_max_connections").set(f64::from(pool.max));
    }
    match tokio::time::timeout(DEPTH_TIMEOUT, domain::services::outbox::depth(&sources.db)).await {
        Ok(Ok(depth)) => metrics::gauge!("outbox_depth").set(depth as f64),
        Ok(Err(e)) => tracing::warn!(error = %e, "the outbox's depth could not be read"),
        Err(_) => tracing::warn!("the outbox's depth was not read in time"),
    }
    let counts = sources.scorecard.counts();
    metrics::counter!("scorecard_cache_hits_total").absolute(counts.hits);
    metrics::counter!("scorecard_cache_misses_total").absolute(counts.misses);
}

/// Counts a refused sign-in.
pub fn sign_in_refused(reason: &'static str) {
    metrics::counter!("sign_in_refusals_total", "reason" => reason).increment(1);
}

/// Counts how the page cache answered a cacheable request: "hit", "stale" or "miss".
pub fn page_cache(outcome: &'static str) {
    metrics::counter!("page_cache_requests_total", "outcome" => outcome).increment(1);
}
