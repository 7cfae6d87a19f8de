//! The state-changing endpoints: HTML forms posted to the page they are on. Each handler reads
//! the form, calls the domain as the signed-in person, and answers with a redirect (done) or
//! the same page rendered again with the errors and what was typed (refused).
pub mod account;
pub mod accounts;
pub mod comments;
pub mod consultations;
pub mod drafts;
pub mod following;
pub mod password;
pub mod phases;
pub mod record;
pub mod submit;

use app::forms::{FormState, Notice};
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::types::{FormValues, Invalid};
use leptos::prelude::provide_context;

use crate::state::AppState;

/// Forms are small; anything larger is refused before parsing (413).
pub const MAX_FORM_BYTES: usize = 64 * 1024;
/// A draft's form carries its whole text (at most `draft_text::MAX_TEXT_BYTES`, which the
/// domain refuses with a clear message), pasted (urlencoded) or uploaded (multipart).
pub const MAX_UPLOAD_BYTES: usize = 4 * 1024 * 1024;

fn too_large() -> Response {
    (StatusCode::PAYLOAD_TOO_LARGE, "the form is too large").into_response()
}

fn unreadable() -> Response {
    (StatusCode::BAD_REQUEST, "the form could not be read").into_response()
}

/// Splits the request and decodes its body, urlencoded or multipart (an uploaded file becomes
/// the value of its field; a file that is not UTF-8 text is replaced by a marker the form's
/// parser reports, `<field>.not_text`).
pub async fn read_form(req: Request, max_bytes: usize) -> Result<(Parts, FormValues), Response> {
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, max_bytes).await.map_err(|_| too_large())?;
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let pairs: Vec<(String, String)> = if content_type.starts_with("multipart/form-data") {
        read_multipart(content_type, bytes).await?
    } else {
        serde_urlencoded::from_bytes(&bytes).map_err(|_| unreadable())?
    };
    // No database text can hold a NUL character (PostgreSQL refuses it), and no one types one.
    if pairs.iter().any(|(k, v)| k.contains('\0') || v.contains('\0')) {
        return Err(unreadable());
    }
    Ok((parts, FormValues(pairs)))
}

async fn read_multipart(content_type: &str, bytes: axum::body::Bytes) -> Result<Vec<(String, String)>, Response> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| unreadable())?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut pairs = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        let Some(name) = field.name().map(str::to_string) else { continue };
        let is_file = field.file_name().is_some();
        let data = field.bytes().await.map_err(|_| unreadable())?;
        match String::from_utf8(data.to_vec()) {
            Ok(text) => pairs.push((name, text)),
            Err(_) if is_file => pairs.push((format!("{name}.not_text"), String::new())),
            Err(_) => return Err(unreadable()),
        }
    }
    Ok(pairs)
}

/// 303 See Other to a path on this site.
pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = header::HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

/// Renders the page at the request's address again with `form` in context, answering `status`
/// (unless the page itself answered with an error status, such as 404).
pub async fn render_again(state: &AppState, mut parts: Parts, form: FormState, status: StatusCode) -> Response {
    let db = state.db.clone();
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(context_state.clone());
            provide_context(db.clone());
            provide_context(context_state.scorecard.clone());
            provide_context(form.clone());
            provide_context(app::auth::EmailSending(context_state.settings.mailer.is_some()));
        },
        move || app::shell(options.clone()),
    );
    parts.method = Method::GET;
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// The refusal for invalid fields: 422 with every field's reason.
pub async fn invalid(state: &AppState, parts: Parts, values: FormValues, errors: Vec<Invalid>) -> Response {
    let form = FormState { values: values.without_secrets(), errors, notice: Some(Notice::FixFields) };
    render_again(state, parts, form, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The refusal for a page-level reason (conflict, not signed in, ...).
pub async fn refused(
    state: &AppState,
    parts: Parts,
    values: FormValues,
    notice: Notice,
    status: StatusCode,
) -> Response {
    let form = FormState { values: values.without_secrets(), errors: Vec::new(), notice: Some(notice) };
    render_again(state, parts, form, status).await
}

fn signed_in(parts: &Parts) -> bool {
    parts.extensions.get::<app::auth::RequestUser>().is_some_and(|u| u.account.is_some())
}

/// Answers a domain failure of a form submission: the status from the app's one mapping
/// (`app::error`), the page again with its notice (or the field's reason).
pub async fn failed(state: &AppState, parts: Parts, values: FormValues, error: domain::DomainError) -> Response {
    use app::error::AppError as E;
    use domain::DomainError as D;
    match error {
        D::Invalid(invalid) => self::invalid(state, parts, values, vec![invalid]).await,
        D::RateLimited { max, minutes, retry_after_seconds } => {
            let mut response =
                refused(state, parts, values, Notice::TooManyComments { max, minutes }, StatusCode::TOO_MANY_REQUESTS)
                    .await;
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after_seconds));
            response
        }
        other => match E::from_domain(other, signed_in(&parts)) {
            e @ E::Conflict => refused(state, parts, values, Notice::Conflict, e.status()).await,
            e @ (E::Forbidden | E::SignInRequired) => {
                refused(state, parts, values, Notice::SignInRequired, e.status()).await
            }
            e @ E::NotFound(_) => render_again(state, parts, FormState::default(), e.status()).await,
            e => (e.status(), "the change could not be saved; nothing was changed").into_response(),
        },
    }
}
