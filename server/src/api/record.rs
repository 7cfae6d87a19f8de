//! The public record as JSON: the timeline, consultations, elements, organisations, published
//! positions and their demands, drafts and assessments. Each handler reads its parameters,
//! lets the domain validate them and answers with the domain's own view.
use axum::extract::{Path, State};
use axum::response::Response;
use domain::services::{catalogue, consultations, drafts, elements, organisations, timeline as timeline_service};
use domain::types::*;
use domain::DomainError;

use super::params::*;
use super::respond::{answer, domain_problem, ApiError};
use crate::state::AppState;

fn catalogue_filter(q: impl Into<CatalogueQuery>) -> Result<CatalogueFilter, Invalid> {
    q.into().parse()
}

/// The phases in order with the consultations inside each.
#[utoipa::path(get, path = "/api/v1/timeline", tag = "timeline", params(TimelineParams), responses(
    (status = 200, description = "The phases and their consultations, filtered", body = TimelineView),
    (status = 400, description = "A filter is not one of its values, or an unknown parameter", body = ApiError),
))]
pub async fn timeline(State(state): State<AppState>, ApiQuery(p): ApiQuery<TimelineParams>) -> Response {
    match TimelineQuery::from(p).parse() {
        Ok(filter) => answer(timeline_service::timeline(&state.db, filter).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// Every consultation in timeline order (earliest possible day first).
#[utoipa::path(get, path = "/api/v1/consultations", tag = "timeline", params(TimelineParams), responses(
    (status = 200, description = "The consultations, filtered", body = Vec<ConsultationSummary>),
    (status = 400, description = "A filter is not one of its values, or an unknown parameter", body = ApiError),
))]
pub async fn consultation_list(State(state): State<AppState>, ApiQuery(p): ApiQuery<TimelineParams>) -> Response {
    match TimelineQuery::from(p).parse() {
        Ok(filter) => answer(consultations::list(&state.db, &filter).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// One consultation with its elements, the positions presented there and its history.
#[utoipa::path(get, path = "/api/v1/consultations/{key}", tag = "timeline",
    params(("key" = String, Path, description = "The consultation's address or number", example = "stocktaking-puerto-vallarta"), NoParams),
    responses(
        (status = 200, description = "The consultation", body = ConsultationDetail),
        (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
        (status = 404, description = "No such consultation", body = ApiError),
    ))]
pub async fn consultation(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ApiQuery(_): ApiQuery<NoParams>,
) -> Response {
    answer(consultations::get(&state.db, &key).await)
}

/// The 24 elements of the New York Declaration (annex II, paragraph 8), verbatim.
#[utoipa::path(get, path = "/api/v1/elements", tag = "elements", params(NoParams), responses(
    (status = 200, description = "The elements, (a) to (x), with how many organisations and demands address each", body = Vec<ElementSummary>),
    (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
))]
pub async fn element_list(State(state): State<AppState>, ApiQuery(_): ApiQuery<NoParams>) -> Response {
    answer(elements::list(&state.db).await)
}

/// One element with its counts, one page of the organisations addressing it (50 a page, by
/// name) with their demands on it, and the consultations covering it.
#[utoipa::path(get, path = "/api/v1/elements/{letter}", tag = "elements",
    params(("letter" = String, Path, description = "The element's letter, a to x", pattern = "^[a-x]$", example = "i"), ElementParams),
    responses(
        (status = 200, description = "The element", body = ElementDetail),
        (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
        (status = 404, description = "No such element", body = ApiError),
    ))]
