//! The API's answers: JSON bodies, and refusals as `{"error": "..."}` with the status and
//! wording of the app's one error mapping (`app::error`).
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::{DomainError, DomainResult};
use serde::Serialize;

/// A refusal: what was wrong, in words.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// What was wrong, naming the parameter or the item, in English.
    #[schema(example = "There is no draft of the compact at this address.")]
    pub error: String,
}

pub fn problem(status: StatusCode, message: String) -> Response {
    let body = serde_json::to_string(&ApiError { error: message }).unwrap_or_else(|_| "{}".into());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A domain refusal, mapped like every other (404 for an unknown item, 400 for a bad value...).
pub fn domain_problem(e: DomainError) -> Response {
    let error = app::error::AppError::from(e);
    problem(error.status(), error.words(app::i18n::Locale::en).1)
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "could not write JSON".into()),
    }
}

/// A domain result as JSON, or its refusal.
pub fn answer<T: Serialize>(result: DomainResult<T>) -> Response {
    match result {
        Ok(value) => json(&value),
        Err(e) => domain_problem(e),
    }
}
