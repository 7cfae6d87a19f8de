//! `/healthz` and `/readyz`, for load balancers, orchestrators and monitors. Both sit outside
//! the page cache, the sessions and the database-away guard (`router.rs` adds them after those
//! layers), are never cached (`Cache-Control: no-store`), and answer within a bound.
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// How long `/readyz` waits for the database before saying it is not ready.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

fn plain(status: StatusCode, text: String) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store"), (header::CONTENT_TYPE, "text/plain; charset=utf-8")], text)
        .into_response()
}

/// GET /healthz: the process answers (it asks nothing of the database).
pub async fn healthz() -> Response {
    plain(StatusCode::OK, "ok\n".into())
}

/// GET /readyz: 200 when the database answers and its migrations are this build's; otherwise
/// 503 with the reason.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_TIMEOUT, domain::db::ready(&state.db)).await {
        Ok(Ok(())) => plain(StatusCode::OK, "ready\n".into()),
        Ok(Err(reason)) => plain(StatusCode::SERVICE_UNAVAILABLE, format!("not ready: {reason}\n")),
        Err(_) => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: the database did not answer within {} s\n", READY_TIMEOUT.as_secs()),
        ),
    }
}
