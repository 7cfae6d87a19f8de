//! Coordinators' edits to the phases: create, edit (with the version read), delete.
use axum::extract::{Path, Request, State};
use axum::response::Response;
use domain::permissions::timeline::can_edit_timeline;
use domain::services::phases;
use domain::types::forms::parse_number;
use domain::types::{Invalid, InvalidReason, PhaseInput};

use super::submit::{require, submit, Done};
use crate::state::AppState;

fn timeline_at(slug: &str) -> String {
    format!("/timeline#phase-{slug}")
}

/// POST /phases/new
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(can_edit_timeline(&s.audit.actor))?;
        let input = PhaseInput::from_form(&s.values)?;
        let created = phases::create(&s.state.db, &s.audit, input).await?;
        Done::to(timeline_at(&created.slug))
    })
    .await
}

/// POST /phases/{slug}/edit
pub async fn update(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(can_edit_timeline(&s.audit.actor))?;
        let input = PhaseInput::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        let id = phases::get(&s.state.db, &slug).await?.id;
        let saved = phases::update(&s.state.db, &s.audit, id, version, input).await?;
        Done::to(timeline_at(&saved.slug))
    })
    .await
}

/// POST /phases/{slug}/delete (a refusal is shown on the edit page, where the button is)
pub async fn delete(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let page = format!("/phases/{slug}/edit");
    submit(state, req, Some(page), |s| async move {
        let version = parse_number(&s.values, "version")?;
        if s.values.get("confirm") != "yes" {
            return Err(Invalid::new("confirm", InvalidReason::Required).into());
        }
        let id = phases::get(&s.state.db, &slug).await?.id;
        phases::delete(&s.state.db, &s.audit, id, version).await?;
        Done::to("/timeline")
    })
    .await
}
