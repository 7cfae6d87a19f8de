//! Following, the notifications page's forms, and the unsubscribe link.
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::services::{following, notifications, unsubscribe};
use domain::types::forms::parse_choice;
use domain::types::{Delivery, FollowKind, NoticeKind};
use strum::IntoEnumIterator;

use app::forms::Notice;

use super::submit::{require, submit, Done};
use crate::state::AppState;

/// Where to go back to: a path of this site, else the notifications page.
fn back(path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') {
        path.to_string()
    } else {
        "/notifications".to_string()
    }
}

/// POST /follow: follows (`on=1`) or stops following (`on=0`) what `kind` and `key` name (a
/// slug; an element's letter), then back to the page it was asked from.
pub async fn follow(State(state): State<AppState>, req: Request) -> Response {
    // a refusal (a session that expired) is shown on the notifications page, which says why
    submit(state, req, Some("/notifications".into()), |s| async move {
        require(following::can_follow(&s.audit.actor))?;
        let kind: FollowKind = parse_choice(&s.values, "kind")?;
        let key = s.values.get("key").trim().to_string();
        following::set(&s.state.db, &s.audit, kind, &key, s.values.get("on") == "1").await?;
        Done::to(back(s.values.get("back")))
    })
    .await
}

/// POST /notifications/read: every notification read.
pub async fn read(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, Some("/notifications".into()), |s| async move {
        require(s.audit.actor.user_id().is_some())?;
        notifications::mark_all_read(&s.state.db, &s.audit).await?;
        Done::to("/notifications")
    })
    .await
}

/// POST /notifications/choices: each kind's delivery (`delivery_<kind>`) and the emails' language.
pub async fn choose(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, Some("/notifications".into()), |s| async move {
        require(s.audit.actor.user_id().is_some())?;
        let mut choices = Vec::new();
        for kind in NoticeKind::iter() {
            let delivery: Delivery = parse_choice(&s.values, &format!("delivery_{kind}"))?;
            choices.push((kind, delivery));
        }
        notifications::save_choices(&s.state.db, &s.audit, &choices, s.values.get("language")).await?;
        Done::to("/notifications?saved=1")
    })
    .await
}

/// POST /unsubscribe/{token}: the one-click unsubscribe (RFC 8058; also the button of the
/// link's page). No session needed: the token is the proof. An unknown token is a 404.
pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    match unsubscribe::use_token(&state.db, &token).await {
        Ok(Some(_)) => super::see_other(&format!("/unsubscribe/{token}?done=1")),
        Ok(None) => {
            let (parts, _) = req.into_parts();
            super::refused(&state, parts, Default::default(), Notice::UnknownLink, StatusCode::NOT_FOUND).await
        }
        Err(e) => crate::api::respond::domain_problem(e),
    }
}
