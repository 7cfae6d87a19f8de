//! Serving while the database is away. Once a request finds the database unreachable, every
//! request is answered at once with 503 and a "temporarily unavailable" page (JSON under
//! `/api/`) instead of each waiting for the connection pool's timeouts; one request a second
//! probes the database, and the first probe that succeeds lets requests through again, so the
//! server recovers by itself when the database comes back. Static files are served throughout.
use std::sync::Mutex;
use std::time::{Duration, Instant};

use app::i18n::td_string;
use app::i18n::Locale;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;

/// How often a request may probe the database while it is away.
const PROBE_EVERY: Duration = Duration::from_secs(1);
/// How long a probe waits for the database.
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Availability {
    state: Mutex<Health>,
}

#[derive(Default)]
struct Health {
    down: bool,
    last_probe: Option<Instant>,
}

impl Availability {
    /// Whether the database is known to be away; if so, whether this caller should probe it.
    fn check(&self) -> Option<bool> {
        let mut health = self.state.lock().ok()?;
        if !health.down {
            return None;
        }
        let due = health.last_probe.is_none_or(|at| at.elapsed() >= PROBE_EVERY);
        if due {
            health.last_probe = Some(Instant::now());
        }
        Some(due)
    }

    fn set_down(&self, down: bool) {
        if let Ok(mut health) = self.state.lock() {
            if down && !health.down {
                tracing::warn!("the database cannot be reached: answering 503 until it is back");
            } else if !down && health.down {
                tracing::warn!("the database is back");
            }
            health.down = down;
            health.last_probe = Some(Instant::now());
        }
    }
}

async fn reachable(db: &DatabaseConnection) -> bool {
    matches!(tokio::time::timeout(PROBE_TIMEOUT, db.ping()).await, Ok(Ok(())))
}

/// The middleware: see the module's documentation.
pub async fn guard(
    State((availability, db)): State<(std::sync::Arc<Availability>, DatabaseConnection)>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    if path.starts_with("/pkg/") || path.starts_with("/favicon") {
        return next.run(req).await;
    }
    let api = path.starts_with("/api/");
    let locale = crate::lang::request_locale(req.headers());
    match availability.check() {
        Some(false) => return unavailable(api, locale),
        Some(true) => {
            if !reachable(&db).await {
                return unavailable(api, locale);
            }
            availability.set_down(false);
        }
        None => {}
    }
    let response = next.run(req).await;
    // A failure may be the database going away: if it does not answer a probe, say so (a 500
    // from a layer that could not reach it becomes the 503 it is), and answer the next
    // requests at once.
    if matches!(response.status(), StatusCode::INTERNAL_SERVER_ERROR | StatusCode::SERVICE_UNAVAILABLE)
        && !reachable(&db).await
    {
        availability.set_down(true);
        return unavailable(api, locale);
    }
    response
}

pub(crate) fn unavailable(api: bool, l: Locale) -> Response {
    let title = td_string!(l, errors.unavailable_title);
    let message = td_string!(l, errors.unavailable);
    let mut response = if api {
        crate::api::respond::problem(StatusCode::SERVICE_UNAVAILABLE, "database unavailable".to_string())
    } else {
        let lang = l.to_string();
        let body = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
             <link rel=\"stylesheet\" href=\"/pkg/gcm-tracker.css\"></head><body><main id=\"main\">\
             <section class=\"error\" aria-labelledby=\"error-title\"><h1 id=\"error-title\">{title}</h1>\
             <p>{message}</p></section></main></body></html>"
        );
        (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
