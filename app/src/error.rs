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

impl AppError {
    /// The refusal's title and message in the reader's language: the error page shows both,
    /// the API answers with the message (in English).
    pub fn words(&self, l: crate::i18n::Locale) -> (String, String) {
        use crate::i18n::td_string;
        use crate::text;
        match self {
            AppError::NotFound(what) => (
                td_string!(l, errors.not_found_title).to_string(),
                td_string!(l, errors.not_found, what = text::what(l, *what)).to_string(),
            ),
            AppError::BadRequest(invalid) => {
                (td_string!(l, errors.bad_request_title).to_string(), text::invalid(l, invalid))
            }
            AppError::Conflict => {
                (td_string!(l, errors.conflict_title).to_string(), td_string!(l, errors.conflict).to_string())
            }
            AppError::Forbidden => {
                (td_string!(l, errors.forbidden_title).to_string(), td_string!(l, errors.forbidden).to_string())
            }
            AppError::SignInRequired => {
                (td_string!(l, errors.sign_in_title).to_string(), td_string!(l, errors.sign_in).to_string())
            }
            AppError::Unavailable => {
                (td_string!(l, errors.unavailable_title).to_string(), td_string!(l, errors.unavailable).to_string())
            }
            AppError::TooManyRequests => {
                (td_string!(l, errors.too_many_title).to_string(), td_string!(l, errors.too_many).to_string())
            }
            AppError::Internal | AppError::ServerFn(_) => {
                (td_string!(l, errors.internal_title).to_string(), td_string!(l, errors.internal).to_string())
            }
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
impl AppError {
    /// A refusal, as the person asking is told it: sign in first when nobody is signed in,
    /// not allowed when someone is. The one place that tells 401 from 403.
    pub fn refusal(signed_in: bool) -> AppError {
        if signed_in {
            AppError::Forbidden
        } else {
            AppError::SignInRequired
        }
    }

    /// A domain failure as the person asking (`signed_in` or not) is told it.
    pub fn from_domain(e: domain::DomainError, signed_in: bool) -> AppError {
        match e {
            domain::DomainError::Forbidden => AppError::refusal(signed_in),
            other => AppError::from(other),
        }
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
            // Inside a server function, the request says who asks (outside one, nobody).
            D::Forbidden => AppError::refusal(crate::auth::request_user().account.is_some()),
            D::RateLimited { .. } => AppError::TooManyRequests,
            D::Corrupt(_) | D::Db(_) => {
                tracing::error!(error = %e, "request failed");
                AppError::Internal
            }
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
