//! Signing in and out, and changing one's password.
use app::auth::RequestUser;
use app::forms::Notice;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::audit::Audit;
use domain::services::sign_in::{self, Refusal};
use domain::services::users;
use domain::types::{Invalid, InvalidReason};

use super::{failed, invalid, read_form, refused, see_other};
use crate::auth::{AuthSession, SignedIn};
use crate::lang::safe_next;
use crate::router::AppState;

fn client_address(state: &AppState, parts: &axum::http::request::Parts) -> String {
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

/// POST /login
pub async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let mut errors = Vec::new();
    if values.get("email").trim().is_empty() {
        errors.push(Invalid::new("email", InvalidReason::Required));
    }
    if values.get("password").is_empty() {
        errors.push(Invalid::new("password", InvalidReason::Required));
    }
    if !errors.is_empty() {
        return invalid(&state, parts, values, errors).await;
    }
    let address = client_address(&state, &parts);
    let outcome =
        sign_in::sign_in(&state.db, values.get("email"), values.get("password"), &address, chrono::Utc::now()).await;
    match outcome {
        Ok(Ok(account)) => {
            let Some(mut auth) = parts.extensions.get::<AuthSession>().cloned() else {
                tracing::error!("the authentication layer is missing");
                return failed(&state, parts, values, domain::DomainError::Corrupt("no session layer".into())).await;
            };
            if let Err(e) = auth.login(&SignedIn(account)).await {
                tracing::error!(error = %e, "could not open a session");
                return failed(&state, parts, values, domain::DomainError::Corrupt(e.to_string())).await;
            }
            see_other(safe_next(Some(values.get("next"))))
        }
        Ok(Err(Refusal::WrongCredentials)) => {
            refused(&state, parts, values, Notice::WrongCredentials, StatusCode::UNAUTHORIZED).await
        }
        Ok(Err(Refusal::TooManyAttempts)) => {
            refused(&state, parts, values, Notice::TooManyAttempts, StatusCode::TOO_MANY_REQUESTS).await
        }
        Err(e) => failed(&state, parts, values, e).await,
    }
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

/// POST /account/password
pub async fn change_password(State(state): State<AppState>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    // A refusal is shown on the account page, where the form is.
    parts.uri = axum::http::Uri::from_static("/account");
    let user = parts.extensions.get::<RequestUser>().cloned().unwrap_or_default();
    let audit = Audit::now(user.actor());
    let changed = users::change_password(
        &state.db,
        &audit,
        values.get("current_password"),
        values.get("new_password"),
        values.get("confirmation"),
    )
    .await;
    match changed {
        Ok(account) => {
            // The password's stamp changed: keep this session, end every other one.
            if let Some(mut auth) = parts.extensions.get::<AuthSession>().cloned() {
                if let Err(e) = auth.login(&SignedIn(account)).await {
                    tracing::warn!(error = %e, "could not renew the session after a password change");
                }
            }
            see_other("/account?changed=1")
        }
        Err(e) => failed(&state, parts, values, e).await,
    }
}
