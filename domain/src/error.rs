//! The domain's errors. The web layer maps them to statuses and messages in one place
//! (`app::error`); nothing here knows about HTTP.
use sea_orm::DbErr;

use crate::types::{EntityType, Invalid};

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The thing asked for does not exist (or is not visible to the actor).
    #[error("no such {0}")]
    NotFound(EntityType),
    /// Input failed validation; names the field and the reason.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The record changed since it was read: the caller's version is stale.
    #[error("the record was changed by someone else (now at version {current_version})")]
    Conflict { current_version: i32 },
    /// The actor's role does not allow the operation.
    #[error("not allowed")]
    Forbidden,
    /// Too many actions of one kind by one account lately (comment floods).
    #[error("{max} in {minutes} minutes is the most allowed; try again in {retry_after_seconds} s")]
    RateLimited { max: u64, minutes: i64, retry_after_seconds: i64 },
    /// A value stored in the database is not one the domain knows (a corrupt or foreign row).
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub type DomainResult<T> = Result<T, DomainError>;

impl DomainError {
    /// Whether the database itself could not be reached (as opposed to a query that failed).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DomainError::Db(DbErr::Conn(_) | DbErr::ConnectionAcquire(_)))
    }
}

/// Parses a stored vocabulary value, reporting corrupt rows instead of panicking.
pub(crate) fn parse_stored<T: std::str::FromStr>(column: &str, value: &str) -> DomainResult<T> {
    value.parse::<T>().map_err(|_| DomainError::Corrupt(format!("{column} = {value:?}")))
}
