//! What every request handler shares: the database, the settings, and the instance's caches
//! (each an `Arc`, so cloning the state per request is cheap). The servers keep no other state:
//! several instances share one database.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use domain::services::scorecard::ScorecardCache;

use crate::availability::Availability;
use crate::config::Settings;
use crate::invalidation::Invalidation;
use crate::page_cache::PageCache;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// The scorecard's computed views, kept until a change to the scores.
    pub scorecard: Arc<ScorecardCache>,
    /// When each topic of the public pages last changed (see `invalidation`).
    pub invalidation: Arc<Invalidation>,
    /// Rendered public pages, feeds and exports for anonymous readers, kept until a change
    /// touches them.
    pub pages: Arc<PageCache>,
    /// Whether the database is known to be away (requests are then answered 503 at once).
    pub availability: Arc<Availability>,
}
