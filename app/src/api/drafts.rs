use domain::types::DraftView;
use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "drafts")]
pub async fn list_drafts() -> Result<Vec<DraftView>, AppError> {
    Ok(domain::services::drafts::list(&super::db()?).await?)
}
