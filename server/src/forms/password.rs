//! A forgotten password: asking for a link by email, and setting a new password with it.
use axum::extract::{Path, Request, State};
use axum::response::Response;
use domain::services::password_resets;
use domain::types::{Invalid, InvalidReason};

use super::submit::{submit, Done};
use crate::state::AppState;

/// POST /password/forgot: the same answer whether an account uses the address or not; the
/// link is queued in the outbox in the transaction that records it.
pub async fn forgot(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        let email = s.values.get("email").trim().to_string();
        if email.is_empty() {
            return Err(Invalid::new("email", InvalidReason::Required).into());
        }
        let Some(_) = &s.state.settings.mailer else {
            return Done::to("/password/forgot");
        };
        let (lang, public_url) = (s.locale, s.state.settings.public_url.clone());
        password_resets::ask(&s.state.db, &email, chrono::Utc::now(), |issued| {
            crate::mail::compose::password_reset(lang, &public_url, &issued.email, &issued.name, &issued.token)
        })
        .await?;
        Done::to("/password/forgot?sent=1")
    })
    .await
}

/// POST /password/reset/{token}
pub async fn reset(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        let (password, confirmation) = (s.values.get("password"), s.values.get("confirmation"));
        password_resets::reset(&s.state.db, &token, password, confirmation, chrono::Utc::now()).await?;
        Done::to("/login?reset=1")
    })
    .await
}
