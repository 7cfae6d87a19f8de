//! The HTTP router: the Leptos pages and server functions (with the database in their
//! context), the state-changing form endpoints, the feeds, the language switch, static files;
//! around them sessions, the origin check, body limits and the security headers.
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use http::HeaderName;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use domain::services::scorecard::ScorecardCache;

use crate::availability;
use crate::config::Settings;
use crate::invalidation::{self, Invalidation};
use crate::page_cache::{self, PageCache};
use crate::shutdown::Background;
use crate::state::AppState;
use crate::{actions, api, auth, csrf, feeds, forms, health, lang, request_log, security};

/// What `build_all` makes: the application, the metrics' router (for a listener of its own),
/// and the background workers to stop when the server stops.
pub struct Built {
    pub app: Router,
    pub metrics: Router,
    pub background: Background,
}

/// The application alone (the tests' entry).
pub fn build(leptos_options: LeptosOptions, db: DatabaseConnection, settings: Settings) -> Router {
    build_all(leptos_options, db, settings).app
}

/// Builds the whole application around an open, migrated database, and starts listening for
/// the changes other instances commit (so call it inside the Tokio runtime).
pub fn build_all(leptos_options: LeptosOptions, db: DatabaseConnection, settings: Settings) -> Built {
    let secure = settings.secure_cookies;
    let scorecard: Arc<ScorecardCache> = Arc::default();
    let invalidation = Arc::new(Invalidation::new(scorecard.clone()));
    let budget = settings.page_cache_mb.saturating_mul(1024 * 1024);
    let wait = std::time::Duration::from_millis(settings.render_wait_ms);
    let state = AppState {
        leptos_options,
        db,
        settings: Arc::new(settings),
        scorecard,
        pages: Arc::new(PageCache::new(budget, wait, invalidation.clone())),
        invalidation,
        availability: Arc::default(),
    };
    tokio::spawn(invalidation::listen(state.db.clone(), state.invalidation.clone()));
    let mut background = Background::default();
    if let Some(mailer) = &state.settings.mailer {
        let worker = crate::mail::spawn_worker(state.db.clone(), Arc::new(mailer.clone()), background.stop_signal());
        background.add("outbox", worker);
        let notifier =
            crate::mail::spawn_notifier(state.db.clone(), state.settings.public_url.clone(), background.stop_signal());
        background.add("notifier", notifier);
    }
    let metrics =
        crate::metrics::router(crate::metrics::Sources { db: state.db.clone(), scorecard: state.scorecard.clone() });
    let email = app::auth::EmailSending(state.settings.mailer.is_some());
    let routes = generate_route_list(app::App);
    let context_db = state.db.clone();
    let fallback_db = state.db.clone();
    let context_cache = state.scorecard.clone();
    let fallback_cache = state.scorecard.clone();
    let shell_options = state.leptos_options.clone();
    // Pages and server functions take small bodies; the form endpoints set their own limits.
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_db.clone());
                provide_context(context_cache.clone());
                provide_context(email);
            },
            move || app::shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || {
                provide_context(fallback_db.clone());
                provide_context(fallback_cache.clone());
                provide_context(email);
            },
            app::shell,
        ))
        .layer(RequestBodyLimitLayer::new(forms::MAX_FORM_BYTES));
    let mut router = Router::new()
        .route("/lang/{code}", get(lang::switch))
        .route("/feed.atom", get(feeds::atom))
        .route("/calendar.ics", get(feeds::calendar))
        .merge(api::routes())
        .merge(actions::routes())
        .merge(pages)
        .layer(axum::middleware::from_fn_with_state(state.invalidation.clone(), invalidation::after_writes))
        .layer(axum::middleware::from_fn(auth::request_user))
        .layer(auth::layer(state.db.clone(), secure))
        .layer(axum::middleware::from_fn_with_state(
            (state.availability.clone(), state.db.clone()),
            availability::guard,
        ))
        .layer(axum::middleware::from_fn(csrf::check_origin))
        .layer(axum::middleware::from_fn(security::refuse_nul))
        .layer(DefaultBodyLimit::max(forms::MAX_FORM_BYTES))
        // Outside the session, sign-in and availability layers: a kept page is answered
        // without them (it is only kept for, and only served to, requests without a session
        // cookie; while the database is away the listener has stopped, and no kept page is
        // fresh).
        .layer(axum::middleware::from_fn_with_state(state.pages.clone(), page_cache::serve))
        .layer(axum::middleware::from_fn_with_state(state.settings.request_timeout, crate::deadline::bound))
        .layer(CompressionLayer::new())
        // after the layers above: never kept, never refused while the database is away (that is
        // what they report), no session read
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        // one log line and the metrics per request, with its id (the proxy's, or a new one)
        .layer(axum::middleware::from_fn(request_log::record))
        .layer(PropagateRequestIdLayer::new(HeaderName::from_static(request_log::REQUEST_ID)))
        .layer(SetRequestIdLayer::new(HeaderName::from_static(request_log::REQUEST_ID), MakeRequestUuid));
    for layer in security::layers() {
        router = router.layer(layer);
    }
    Built { app: router.with_state(state), metrics, background }
}
