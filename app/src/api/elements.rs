use domain::types::{ElementDetail, ElementSummary};
use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "elements")]
pub async fn list_elements() -> Result<Vec<ElementSummary>, AppError> {
    Ok(domain::services::elements::list(&super::db()?).await?)
}

#[server(prefix = "/api", endpoint = "element")]
pub async fn get_element(letter: String, page: Option<String>) -> Result<ElementDetail, AppError> {
    // there are exactly 24 elements, (a) to (x): any other letter is an address with nothing at it
    let letter = letter
        .parse::<domain::types::ElementLetter>()
        .map_err(|_| AppError::NotFound(domain::types::EntityType::Element))?;
    let page = domain::types::page_number(page.as_deref())?;
    Ok(domain::services::elements::get(&super::db()?, letter, page).await?)
}
