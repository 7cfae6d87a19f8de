use domain::types::{ConsultationDetail, HomeView, TimelineQuery, TimelineView};
use leptos::prelude::*;

use crate::error::AppError;

/// The home page as of a date (`as_of` as typed, YYYY-MM-DD; empty means today).
#[server(prefix = "/api", endpoint = "home")]
pub async fn get_home(as_of: Option<String>) -> Result<HomeView, AppError> {
    let today = chrono::Utc::now().date_naive();
    let as_of = domain::types::AsOf::parse(as_of.as_deref(), today)?;
    Ok(domain::services::timeline::home(&super::db()?, as_of.0).await?)
}

#[server(prefix = "/api", endpoint = "timeline")]
pub async fn get_timeline(#[server(default)] query: TimelineQuery) -> Result<TimelineView, AppError> {
    let filter = query.parse()?;
    Ok(domain::services::timeline::timeline(&super::db()?, filter).await?)
}

#[server(prefix = "/api", endpoint = "consultation")]
pub async fn get_consultation(key: String) -> Result<ConsultationDetail, AppError> {
    Ok(domain::services::consultations::get(&super::db()?, &key).await?)
}
