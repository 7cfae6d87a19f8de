//! The record's form endpoints: organisations (coordinators), positions (members draft for
//! their organisation; coordinators edit and publish), demands.
use axum::extract::{Path, Request, State};
use axum::response::Response;
use domain::permissions::record::can_edit_record;
use domain::services::{demands, organisations, position_editing};
use domain::types::forms::{parse_choice, parse_number};
use domain::types::{DemandFields, FormValues, OrganisationInput, PositionFields, PositionStatus};

use super::submit::{require, submit, Done};
use crate::state::AppState;

fn coalitions(values: &FormValues) -> Vec<i32> {
    values.all("coalitions").iter().filter_map(|c| c.parse().ok()).collect()
}

/// POST /organisations/new
pub async fn create_organisation(State(state): State<AppState>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(can_edit_record(&s.audit.actor))?;
        let input = OrganisationInput::from_form(&s.values)?;
        let slug = input.slug.clone();
        organisations::create_in(&s.state.db, &s.audit, input, coalitions(&s.values)).await?;
        Done::to(format!("/organisations/{slug}"))
    })
    .await
}

/// POST /organisations/{slug}/edit
pub async fn edit_organisation(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(can_edit_record(&s.audit.actor))?;
        let input = OrganisationInput::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        let (id, ..) = organisations::input_of(&s.state.db, &slug).await?;
        let new_slug = input.slug.clone();
        organisations::update(&s.state.db, &s.audit, id, version, input, coalitions(&s.values)).await?;
        Done::to(format!("/organisations/{new_slug}"))
    })
    .await
}

/// POST /organisations/{slug}/positions/new
pub async fn create_position(State(state): State<AppState>, Path(org): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(s.audit.actor.user_id().is_some())?;
        let fields = PositionFields::from_form(&s.values)?;
        let slug = position_editing::create_unpublished(&s.state.db, &s.audit, &org, fields).await?;
        Done::to(format!("/positions/{slug}"))
    })
    .await
}

/// POST /positions/{slug}/edit
pub async fn edit_position(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(s.audit.actor.user_id().is_some())?;
        let fields = PositionFields::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        let saved = position_editing::update(&s.state.db, &s.audit, &slug, version, fields).await?;
        Done::to(format!("/positions/{saved}"))
    })
    .await
}

/// POST /positions/{slug}/publish (status = published or draft)
pub async fn publish_position(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let page = format!("/positions/{slug}");
    submit(state, req, Some(page.clone()), |s| async move {
        let status: PositionStatus = parse_choice(&s.values, "status")?;
        let version = parse_number(&s.values, "version")?;
        position_editing::set_status(&s.state.db, &s.audit, &slug, version, status).await?;
        Done::to(page)
    })
    .await
}

/// POST /positions/{slug}/demands/new
pub async fn create_demand(State(state): State<AppState>, Path(position): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(s.audit.actor.user_id().is_some())?;
        let fields = DemandFields::from_form(&s.values)?;
        let slug = demands::create(&s.state.db, &s.audit, &position, fields).await?;
        Done::to(format!("/positions/{position}#{slug}"))
    })
    .await
}

/// POST /demands/{slug}/edit
pub async fn edit_demand(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    submit(state, req, None, |s| async move {
        require(s.audit.actor.user_id().is_some())?;
        let fields = DemandFields::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        let saved = demands::update(&s.state.db, &s.audit, &slug, version, fields).await?;
        let position = demands::stored(&s.state.db, &saved).await?.position_slug;
        Done::to(format!("/positions/{position}#{saved}"))
    })
    .await
}

/// POST /demands/{slug}/delete (a refusal is shown on the demand's edit page)
pub async fn delete_demand(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let page = format!("/demands/{slug}/edit");
    submit(state, req, Some(page), |s| async move {
        let version = parse_number(&s.values, "version")?;
        let position = demands::delete(&s.state.db, &s.audit, &slug, version).await?;
        Done::to(format!("/positions/{position}"))
    })
    .await
}
