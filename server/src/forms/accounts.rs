//! Coordinators invite people and change accounts; invitees accept their invitation.
use app::auth::RequestUser;
use app::forms::{FormState, Notice};
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use domain::audit::Audit;
use domain::services::invitations::{self, NewInvitation};
use domain::services::users::{self, AccountChange};
use domain::types::forms::{parse_choice, parse_number};
use domain::types::{FormValues, Role};

use super::{failed, invalid, read_form, render_again, see_other};
use crate::auth::{AuthSession, SignedIn};
use crate::router::AppState;

fn audit_of(parts: &axum::http::request::Parts) -> Audit {
    Audit::now(parts.extensions.get::<RequestUser>().cloned().unwrap_or_default().actor())
}

/// POST /accounts/invite
pub async fn invite(State(state): State<AppState>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    parts.uri = Uri::from_static("/accounts");
    let role: Role = match parse_choice(&values, "role") {
        Ok(r) => r,
        Err(e) => return invalid(&state, parts, values, vec![e]).await,
    };
    let input = NewInvitation {
        email: values.get("email").to_string(),
        name: values.get("name").to_string(),
        role,
        organisation: Some(values.get("organisation").to_string()).filter(|s| !s.is_empty()),
    };
    match invitations::create(&state.db, &audit_of(&parts), input).await {
        Ok(issued) => {
            // The link is shown once, on this answer; only its hash is stored.
            let link = format!("{}/invitations/{}", state.settings.public_url.trim_end_matches('/'), issued.token);
            let shown = FormValues(vec![
                ("email".to_string(), issued.invitation.email.clone()),
                ("invite_link".to_string(), link),
            ]);
            let form = FormState { values: shown, errors: Vec::new(), notice: Some(Notice::Invited) };
            render_again(&state, parts, form, StatusCode::OK).await
        }
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /accounts/{id}
pub async fn change(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    parts.uri = Uri::from_static("/accounts");
    let audit = audit_of(&parts);
    if !domain::permissions::accounts::can_manage_accounts(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let organisation_id = match values.get("organisation_id").trim() {
        "" => Ok(None),
        _ => parse_number(&values, "organisation_id").map(Some),
    };
    let parsed = (parse_choice::<Role>(&values, "role"), organisation_id, parse_number(&values, "version"));
    let (role, organisation_id, version) = match parsed {
        (Ok(r), Ok(o), Ok(v)) => (r, o, v),
        (r, o, v) => {
            let errors = [r.err(), o.err(), v.err()].into_iter().flatten().collect();
            return invalid(&state, parts, values, errors).await;
        }
    };
    let change = AccountChange { role, organisation_id, disabled: values.has("disabled") };
    match users::change_account(&state.db, &audit, id, version, change).await {
        Ok(_) => see_other("/accounts?saved=1"),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /invitations/{token}: sets the password, creates the account and signs it in.
pub async fn accept(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let accepted =
        invitations::accept(&state.db, &token, values.get("password"), values.get("confirmation"), chrono::Utc::now())
            .await;
    match accepted {
        Ok(account) => {
            if let Some(mut auth) = parts.extensions.get::<AuthSession>().cloned() {
                if let Err(e) = auth.login(&SignedIn(account)).await {
                    tracing::warn!(error = %e, "could not sign in a new account");
                    return see_other("/login");
                }
            }
            see_other("/account")
        }
        Err(e) => failed(&state, parts, values, e).await,
    }
}