pub async fn element(
    State(state): State<AppState>,
    Path(letter): Path<String>,
    ApiQuery(p): ApiQuery<ElementParams>,
) -> Response {
    let Ok(letter) = letter.parse::<ElementLetter>() else {
        return domain_problem(DomainError::NotFound(domain::types::EntityType::Element));
    };
    match page_number(p.page.as_deref()) {
        Ok(page) => answer(elements::get(&state.db, letter, page).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// Organisations by name, 100 a page, with how many published positions and demands each signed.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "organisations", params(OrganisationsParams), responses(
    (status = 200, description = "One page of organisations", body = Paged<OrganisationSummary>),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
))]
pub async fn organisation_list(State(state): State<AppState>, ApiQuery(p): ApiQuery<OrganisationsParams>) -> Response {
    match catalogue_filter(p) {
        Ok(f) => answer(catalogue::organisations(&state.db, &f).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// One organisation with its coalitions, its members and its published positions.
#[utoipa::path(get, path = "/api/v1/organisations/{slug}", tag = "organisations",
    params(("slug" = String, Path, description = "The organisation's address", example = "picum"), NoParams),
    responses(
        (status = 200, description = "The organisation", body = OrganisationDetail),
        (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
        (status = 404, description = "No such organisation", body = ApiError),
    ))]
pub async fn organisation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(_): ApiQuery<NoParams>,
) -> Response {
    answer(organisations::get(&state.db, &slug).await)
}

/// Published positions, newest first, 100 a page, each with its demands.
#[utoipa::path(get, path = "/api/v1/positions", tag = "positions", params(PositionsParams), responses(
    (status = 200, description = "One page of published positions", body = Paged<PositionView>),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such organisation", body = ApiError),
))]
pub async fn position_list(State(state): State<AppState>, ApiQuery(p): ApiQuery<PositionsParams>) -> Response {
    match catalogue_filter(p) {
        Ok(f) => answer(catalogue::positions(&state.db, &f).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// One published position with its demands (a position still in draft is not found).
#[utoipa::path(get, path = "/api/v1/positions/{slug}", tag = "positions",
    params(("slug" = String, Path, description = "The position's address", example = "coalition-faq-2017-asks"), NoParams),
    responses(
        (status = 200, description = "The position", body = PositionView),
        (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
        (status = 404, description = "No such published position", body = ApiError),
    ))]
pub async fn position(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(_): ApiQuery<NoParams>,
) -> Response {
    answer(catalogue::position(&state.db, &slug).await)
}

/// Demands of published positions, 100 a page, in the order their positions list them.
#[utoipa::path(get, path = "/api/v1/demands", tag = "positions", params(DemandsParams), responses(
    (status = 200, description = "One page of demands", body = Paged<DemandSummary>),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such organisation or element", body = ApiError),
))]
pub async fn demand_list(State(state): State<AppState>, ApiQuery(p): ApiQuery<DemandsParams>) -> Response {
    match catalogue_filter(p) {
        Ok(f) => answer(catalogue::demands(&state.db, &f).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// One demand of a published position: its stance on each element and its ratings draft by draft.
#[utoipa::path(get, path = "/api/v1/demands/{slug}", tag = "positions",
    params(("slug" = String, Path, description = "The demand's address", example = "coalition-faq-mobility-options"), NoParams),
    responses(
        (status = 200, description = "The demand", body = DemandRecord),
        (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
        (status = 404, description = "No such demand in a published position", body = ApiError),
    ))]
pub async fn demand(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(_): ApiQuery<NoParams>,
) -> Response {
    answer(catalogue::demand(&state.db, &slug).await)
}

/// The drafts of the compact, oldest first.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "drafts", params(NoParams), responses(
    (status = 200, description = "The drafts", body = Vec<DraftView>),
    (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
))]
pub async fn draft_list(State(state): State<AppState>, ApiQuery(_): ApiQuery<NoParams>) -> Response {
    answer(drafts::list(&state.db).await)
}

/// One draft with its numbered sections (objectives, paragraphs), which assessments cite.
#[utoipa::path(get, path = "/api/v1/drafts/{slug}", tag = "drafts",
    params(("slug" = String, Path, description = "The draft's address", example = "agreed-text"), NoParams),
    responses(
        (status = 200, description = "The draft and its sections", body = DraftDetail),
        (status = 400, description = "An unknown or malformed parameter (named in the message)", body = ApiError),
        (status = 404, description = "No such draft", body = ApiError),
    ))]
pub async fn draft(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(_): ApiQuery<NoParams>,
) -> Response {
    answer(drafts::get(&state.db, &slug).await)
}

/// Assessments of published demands with their evidence, draft by draft, 100 a page.
#[utoipa::path(get, path = "/api/v1/assessments", tag = "scorecard", params(AssessmentsParams), responses(
    (status = 200, description = "One page of assessments", body = Paged<AssessmentRecord>),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such draft, demand, organisation or element", body = ApiError),
))]
pub async fn assessment_list(State(state): State<AppState>, ApiQuery(p): ApiQuery<AssessmentsParams>) -> Response {
    match catalogue_filter(p) {
        Ok(f) => answer(catalogue::assessments(&state.db, &f).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}
