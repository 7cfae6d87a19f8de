//! Coordinators' edits to the phases: create, edit (with the version read), delete.
use app::auth::RequestUser;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::response::Response;
use domain::audit::Audit;
use domain::services::phases;
use domain::types::forms::parse_number;
use domain::types::{FormValues, Invalid, InvalidReason, PhaseInput};

use super::{failed, invalid, read_form, see_other};
use crate::router::AppState;

fn audit_for(parts: &Parts, values: &FormValues) -> Audit {
    let user = parts.extensions.get::<RequestUser>().cloned().unwrap_or_default();
    Audit::now(user.actor()).with_note(values.get("change_note").trim().chars().take(500).collect::<String>())
}

fn timeline_at(slug: &str) -> String {
    format!("/timeline#phase-{slug}")
}

/// POST /phases/new
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_for(&parts, &values);
    if !domain::permissions::timeline::can_edit_timeline(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let input = match PhaseInput::from_form(&values) {
        Ok(input) => input,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    match phases::create(&state.db, &audit, input).await {
        Ok(created) => see_other(&timeline_at(&created.slug)),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /phases/{slug}/edit
pub async fn update(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_for(&parts, &values);
    if !domain::permissions::timeline::can_edit_timeline(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (input, version) = match (PhaseInput::from_form(&values), parse_number(&values, "version")) {
        (Ok(input), Ok(version)) => (input, version),
        (input, version) => {
            let mut errors = input.err().unwrap_or_default();
            errors.extend(version.err());
            return invalid(&state, parts, values, errors).await;
        }
    };
    let id = match phases::get(&state.db, &slug).await {
        Ok(p) => p.id,
        Err(e) => return failed(&state, parts, values, e).await,
    };
    match phases::update(&state.db, &audit, id, version, input).await {
        Ok(saved) => see_other(&timeline_at(&saved.slug)),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /phases/{slug}/delete
pub async fn delete(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    if let Ok(uri) = format!("/phases/{slug}/edit").parse() {
        parts.uri = uri;
    }
    let audit = audit_for(&parts, &values);
    let version = match parse_number(&values, "version") {
        Ok(v) if values.get("confirm") == "yes" => v,
        Ok(_) => return invalid(&state, parts, values, vec![Invalid::new("confirm", InvalidReason::Required)]).await,
        Err(e) => return invalid(&state, parts, values, vec![e]).await,
    };
    let id = match phases::get(&state.db, &slug).await {
        Ok(p) => p.id,
        Err(e) => return failed(&state, parts, values, e).await,
    };
    match phases::delete(&state.db, &audit, id, version).await {
        Ok(()) => see_other("/timeline"),
        Err(e) => failed(&state, parts, values, e).await,
    }
}
