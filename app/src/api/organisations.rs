use domain::types::{OrganisationDetail, OrganisationSummary};
use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "organisations")]
pub async fn list_organisations() -> Result<Vec<OrganisationSummary>, AppError> {
    Ok(domain::services::organisations::list(&super::db()?).await?)
}

#[server(prefix = "/api", endpoint = "organisation")]
pub async fn get_organisation(slug: String) -> Result<OrganisationDetail, AppError> {
    Ok(domain::services::organisations::get(&super::db()?, &slug).await?)
}
