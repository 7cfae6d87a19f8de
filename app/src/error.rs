//! The one place where failures become HTTP statuses and user messages.
//!
//! Domain errors are mapped to [`AppError`] (serialisable, so it crosses the server-function
//! boundary), and [`AppError::status`] gives the status a page or endpoint answers with.
use domain::types::{EntityType, Invalid};
use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What can go wrong, as the user is told about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nothing of this kind at this address.
    #[error("no such {0}")]
    NotFound(EntityType),
    #[error("invalid input: {0}")]
    BadRequest(Invalid),
    #[error("conflicting edit")]
    Conflict,
    #[error("forbidden")]
    Forbidden,
    /// Only for signed-in people, and nobody is (or the session expired).
    #[error("sign-in required")]
    SignInRequired,
    #[error("database unavailable")]
    Unavailable,
    /// Too many actions of one kind lately (comment floods).
    #[error("too many requests")]
    TooManyRequests,
    #[error("internal error")]
    Internal,
    #[error("server function error: {0}")]
    ServerFn(ServerFnErrorErr),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal | AppError::ServerFn(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

impl From<Invalid> for AppError {
    fn from(value: Invalid) -> Self {
        AppError::BadRequest(value)
    }
}

#[cfg(feature = "ssr")]
impl From<domain::DomainError> for AppError {
    fn from(e: domain::DomainError) -> Self {
        use domain::DomainError as D;
        if e.is_unavailable() {
            tracing::warn!(error = %e, "database unavailable");
            return AppError::Unavailable;
        }
        match e {
            D::NotFound(what) => AppError::NotFound(what),
            D::Invalid(invalid) => AppError::BadRequest(invalid),
            D::Conflict { .. } => AppError::Conflict,
            D::Forbidden => AppError::Forbidden,
            D::RateLimited { .. } => AppError::TooManyRequests,
            D::Corrupt(_) | D::Db(_) => {
                tracing::error!(error = %e, "request failed");
                AppError::Internal
            }
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
