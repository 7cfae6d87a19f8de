use domain::types::{ConsultationDetail, PhaseView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::ViewerState;
use crate::error::AppError;

/// Who is signed in (for the header and the permission-dependent parts of pages).
#[server(prefix = "/api", endpoint = "viewer")]
pub async fn get_viewer() -> Result<ViewerState, AppError> {
    Ok(crate::auth::request_user().state())
}

/// What the consultation editor needs: the record as saved now (none when creating) and the
/// phases to choose from. Coordinators only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationEditor {
    pub current: Option<ConsultationDetail>,
    pub phases: Vec<PhaseView>,
}

#[server(prefix = "/api", endpoint = "consultation_editor")]
pub async fn get_consultation_editor(key: Option<String>) -> Result<ConsultationEditor, AppError> {
    let user = crate::auth::request_user();
    if !domain::permissions::timeline::can_edit_timeline(&user.actor()) {
        return Err(if user.account.is_some() { AppError::Forbidden } else { AppError::SignInRequired });
    }
    let db = super::db()?;
    let current = match key {
        Some(key) => Some(domain::services::consultations::get(&db, &key).await?),
        None => None,
    };
    Ok(ConsultationEditor { current, phases: domain::services::phases::list(&db).await? })
}

/// What the phase editor needs: the phase as saved now (none when creating). Coordinators only.
#[server(prefix = "/api", endpoint = "phase_editor")]
pub async fn get_phase_editor(slug: Option<String>) -> Result<Option<PhaseView>, AppError> {
    let user = crate::auth::request_user();
    if !domain::permissions::timeline::can_edit_timeline(&user.actor()) {
        return Err(if user.account.is_some() { AppError::Forbidden } else { AppError::SignInRequired });
    }
    match slug {
        Some(slug) => Ok(Some(domain::services::phases::get(&super::db()?, &slug).await?)),
        None => Ok(None),
    }
}
