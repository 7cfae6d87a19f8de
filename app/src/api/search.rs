use domain::types::{SearchPage, SearchQuery};
use leptos::prelude::*;

use crate::error::AppError;

/// One page of what the search finds that the person asking (or the public) may read.
#[server(prefix = "/api", endpoint = "search")]
pub async fn search(#[server(default)] query: SearchQuery) -> Result<SearchPage, AppError> {
    let filter = query.parse()?;
    let actor = crate::auth::request_user().actor();
    Ok(domain::services::search::page_for(&super::db()?, &actor, &filter).await?)
}
