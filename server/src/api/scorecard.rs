//! The scorecard's views (`/api/v1/scorecard/...`): the same numbers as the pages, as JSON or CSV.
use axum::extract::State;
use axum::response::Response;
use domain::types::{ChangeView, DemandsView, GapsView, MatrixView, ScorecardOverview};

use super::downloads::{deliver, View};
use super::params::*;
use super::respond::{domain_problem, ApiError};
use crate::state::AppState;
use domain::DomainError;

/// The scorecard for a draft: the coalition's result, the 24 elements, a page of
/// organisations, the trend across drafts.
#[utoipa::path(get, path = "/api/v1/scorecard/overview", tag = "scorecard", params(OverviewParams), responses(
    (status = 200, description = "The overview (JSON), or every figure of it (CSV)", content(
        (ScorecardOverview = "application/json"), (String = "text/csv"))),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
))]
pub async fn overview(State(state): State<AppState>, ApiQuery(p): ApiQuery<OverviewParams>) -> Response {
    match p.split() {
        Ok((format, query)) => deliver(&state, View::Overview, format, query).await,
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// Organisations by elements for a draft, 50 organisations a page: each cell's counts per rating.
#[utoipa::path(get, path = "/api/v1/scorecard/matrix", tag = "scorecard", params(OverviewParams), responses(
    (status = 200, description = "One page of the matrix (JSON), or all of it (CSV)", content(
        (MatrixView = "application/json"), (String = "text/csv"))),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
))]
pub async fn matrix(State(state): State<AppState>, ApiQuery(p): ApiQuery<OverviewParams>) -> Response {
    match p.split() {
        Ok((format, query)) => deliver(&state, View::Matrix, format, query).await,
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// The demands behind a number (an organisation, an element, or both), with their rating and evidence.
#[utoipa::path(get, path = "/api/v1/scorecard/demands", tag = "scorecard", params(ScorecardDemandsParams), responses(
    (status = 200, description = "One page of demands (JSON), or all of them (CSV)", content(
        (DemandsView = "application/json"), (String = "text/csv"))),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such draft, organisation or element", body = ApiError),
))]
pub async fn demands(State(state): State<AppState>, ApiQuery(p): ApiQuery<ScorecardDemandsParams>) -> Response {
    match p.split() {
        Ok((format, query)) => deliver(&state, View::Demands, format, query).await,
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// Which demands improved and which regressed between two drafts, per element and organisation.
#[utoipa::path(get, path = "/api/v1/scorecard/change", tag = "scorecard", params(ChangeParams), responses(
    (status = 200, description = "The change (JSON), or every figure of it (CSV)", content(
        (ChangeView = "application/json"), (String = "text/csv"))),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
))]
pub async fn change(State(state): State<AppState>, ApiQuery(p): ApiQuery<ChangeParams>) -> Response {
    match p.split() {
        Ok((format, query)) => deliver(&state, View::Change, format, query).await,
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}

/// Elements no demand addresses, demands mapped to no element, demands never assessed.
#[utoipa::path(get, path = "/api/v1/scorecard/gaps", tag = "scorecard", params(GapsParams), responses(
    (status = 200, description = "The gaps (JSON or CSV)", content(
        (GapsView = "application/json"), (String = "text/csv"))),
    (status = 400, description = "A malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
))]
pub async fn gaps(State(state): State<AppState>, ApiQuery(p): ApiQuery<GapsParams>) -> Response {
    match p.split() {
        Ok((format, query)) => deliver(&state, View::Gaps, format, query).await,
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}
