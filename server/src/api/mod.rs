//! The read-only JSON API over the public record (`/api/v1/...`) and its OpenAPI 3.1 document
//! (`/api/openapi.json`). The document is generated from the handlers' annotations and the
//! domain's view types, and the router is built from the same list of handlers, so a route
//! cannot exist undocumented.
mod downloads;
mod params;
mod record;
pub(crate) mod respond;
mod scorecard;
mod search;

use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "GCM Tracker open data",
        description = "The public record of the negotiation of the Global Compact for Safe, Orderly and Regular \
            Migration as civil society tracked it: the timeline, the 24 elements of the New York Declaration, \
            organisations, their published positions and demands, the drafts, the assessments of every demand \
            against every draft, and the scorecard. Read-only; no account needed. Lists are paginated \
            (`page`, from 1) and say their `total`. A refusal is `{\"error\": \"...\"}` naming what was wrong.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    tags(
        (name = "timeline", description = "Phases and consultations, with dates as precise as they are known"),
        (name = "elements", description = "The 24 elements the New York Declaration listed for the compact"),
        (name = "organisations", description = "Organisations of civil society and their coalitions"),
        (name = "positions", description = "Published positions and the demands in them"),
        (name = "drafts", description = "The successive drafts of the compact and their sections"),
        (name = "scorecard", description = "Assessments of demands against drafts, and the scorecard built on them"),
        (name = "search", description = "The public record searched by its words"),
    ),
    components(schemas(
        respond::ApiError,
        params::Format,
        domain::types::Region,
        domain::types::OrganisationKind,
        domain::types::ConsultationKind,
        domain::types::ConsultationStatus,
        domain::types::SearchKind
    ))
)]
struct ApiDoc;

fn parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(record::timeline))
        .routes(routes!(record::consultation_list))
        .routes(routes!(record::consultation))
        .routes(routes!(record::element_list))
        .routes(routes!(record::element))
        .routes(routes!(record::organisation_list))
        .routes(routes!(record::organisation))
        .routes(routes!(record::position_list))
        .routes(routes!(record::position))
        .routes(routes!(record::demand_list))
        .routes(routes!(record::demand))
        .routes(routes!(record::draft_list))
        .routes(routes!(record::draft))
        .routes(routes!(record::assessment_list))
        .routes(routes!(scorecard::overview))
        .routes(routes!(scorecard::matrix))
        .routes(routes!(scorecard::demands))
        .routes(routes!(scorecard::change))
        .routes(routes!(scorecard::gaps))
        .routes(routes!(search::search))
        .split_for_parts()
}

/// The OpenAPI document, as served.
pub fn document() -> utoipa::openapi::OpenApi {
    parts().1
}

/// The API's routes and the document's.
pub fn routes() -> Router<AppState> {
    let (router, doc) = parts();
    let body: Arc<str> = doc.to_json().unwrap_or_else(|_| "{}".into()).into();
    router.route(
        "/api/openapi.json",
        get(move || {
            let body = body.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response() }
        }),
    )
}
