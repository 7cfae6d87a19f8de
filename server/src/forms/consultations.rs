//! Coordinators' edits to the timeline: create, edit (with the version read), delete.
use app::auth::RequestUser;
use app::forms::Notice;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::audit::Audit;
use domain::services::consultations::{self, SaveOutcome};
use domain::types::forms::parse_number;
use domain::types::{ConsultationInput, FormValues};

use super::{failed, invalid, read_form, refused, see_other};
use crate::router::AppState;

fn audit_for(parts: &axum::http::request::Parts, values: &FormValues) -> Audit {
    let user = parts.extensions.get::<RequestUser>().cloned().unwrap_or_default();
    Audit::now(user.actor()).with_note(values.get("change_note").trim().chars().take(500).collect::<String>())
}

fn consultation_path(slug: &str) -> String {
    format!("/consultations/{slug}")
}

/// POST /timeline/new
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_for(&parts, &values);
    if !domain::permissions::timeline::can_edit_timeline(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let input = match ConsultationInput::from_form(&values) {
        Ok(input) => input,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    match consultations::create(&state.db, &audit, input).await {
        Ok(created) => see_other(&consultation_path(&created.summary.slug)),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /consultations/{key}/edit
pub async fn update(State(state): State<AppState>, Path(key): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_for(&parts, &values);
    if !domain::permissions::timeline::can_edit_timeline(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (input, version) = match (ConsultationInput::from_form(&values), parse_number(&values, "version")) {
        (Ok(input), Ok(version)) => (input, version),
        (input, version) => {
            let mut errors = input.err().unwrap_or_default();
            errors.extend(version.err());
            return invalid(&state, parts, values, errors).await;
        }
    };
    let id = match consultations::get(&state.db, &key).await {
        Ok(current) => current.summary.id,
        Err(e) => return failed(&state, parts, values, e).await,
    };
    match consultations::update(&state.db, &audit, id, version, input).await {
        Ok(SaveOutcome::Saved(saved)) => see_other(&consultation_path(&saved.summary.slug)),
        Ok(SaveOutcome::Conflict { .. }) => {
            refused(&state, parts, values, Notice::Conflict, StatusCode::CONFLICT).await
        }
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /consultations/{key}/delete
pub async fn delete(State(state): State<AppState>, Path(key): Path<String>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    // A refusal is shown on the edit page, where the delete button is.
    if let Ok(uri) = format!("/consultations/{key}/edit").parse() {
        parts.uri = uri;
    }
    let audit = audit_for(&parts, &values);
    let version = match parse_number(&values, "version") {
        Ok(v) if values.get("confirm") == "yes" => v,
        Ok(_) => {
            let missing = domain::types::Invalid::new("confirm", domain::types::InvalidReason::Required);
            return invalid(&state, parts, values, vec![missing]).await;
        }
        Err(e) => return invalid(&state, parts, values, vec![e]).await,
    };
    let id = match consultations::get(&state.db, &key).await {
        Ok(current) => current.summary.id,
        Err(e) => return failed(&state, parts, values, e).await,
    };
    match consultations::delete(&state.db, &audit, id, version).await {
        Ok(()) => see_other("/timeline"),
        Err(e) => failed(&state, parts, values, e).await,
    }
}
