use domain::types::{CatalogueQuery, OrganisationDetail, OrganisationSummary, Paged};
use leptos::prelude::*;

use crate::error::AppError;

/// One page of organisations by name (100 a page), filtered by region and kind.
#[server(prefix = "/api", endpoint = "organisations")]
pub async fn list_organisations(
    #[server(default)] query: CatalogueQuery,
) -> Result<Paged<OrganisationSummary>, AppError> {
    let filter = query.parse()?;
    Ok(domain::services::catalogue::organisations(&super::db()?, &filter).await?)
}

#[server(prefix = "/api", endpoint = "organisation")]
pub async fn get_organisation(slug: String) -> Result<OrganisationDetail, AppError> {
    Ok(domain::services::organisations::get(&super::db()?, &slug).await?)
}
