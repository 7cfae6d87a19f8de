//! Sessions and sign-in: tower-sessions with the database store, axum-login over the
//! tracker's accounts, and the middleware that tells the pages who is asking.
mod backend;
mod middleware;
mod store;

use std::time::Duration;

pub use backend::{AuthSession, Backend, Credentials, SignedIn};
pub use middleware::{request_user, SESSION_COOKIE};
pub use store::DbSessionStore;

use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder};
use sea_orm::DatabaseConnection;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Sessions end after this long without a request.
pub const IDLE_HOURS: i64 = 12;

/// The session and authentication layers. `secure` sets the cookie's Secure flag (on in
/// production behind HTTPS; off only for plain-HTTP development on localhost).
pub fn layer(db: DatabaseConnection, secure: bool) -> AuthManagerLayer<Backend, DbSessionStore> {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(IDLE_HOURS)));
    AuthManagerLayerBuilder::new(Backend::new(db), sessions).build()
}

/// Deletes expired sessions and old failed sign-ins every hour.
pub fn spawn_cleanup(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let now = chrono::Utc::now();
            if let Err(e) = domain::services::sessions::delete_expired(&db, now).await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
            if let Err(e) = domain::services::sign_in::prune(&db, now).await {
                tracing::warn!(error = %e, "could not prune failed sign-ins");
            }
        }
    });
}
