//! The scorecard's server functions: each parses the query (a bad value is a 400 naming it)
//! and returns the view from the scorecard's cache, computed once per change to the scores.
use domain::types::{
    ChangeView, DemandsView, DraftComparison, DraftDetail, GapsView, MatrixView, OrganisationRatings,
    ScorecardOverview, ScorecardQuery,
};
use leptos::prelude::*;

use crate::error::AppError;

/// The database and the scorecard's cache. A signed-in person gets a fresh one (the views are
/// computed for them), so whoever just changed the record reads it as committed, whichever
/// instance answers; the public shares the server's.
#[cfg(feature = "ssr")]
fn scorecard(
) -> Result<(sea_orm::DatabaseConnection, std::sync::Arc<domain::services::scorecard::ScorecardCache>), AppError> {
    let cache = if crate::auth::request_user().account.is_some() { None } else { use_context() };
    Ok((super::db()?, cache.unwrap_or_default()))
}

#[server(prefix = "/api", endpoint = "scorecard")]
pub async fn get_scorecard(#[server(default)] query: ScorecardQuery) -> Result<ScorecardOverview, AppError> {
    let f = query.parse()?;
    let (db, cache) = scorecard()?;
    Ok((*cache.overview(&db, &f).await?).clone())
}

#[server(prefix = "/api", endpoint = "scorecard_matrix")]
pub async fn get_matrix(#[server(default)] query: ScorecardQuery) -> Result<MatrixView, AppError> {
    let f = query.parse()?;
    let (db, cache) = scorecard()?;
    let view = (*cache.matrix(&db, &f).await?).clone();
    // the page is kept until a change to its head or to one of the organisations it lists
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use domain::services::changes;
        let listed = changes::declared_organisations(view.rows.items.iter().map(|r| r.organisation.slug.as_str()));
        if let Ok(value) = http::HeaderValue::from_str(&listed) {
            response.insert_header(http::HeaderName::from_static(changes::DECLARED_HEADER), value);
        }
    }
    Ok(view)
}

#[server(prefix = "/api", endpoint = "scorecard_demands")]
pub async fn get_demands(#[server(default)] query: ScorecardQuery) -> Result<DemandsView, AppError> {
    let f = query.parse()?;
    let (db, cache) = scorecard()?;
    Ok((*cache.demands(&db, &f).await?).clone())
}

#[server(prefix = "/api", endpoint = "scorecard_change")]
pub async fn get_change(#[server(default)] query: ScorecardQuery) -> Result<ChangeView, AppError> {
    let f = query.parse()?;
    let (db, cache) = scorecard()?;
    Ok((*cache.change(&db, &f).await?).clone())
}

#[server(prefix = "/api", endpoint = "scorecard_gaps")]
pub async fn get_gaps(#[server(default)] query: ScorecardQuery) -> Result<GapsView, AppError> {
    let f = query.parse()?;
    let (db, cache) = scorecard()?;
    Ok((*cache.gaps(&db, &f).await?).clone())
}

/// An organisation's demands rated draft by draft, and its trend.
#[server(prefix = "/api", endpoint = "organisation_ratings")]
pub async fn get_organisation_ratings(slug: String) -> Result<OrganisationRatings, AppError> {
    let (db, cache) = scorecard()?;
    Ok((*cache.organisation_ratings(&db, &slug).await?).clone())
}

/// One draft with its sections.
#[server(prefix = "/api", endpoint = "draft")]
pub async fn get_draft(slug: String) -> Result<DraftDetail, AppError> {
    Ok(domain::services::drafts::get(&super::db()?, &slug).await?)
}

/// Two drafts compared section by section (`from` defaults to the first, `to` to the latest).
#[server(prefix = "/api", endpoint = "draft_comparison")]
pub async fn get_comparison(#[server(default)] query: ScorecardQuery) -> Result<DraftComparison, AppError> {
    let f = query.parse()?;
    let (db, cache) = scorecard()?;
    Ok((*cache.comparison(&db, f.from.as_deref(), f.to.as_deref()).await?).clone())
}
