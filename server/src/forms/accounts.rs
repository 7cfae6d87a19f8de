//! Coordinators invite people and change accounts; invitees accept their invitation.
use app::forms::{FormState, Notice};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::permissions::accounts::can_manage_accounts;
use domain::services::invitations::{self, NewInvitation};
use domain::services::users::{self, AccountChange};
use domain::types::forms::{parse_choice, parse_number};
use domain::types::{FormValues, Role};

use super::submit::{require, submit, Done};
use crate::auth::SignedIn;
use crate::state::AppState;

/// POST /accounts/invite: the link is shown once, on the page answering (only its hash is stored).
pub async fn invite(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, Some("/accounts".into()), |s| async move {
        let input = NewInvitation {
            email: s.values.get("email").to_string(),
            name: s.values.get("name").to_string(),
            role: parse_choice(&s.values, "role")?,
            organisation: Some(s.values.get("organisation").to_string()).filter(|o| !o.is_empty()),
        };
        let public_url = s.state.settings.public_url.clone();
        let issued = match &s.state.settings.mailer {
            Some(_) => {
                let lang = s.locale;
                invitations::create_and_send(&s.state.db, &s.audit, input, |i| {
                    let (to, name) = (&i.invitation.email, &i.invitation.name);
                    crate::mail::compose::invitation(lang, &public_url, to, name, &i.token, invitations::VALID_DAYS)
                })
                .await?
            }
            None => invitations::create(&s.state.db, &s.audit, input).await?,
        };
        let link = format!("{}/invitations/{}", public_url.trim_end_matches('/'), issued.token);
        let mut shown = FormValues(vec![("email".into(), issued.invitation.email), ("invite_link".into(), link)]);
        if s.state.settings.mailer.is_some() {
            shown.0.push(("emailed".into(), "1".into()));
        }
        Ok(Done::Page(FormState { values: shown, errors: Vec::new(), notice: Some(Notice::Invited) }, StatusCode::OK))
    })
    .await
}

/// POST /accounts/{id}
pub async fn change(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    submit(state, req, Some("/accounts".into()), |s| async move {
        require(can_manage_accounts(&s.audit.actor))?;
        let organisation_id = match s.values.get("organisation_id").trim() {
            "" => None,
            _ => Some(parse_number(&s.values, "organisation_id")?),
        };
        let change = AccountChange {
            role: parse_choice::<Role>(&s.values, "role")?,
            organisation_id,
            disabled: s.values.has("disabled"),
        };
        let version = parse_number(&s.values, "version")?;
        users::change_account(&s.state.db, &s.audit, id, version, change).await?;
        Done::to("/accounts?saved=1")
    })
    .await
}

/// POST /invitations/{token}: sets the password, creates the account and signs it in.
pub async fn accept(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        let (password, confirmation) = (s.values.get("password"), s.values.get("confirmation"));
        let account = invitations::accept(&s.state.db, &token, password, confirmation, chrono::Utc::now()).await?;
        match s.auth {
            Some(mut auth) => match auth.login(&SignedIn(account)).await {
                Ok(()) => Done::to("/account"),
                Err(e) => {
                    tracing::warn!(error = %e, "could not sign in a new account");
                    Done::to("/login")
                }
            },
            None => Done::to("/login"),
        }
    })
    .await
}
