use domain::types::{ElementDetail, ElementLetter, ElementSummary, Invalid, InvalidReason};
use leptos::prelude::*;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "elements")]
pub async fn list_elements() -> Result<Vec<ElementSummary>, AppError> {
    Ok(domain::services::elements::list(&super::db()?).await?)
}

#[server(prefix = "/api", endpoint = "element")]
pub async fn get_element(letter: String) -> Result<ElementDetail, AppError> {
    let letter = letter.parse::<ElementLetter>().map_err(|_| {
        AppError::BadRequest(Invalid::new("letter", InvalidReason::UnknownValue(letter.chars().take(20).collect())))
    })?;
    Ok(domain::services::elements::get(&super::db()?, letter).await?)
}
