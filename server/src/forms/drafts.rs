//! Coordinators' scorecard forms: a draft with its text (pasted or uploaded), and the rating
//! of one demand against one draft.
use axum::extract::{Path, RawQuery, Request, State};
use axum::response::Response;
use domain::permissions::scorecard::{can_assess, can_enter_drafts};
use domain::services::{assessments, draft_changes, drafts};
use domain::types::forms::parse_number;
use domain::types::{AssessmentFields, DraftChangeFields, DraftFields, ScorecardQuery};

use super::submit::{require, submit, submit_within, Done};
use super::MAX_UPLOAD_BYTES;
use crate::state::AppState;

/// POST /drafts/new
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    submit_within(MAX_UPLOAD_BYTES, state, req, None, |s| async move {
        require(can_enter_drafts(&s.audit.actor))?;
        let fields = DraftFields::from_form(&s.values)?;
        let slug = drafts::create(&s.state.db, &s.audit, fields).await?;
        Done::to(format!("/drafts/{slug}"))
    })
    .await
}

/// POST /drafts/{slug}/edit (a new text replaces the stored one; no text keeps it)
pub async fn update(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    submit_within(MAX_UPLOAD_BYTES, state, req, None, |s| async move {
        require(can_enter_drafts(&s.audit.actor))?;
        let fields = DraftFields::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        let saved = drafts::update(&s.state.db, &s.audit, &slug, version, fields).await?;
        Done::to(format!("/drafts/{saved}"))
    })
    .await
}

/// The assessing page's filter, rebuilt from the query the form was posted with (only
/// validated parameters go back into the address).
fn worklist_query(raw: Option<String>) -> String {
    let query: ScorecardQuery = serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let filter = query.parse().unwrap_or_default();
    let pending_only = query.show.as_deref() != Some("all");
    let mut pairs = Vec::new();
    if let Some(e) = filter.element {
        pairs.push(("element", e.to_string()));
    }
    if let Some(o) = filter.organisation {
        pairs.push(("organisation", o));
    }
    if !pending_only {
        pairs.push(("show", "all".to_string()));
    }
    if filter.page > 1 {
        pairs.push(("page", filter.page.to_string()));
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// POST /drafts/{slug}/assess/{demand}?{the page's filter}: back to the assessing page, which
/// says what was saved (a refusal is shown there, beside the demand's form).
pub async fn assess(
    State(state): State<AppState>,
    Path((draft, demand)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    req: Request,
) -> Response {
    let query = worklist_query(raw);
    let separator = if query.is_empty() { "" } else { "&" };
    let page = format!("/drafts/{draft}/assess?{query}");
    submit(state, req, Some(page.clone()), |s| async move {
        require(can_assess(&s.audit.actor))?;
        let fields = AssessmentFields::from_form(&s.values)?;
        let version = parse_number(&s.values, "version")?;
        assessments::assess(&s.state.db, &s.audit, &draft, &demand, version, fields, false).await?;
        let saved = serde_urlencoded::to_string([("saved", demand.as_str())]).unwrap_or_default();
        Done::to(format!("{page}{separator}{saved}#worklist"))
    })
    .await
}

/// POST /drafts/{slug}/changes: a change first documented in this draft, with its source;
/// a refusal re-renders the draft's page with the form open and what was typed.
pub async fn add_change(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let page = format!("/drafts/{slug}");
    submit(state, req, Some(page.clone()), |s| async move {
        require(can_enter_drafts(&s.audit.actor))?;
        let fields = DraftChangeFields::from_form(&s.values)?;
        let id = draft_changes::create(&s.state.db, &s.audit, &slug, fields).await?;
        Done::to(format!("{page}#change-{id}"))
    })
    .await
}

/// POST /drafts/{slug}/changes/{id}/delete (from the version shown)
pub async fn delete_change(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i32)>,
    req: Request,
) -> Response {
    let page = format!("/drafts/{slug}");
    submit(state, req, Some(page.clone()), |s| async move {
        require(can_enter_drafts(&s.audit.actor))?;
        let version = parse_number(&s.values, "version")?;
        draft_changes::delete(&s.state.db, &s.audit, id, version).await?;
        Done::to(format!("{page}#changes-heading"))
    })
    .await
}
