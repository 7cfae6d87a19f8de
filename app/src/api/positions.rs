use domain::types::PositionPage;
use leptos::prelude::*;

use crate::error::AppError;

/// One position with its comments, as the signed-in person (or the public) may see it.
#[server(prefix = "/api", endpoint = "position")]
pub async fn get_position(slug: String) -> Result<PositionPage, AppError> {
    let actor = crate::auth::request_user().actor();
    Ok(domain::services::positions::page(&super::db()?, &actor, &slug).await?)
}
