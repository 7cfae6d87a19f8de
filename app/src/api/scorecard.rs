//! The scorecard's server functions: each parses the query (a bad value is a 400 naming it)
//! and returns the view from the cache, computed once per change to the record.
use domain::types::{
    ChangeView, DemandsView, DraftComparison, DraftDetail, GapsView, MatrixView, OrganisationRatings,
    ScorecardOverview, ScorecardQuery,
};
use leptos::prelude::*;

use crate::error::AppError;

/// The view under `key`, from the cache when the record has not changed since it was computed.
#[cfg(feature = "ssr")]
pub(crate) async fn cached<T, F, Fut>(key: String, compute: F) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce(sea_orm::DatabaseConnection) -> Fut,
    Fut: std::future::Future<Output = domain::DomainResult<T>>,
{
    let db = super::db()?;
    let cache = use_context::<std::sync::Arc<domain::services::scorecard::ScorecardCache>>().unwrap_or_default();
    let view = cache.get_or_compute(&db, key, || compute(db.clone())).await?;
    Ok((*view).clone())
}

#[server(prefix = "/api", endpoint = "scorecard")]
pub async fn get_scorecard(query: ScorecardQuery) -> Result<ScorecardOverview, AppError> {
    let f = query.parse()?;
    cached(format!("overview:{f:?}"), |db| async move { domain::services::scorecard::overview(&db, &f).await }).await
}

#[server(prefix = "/api", endpoint = "scorecard_matrix")]
pub async fn get_matrix(query: ScorecardQuery) -> Result<MatrixView, AppError> {
    let f = query.parse()?;
    cached(format!("matrix:{f:?}"), |db| async move { domain::services::scorecard::matrix(&db, &f).await }).await
}

#[server(prefix = "/api", endpoint = "scorecard_demands")]
pub async fn get_demands(query: ScorecardQuery) -> Result<DemandsView, AppError> {
    let f = query.parse()?;
    cached(format!("demands:{f:?}"), |db| async move { domain::services::scorecard::demands(&db, &f).await }).await
}

#[server(prefix = "/api", endpoint = "scorecard_change")]
pub async fn get_change(query: ScorecardQuery) -> Result<ChangeView, AppError> {
    let f = query.parse()?;
    cached(format!("change:{f:?}"), |db| async move { domain::services::scorecard::change(&db, &f).await }).await
}

#[server(prefix = "/api", endpoint = "scorecard_gaps")]
pub async fn get_gaps(query: ScorecardQuery) -> Result<GapsView, AppError> {
    let f = query.parse()?;
    cached(format!("gaps:{f:?}"), |db| async move { domain::services::scorecard::gaps(&db, &f).await }).await
}

/// An organisation's demands rated draft by draft, and its trend.
#[server(prefix = "/api", endpoint = "organisation_ratings")]
pub async fn get_organisation_ratings(slug: String) -> Result<OrganisationRatings, AppError> {
    cached(format!("organisation:{slug}"), |db| async move {
        domain::services::scorecard::organisation_ratings(&db, &slug).await
    })
    .await
}

/// One draft with its sections.
#[server(prefix = "/api", endpoint = "draft")]
pub async fn get_draft(slug: String) -> Result<DraftDetail, AppError> {
    Ok(domain::services::drafts::get(&super::db()?, &slug).await?)
}

/// Two drafts compared section by section (`from` defaults to the first, `to` to the latest).
#[server(prefix = "/api", endpoint = "draft_comparison")]
pub async fn get_comparison(query: ScorecardQuery) -> Result<DraftComparison, AppError> {
    let f = query.parse()?;
    cached(format!("compare:{:?}:{:?}", f.from, f.to), |db| async move {
        domain::services::drafts::compare(&db, f.from.as_deref(), f.to.as_deref()).await
    })
    .await
}
