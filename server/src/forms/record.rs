//! The record's form endpoints: organisations (coordinators), positions (members draft for
//! their organisation; coordinators edit and publish), demands.
use app::auth::RequestUser;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::response::Response;
use domain::audit::Audit;
use domain::services::{demands, organisations, position_editing};
use domain::types::forms::{parse_choice, parse_number};
use domain::types::{DemandFields, FormValues, Invalid, OrganisationInput, PositionFields, PositionStatus};

use super::{failed, invalid, read_form, see_other};
use crate::router::AppState;

fn audit_of(parts: &Parts) -> Audit {
    Audit::now(parts.extensions.get::<RequestUser>().cloned().unwrap_or_default().actor())
}

fn show_at(parts: &mut Parts, path: String) {
    if let Ok(uri) = path.parse() {
        parts.uri = uri;
    }
}

/// The parsed form and, when `versioned`, the version it was read at; or every field's error.
fn parsed<T>(
    values: &FormValues,
    parse: fn(&FormValues) -> Result<T, Vec<Invalid>>,
    versioned: bool,
) -> Result<(T, i32), Vec<Invalid>> {
    let version = if versioned { parse_number(values, "version") } else { Ok(0) };
    match (parse(values), version) {
        (Ok(t), Ok(v)) => Ok((t, v)),
        (t, v) => {
            let mut errors = t.err().unwrap_or_default();
            errors.extend(v.err());
            Err(errors)
        }
    }
}

fn coalitions(values: &FormValues) -> Vec<i32> {
    values.all("coalitions").iter().filter_map(|c| c.parse().ok()).collect()
}

/// POST /organisations/new
pub async fn create_organisation(State(state): State<AppState>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_of(&parts);
    if !domain::permissions::record::can_edit_record(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (input, _) = match parsed(&values, OrganisationInput::from_form, false) {
        Ok(p) => p,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    let slug = input.slug.clone();
    match organisations::create_in(&state.db, &audit, input, coalitions(&values)).await {
        Ok(_) => see_other(&format!("/organisations/{slug}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /organisations/{slug}/edit
pub async fn edit_organisation(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_of(&parts);
    if !domain::permissions::record::can_edit_record(&audit.actor) {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (input, version) = match parsed(&values, OrganisationInput::from_form, true) {
        Ok(p) => p,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    let id = match organisations::input_of(&state.db, &slug).await {
        Ok((id, ..)) => id,
        Err(e) => return failed(&state, parts, values, e).await,
    };
    let new_slug = input.slug.clone();
    match organisations::update(&state.db, &audit, id, version, input, coalitions(&values)).await {
        Ok(()) => see_other(&format!("/organisations/{new_slug}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /organisations/{slug}/positions/new
pub async fn create_position(State(state): State<AppState>, Path(org): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_of(&parts);
    if audit.actor.user_id().is_none() {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (fields, _) = match parsed(&values, PositionFields::from_form, false) {
        Ok(p) => p,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    match position_editing::create_draft(&state.db, &audit, &org, fields).await {
        Ok(slug) => see_other(&format!("/positions/{slug}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /positions/{slug}/edit
pub async fn edit_position(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_of(&parts);
    if audit.actor.user_id().is_none() {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (fields, version) = match parsed(&values, PositionFields::from_form, true) {
        Ok(p) => p,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    match position_editing::update(&state.db, &audit, &slug, version, fields).await {
        Ok(saved) => see_other(&format!("/positions/{saved}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /positions/{slug}/publish (status = published or draft)
pub async fn publish_position(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    show_at(&mut parts, format!("/positions/{slug}"));
    let audit = audit_of(&parts);
    let (status, version) = match (parse_choice::<PositionStatus>(&values, "status"), parse_number(&values, "version"))
    {
        (Ok(s), Ok(v)) => (s, v),
        (s, v) => return invalid(&state, parts, values, [s.err(), v.err()].into_iter().flatten().collect()).await,
    };
    match position_editing::set_status(&state.db, &audit, &slug, version, status).await {
        Ok(()) => see_other(&format!("/positions/{slug}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /positions/{slug}/demands/new
pub async fn create_demand(State(state): State<AppState>, Path(position): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_of(&parts);
    if audit.actor.user_id().is_none() {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (fields, _) = match parsed(&values, DemandFields::from_form, false) {
        Ok(p) => p,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    match demands::create(&state.db, &audit, &position, fields).await {
        Ok(slug) => see_other(&format!("/positions/{position}#{slug}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /demands/{slug}/edit
pub async fn edit_demand(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let audit = audit_of(&parts);
    if audit.actor.user_id().is_none() {
        return failed(&state, parts, values, domain::DomainError::Forbidden).await;
    }
    let (fields, version) = match parsed(&values, DemandFields::from_form, true) {
        Ok(p) => p,
        Err(errors) => return invalid(&state, parts, values, errors).await,
    };
    match demands::update(&state.db, &audit, &slug, version, fields).await {
        Ok(saved) => match demands::stored(&state.db, &saved).await {
            Ok(d) => see_other(&format!("/positions/{}#{saved}", d.position_slug)),
            Err(e) => failed(&state, parts, values, e).await,
        },
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// POST /demands/{slug}/delete
pub async fn delete_demand(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    show_at(&mut parts, format!("/demands/{slug}/edit"));
    let audit = audit_of(&parts);
    let version = match parse_number(&values, "version") {
        Ok(v) => v,
        Err(e) => return invalid(&state, parts, values, vec![e]).await,
    };
    match demands::delete(&state.db, &audit, &slug, version).await {
        Ok(position) => see_other(&format!("/positions/{position}")),
        Err(e) => failed(&state, parts, values, e).await,
    }
}
