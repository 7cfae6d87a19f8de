//! The HTTP router: the Leptos pages and server functions (with the database in their
//! context), the language switch, static files, and the security headers.
use axum::extract::FromRef;
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;

use crate::{lang, security};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
}

/// Builds the whole application around an open, migrated database.
pub fn build(leptos_options: LeptosOptions, db: DatabaseConnection) -> Router {
    let state = AppState { leptos_options, db };
    let routes = generate_route_list(app::App);
    let context_db = state.db.clone();
    let fallback_db = state.db.clone();
    let shell_options = state.leptos_options.clone();
    let mut router = Router::new()
        .route("/lang/{code}", get(lang::switch))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_db.clone()),
            move || app::shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || provide_context(fallback_db.clone()),
            app::shell,
        ))
        .layer(CompressionLayer::new());
    for layer in security::layers() {
        router = router.layer(layer);
    }
    router.with_state(state)
}
