//! The one shape of every form endpoint: read the form, build the audit of who sends it,
//! do the work, then answer: a redirect or a page (done), or the page the form is on rendered
//! again with the refusal (invalid fields, a conflict, a missing role, ...).
use std::future::Future;

use app::auth::RequestUser;
use app::forms::{FormState, Notice};
use axum::extract::{ConnectInfo, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use domain::audit::Audit;
use domain::types::{FormValues, Invalid};
use domain::DomainError;

use super::{failed, invalid, read_form, render_again, see_other};
use crate::auth::AuthSession;
use crate::state::AppState;

/// Everything a form's work may need, owned.
pub struct Submission {
    pub state: AppState,
    /// Who sends it, now, with the form's `change_note` (shown in histories) if it has one.
    pub audit: Audit,
    pub values: FormValues,
    /// The session, for the endpoints that sign people in or out.
    pub auth: Option<AuthSession>,
    /// The sender's network address, for the sign-in limit.
    pub address: String,
    /// The sender's language (for the emails a submission sends).
    pub locale: app::i18n::Locale,
}

/// How a form's work ended well.
pub enum Done {
    /// 303 See Other to this path.
    Redirect(String),
    /// The form's page again, with this state (an invitation's one-time link).
    Page(FormState, StatusCode),
}

impl Done {
    pub fn to(path: impl Into<String>) -> Result<Done, Refused> {
        Ok(Done::Redirect(path.into()))
    }
}

/// How a form's work was refused.
pub enum Refused {
    Fields(Vec<Invalid>),
    Domain(DomainError),
    Notice(Notice, StatusCode),
}

impl From<DomainError> for Refused {
    fn from(e: DomainError) -> Self {
        Refused::Domain(e)
    }
}

impl From<Vec<Invalid>> for Refused {
    fn from(errors: Vec<Invalid>) -> Self {
        Refused::Fields(errors)
    }
}

impl From<Invalid> for Refused {
    fn from(e: Invalid) -> Self {
        Refused::Fields(vec![e])
    }
}

/// Refuses unless `allowed` (the role check before any parsing, for endpoints whose domain
/// function would only check it later).
pub fn require(allowed: bool) -> Result<(), Refused> {
    domain::permissions::ensure(allowed).map_err(Refused::Domain)
}

fn client_address(state: &AppState, parts: &Parts) -> String {
    if state.settings.trust_proxy {
        let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(last) = forwarded.and_then(|f| f.rsplit(',').next()) {
            return last.trim().to_string();
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Runs one form submission. `shown_at` is the page the form is on, when it is not the
/// address posted to (a refusal renders that page).
pub async fn submit<F, Fut>(state: AppState, req: Request, shown_at: Option<String>, work: F) -> Response
where
    F: FnOnce(Submission) -> Fut,
    Fut: Future<Output = Result<Done, Refused>>,
{
    submit_within(super::MAX_FORM_BYTES, state, req, shown_at, work).await
}

/// `submit` for a form carrying a document (a draft's text): a larger body, and multipart.
pub async fn submit_within<F, Fut>(
    max_bytes: usize,
    state: AppState,
    req: Request,
    shown_at: Option<String>,
    work: F,
) -> Response
where
    F: FnOnce(Submission) -> Fut,
    Fut: Future<Output = Result<Done, Refused>>,
{
    let (mut parts, values) = match read_form(req, max_bytes).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    if let Some(uri) = shown_at.and_then(|path| path.parse().ok()) {
        parts.uri = uri;
    }
    let user = parts.extensions.get::<RequestUser>().cloned().unwrap_or_default();
    let note: String = values.get("change_note").trim().chars().take(500).collect();
    let submission = Submission {
        audit: Audit::now(user.actor()).with_note(note),
        values: values.clone(),
        auth: parts.extensions.get::<AuthSession>().cloned(),
        address: client_address(&state, &parts),
        locale: crate::lang::request_locale(&parts.headers),
        state: state.clone(),
    };
    match work(submission).await {
        Ok(Done::Redirect(path)) => see_other(&path),
        Ok(Done::Page(form, status)) => render_again(&state, parts, form, status).await,
        Err(Refused::Fields(errors)) => invalid(&state, parts, values, errors).await,
        Err(Refused::Domain(e)) => failed(&state, parts, values, e).await,
        Err(Refused::Notice(notice, status)) => {
            let form = FormState { values: values.without_secrets(), errors: Vec::new(), notice: Some(notice) };
            render_again(&state, parts, form, status).await
        }
    }
}
