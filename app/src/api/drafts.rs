//! Drafts: the public list, and the coordinators' draft editor and assessing page.
use domain::types::{DraftDetail, DraftView, FormValues, ScorecardQuery, Worklist};
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
    /// The form's fields: the stored draft's, or a new draft's defaults.
    pub values: FormValues,
}

/// Refuses people who may not enter drafts or assess (coordinators only).
#[cfg(feature = "ssr")]
fn coordinator() -> Result<domain::audit::Audit, AppError> {
    let actor = crate::auth::request_user().actor();
    domain::permissions::ensure(domain::permissions::scorecard::can_enter_drafts(&actor))?;
    Ok(domain::audit::Audit::now(actor))
}

#[server(prefix = "/api", endpoint = "draft_editor")]
pub async fn get_draft_editor(slug: Option<String>) -> Result<DraftEditor, AppError> {
    coordinator()?;
    let db = super::db()?;
    let Some(slug) = slug else {
        return Ok(DraftEditor { current: None, values: FormValues::of(&[("format", "markdown")]) });
    };
    let current = domain::services::drafts::get(&db, &slug).await?;
    let (format, text) = domain::services::drafts::text(&db, &slug)
        .await?
        .unwrap_or((domain::types::TextFormat::Markdown, String::new()));
    let values = domain::types::DraftFields::of(&current, format, text).to_form();
    Ok(DraftEditor { current: Some(current), values })
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
