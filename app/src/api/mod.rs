//! Server functions: thin wrappers that take the database from the request context, call
//! the domain, and convert its errors. One file per area.
pub mod account;
pub mod admin;
pub mod drafts;
pub mod elements;
pub mod notifications;
pub mod organisations;
pub mod positions;
pub mod record_editors;
pub mod scorecard;
pub mod search;
pub mod timeline;
pub mod timeline_editors;

#[cfg(feature = "ssr")]
pub(crate) fn db() -> Result<sea_orm::DatabaseConnection, crate::error::AppError> {
    leptos::prelude::use_context::<sea_orm::DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database connection in the request context");
        crate::error::AppError::Internal
    })
}
