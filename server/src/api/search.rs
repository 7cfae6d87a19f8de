//! The search as JSON: the public record only (published positions and visible comments),
//! whoever asks.
use axum::extract::State;
use axum::response::Response;
use domain::audit::Actor;
use domain::types::{SearchQuery, SearchResults};
use domain::DomainError;

use super::params::{ApiQuery, SearchParams};
use super::respond::{answer, domain_problem, ApiError};
use crate::state::AppState;

/// What the words find in the public record, the best matches first, 20 a page, each with its
/// address and the passage that matched (its matching words marked).
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams), responses(
    (status = 200, description = "One page of results", body = SearchResults),
    (status = 400, description = "A query over 200 characters, or a malformed parameter (named in the message)", body = ApiError),
    (status = 404, description = "No such organisation, element or draft to narrow to", body = ApiError),
))]
pub async fn search(State(state): State<AppState>, ApiQuery(p): ApiQuery<SearchParams>) -> Response {
    match SearchQuery::from(p).parse() {
        Ok(filter) => answer(domain::services::search::search(&state.db, &Actor::Anonymous, &filter).await),
        Err(e) => domain_problem(DomainError::Invalid(e)),
    }
}
