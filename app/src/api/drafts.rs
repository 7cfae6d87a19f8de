//! Drafts: the public list, and the coordinators' draft editor and assessing page.
use domain::types::{DraftDetail, DraftView, ScorecardQuery, TextFormat, Worklist};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "drafts")]
pub async fn list_drafts() -> Result<Vec<DraftView>, AppError> {
    Ok(domain::services::drafts::list(&super::db()?).await?)
}

/// What the draft editor needs: the draft as saved now with its text (none when creating).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftEditor {
    pub current: Option<DraftDetail>,
    pub format: TextFormat,
    pub text: String,
}

/// Refuses people who may not enter drafts or assess (coordinators only).
#[cfg(feature = "ssr")]
fn coordinator() -> Result<domain::audit::Audit, AppError> {
    let user = crate::auth::request_user();
    let actor = user.actor();
    if !domain::permissions::scorecard::can_enter_drafts(&actor) {
        return Err(if user.account.is_some() { AppError::Forbidden } else { AppError::SignInRequired });
    }
    Ok(domain::audit::Audit::now(actor))
}

#[server(prefix = "/api", endpoint = "draft_editor")]
pub async fn get_draft_editor(slug: Option<String>) -> Result<DraftEditor, AppError> {
    coordinator()?;
    let db = super::db()?;
    let Some(slug) = slug else {
        return Ok(DraftEditor { current: None, format: TextFormat::Markdown, text: String::new() });
    };
    let current = domain::services::drafts::get(&db, &slug).await?;
    let (format, text) =
        domain::services::drafts::text(&db, &slug).await?.unwrap_or((TextFormat::Markdown, String::new()));
    Ok(DraftEditor { current: Some(current), format, text })
}

/// The assessing page of a draft: the demands to rate (pending by default), filtered.
#[server(prefix = "/api", endpoint = "worklist")]
pub async fn get_worklist(
    slug: String,
    #[server(default)] query: ScorecardQuery,
    #[server(default)] saved: Option<String>,
) -> Result<Worklist, AppError> {
    let audit = coordinator()?;
    let filter = query.parse()?;
    let db = super::db()?;
    let mut list = domain::services::assessments::worklist(&db, &audit, &slug, &filter).await?;
    if let Some(saved) = saved {
        list.saved = domain::services::catalogue::demand_link(&db, &saved).await?;
    }
    Ok(list)
}
