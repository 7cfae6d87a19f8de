//! Signing in and out, and changing one's password.
use app::forms::Notice;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::services::sign_in::{self, Refusal};
use domain::services::users;
use domain::types::{Invalid, InvalidReason};
use domain::DomainError;

use super::see_other;
use super::submit::{submit, Done, Refused};
use crate::auth::{AuthSession, SignedIn};
use crate::lang::safe_next;
use crate::state::AppState;

/// POST /login
pub async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        let (email, password) = (s.values.get("email"), s.values.get("password"));
        let missing: Vec<Invalid> = [("email", email.trim()), ("password", password)]
            .into_iter()
            .filter(|(_, v)| v.is_empty())
            .map(|(f, _)| Invalid::new(f, InvalidReason::Required))
            .collect();
        if !missing.is_empty() {
            return Err(missing.into());
        }
        match sign_in::sign_in(&s.state.db, email, password, &s.address, chrono::Utc::now()).await? {
            Ok(account) => {
                let mut auth = s.auth.ok_or_else(|| DomainError::Corrupt("no session layer".into()))?;
                auth.login(&SignedIn(account)).await.map_err(|e| DomainError::Corrupt(e.to_string()))?;
                Done::to(safe_next(Some(s.values.get("next"))))
            }
            Err(Refusal::WrongCredentials) => {
                crate::metrics::sign_in_refused("wrong_credentials");
                Err(Refused::Notice(Notice::WrongCredentials, StatusCode::UNAUTHORIZED))
            }
            Err(Refusal::TooManyAttempts) => {
                crate::metrics::sign_in_refused("too_many_attempts");
                Err(Refused::Notice(Notice::TooManyAttempts, StatusCode::TOO_MANY_REQUESTS))
            }
        }
    })
    .await
}

/// POST /logout
pub async fn sign_out(req: Request) -> Response {
    if let Some(mut auth) = req.extensions().get::<AuthSession>().cloned() {
        if let Err(e) = auth.logout().await {
            tracing::warn!(error = %e, "could not end a session");
        }
    }
    see_other("/")
}

/// POST /account/password (a refusal is shown on the account page, where the form is)
pub async fn change_password(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, Some("/account".into()), |s| async move {
        let (current, new, confirmation) =
            (s.values.get("current_password"), s.values.get("new_password"), s.values.get("confirmation"));
        let account = users::change_password(&s.state.db, &s.audit, current, new, confirmation).await?;
        // The password's stamp changed: keep this session, end every other one.
        if let Some(mut auth) = s.auth {
            if let Err(e) = auth.login(&SignedIn(account)).await {
                tracing::warn!(error = %e, "could not renew the session after a password change");
            }
        }
        Done::to("/account?changed=1")
    })
    .await
}
