//! Coordinators' edits to the timeline: create, edit (with the version read), delete.
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::permissions::timeline::can_edit_timeline;
use domain::services::consultations;
use domain::services::editing::Saved;
use domain::types::forms::parse_number;
use domain::types::{ConsultationInput, Invalid, InvalidReason};

use super::submit::{require, submit, Done, Refused};
use crate::state::AppState;

/// POST /timeline/new
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(can_edit_timeline(&s.audit.actor))?;
        let input = ConsultationInput::from_form(&s.values)?;
        let created = consultations::create(&s.state.db, &s.audit, input).await?;
        Done::to(format!("/consultations/{}", created.summary.slug))
    })
    .await
}

/// POST /consultations/{key}/edit
pub async fn update(State(state): State<AppState>, Path(key): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(can_edit_timeline(&s.audit.actor))?;
        let input = ConsultationInput::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        match consultations::save(&s.state.db, &s.audit, &key, version, input).await? {
            Saved::Saved(saved) => Done::to(format!("/consultations/{}", saved.input.slug)),
            Saved::Conflict { .. } => Err(Refused::Notice(app::forms::Notice::Conflict, StatusCode::CONFLICT)),
        }
    })
    .await
}

/// POST /consultations/{key}/delete (a refusal is shown on the edit page, where the button is)
pub async fn delete(State(state): State<AppState>, Path(key): Path<String>, req: Request) -> Response {
    let page = format!("/consultations/{key}/edit");
    submit(state, req, Some(page), |s| async move {
        let version = parse_number(&s.values, "version")?;
        if s.values.get("confirm") != "yes" {
            return Err(Invalid::new("confirm", InvalidReason::Required).into());
        }
        let id = consultations::get(&s.state.db, &key).await?.summary.id;
        consultations::delete(&s.state.db, &s.audit, id, version).await?;
        Done::to("/timeline")
    })
    .await
}
