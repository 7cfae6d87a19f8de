//! The timeline's editors (consultations and phases): what each needs to show its form.
//! Coordinators only.
use domain::types::{ConsultationDetail, PhaseView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Refuses people who may not edit the timeline.
#[cfg(feature = "ssr")]
fn coordinator() -> Result<(), AppError> {
    let actor = crate::auth::request_user().actor();
    Ok(domain::permissions::ensure(domain::permissions::timeline::can_edit_timeline(&actor))?)
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
    coordinator()?;
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
    coordinator()?;
    match slug {
        Some(slug) => Ok(Some(domain::services::phases::get(&super::db()?, &slug).await?)),
        None => Ok(None),
    }
}
