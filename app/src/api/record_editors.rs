//! What the record's editors (organisations, positions, demands) start from. Each checks, on
//! the server, that the person may edit; the saving itself goes through the form endpoints.
use domain::types::{FormValues, PositionRef};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// An editor's starting point: the stored values as the form's fields (empty when creating),
/// the version they were read at, and the choices its selects offer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordEditor {
    pub values: FormValues,
    pub version: i32,
    /// The record's name (its heading), empty when creating.
    pub title: String,
    /// Where the record sits: the organisation's slug (positions) or the position's (demands).
    pub parent: String,
    pub choices: Vec<(String, Vec<(String, String)>)>,
}

impl RecordEditor {
    pub fn choices(&self, key: &str) -> Vec<(String, String)> {
        self.choices.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// Unpublished positions the reader may see (of one organisation, or all), and whether they may start one there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnpublishedPositions {
    pub drafts: Vec<PositionRef>,
    pub can_draft: bool,
    pub can_edit_organisation: bool,
}

#[cfg(feature = "ssr")]
mod server_side {
    use domain::audit::{Actor, Audit};

    use crate::error::AppError;

    pub fn signed_in() -> Result<Audit, AppError> {
        let actor = crate::auth::request_user().actor();
        domain::permissions::ensure(actor.user_id().is_some())?;
        Ok(Audit::now(actor))
    }

    pub fn is_coordinator(actor: &Actor) -> bool {
        domain::permissions::record::can_edit_record(actor)
    }
}

#[server(prefix = "/api", endpoint = "organisation_editor")]
pub async fn get_organisation_editor(slug: Option<String>) -> Result<RecordEditor, AppError> {
    use server_side::*;
    let audit = signed_in()?;
    domain::permissions::ensure(is_coordinator(&audit.actor))?;
    let db = super::db()?;
    let networks: Vec<(String, String)> = domain::services::organisations::networks(&db)
        .await?
        .into_iter()
        .map(|(id, _, name)| (id.to_string(), name))
        .collect();
    let mut editor = RecordEditor { choices: vec![("coalitions".into(), networks)], ..Default::default() };
    if let Some(slug) = slug {
        let (_, version, i, coalitions) = domain::services::organisations::input_of(&db, &slug).await?;
        editor.values = i.to_form(&coalitions);
        editor.version = version;
        editor.title = i.name;
    }
    Ok(editor)
}

#[server(prefix = "/api", endpoint = "position_editor")]
pub async fn get_position_editor(slug: Option<String>, organisation: Option<String>) -> Result<RecordEditor, AppError> {
    use server_side::*;
    let audit = signed_in()?;
    let db = super::db()?;
    let sources: Vec<(String, String)> =
        domain::services::sources::views(&db).await?.into_values().map(|s| (s.slug, s.title)).collect();
    let consultations: Vec<(String, String)> = domain::services::consultations::list(&db, &Default::default())
        .await?
        .into_iter()
        .map(|c| (c.slug, c.title))
        .collect();
    let drafts: Vec<(String, String)> =
        domain::services::drafts::refs(&db).await?.into_iter().map(|d| (d.slug, d.label)).collect();
    let mut editor = RecordEditor {
        choices: vec![
            ("source".into(), sources),
            ("presented_at".into(), consultations),
            ("responds_to".into(), drafts),
        ],
        ..Default::default()
    };
    match (slug, organisation) {
        (Some(slug), _) => {
            let p = domain::services::position_editing::editable(&db, &audit, &slug).await?;
            let f = p.fields;
            editor.values = f.to_form();
            editor.version = p.version;
            editor.title = f.title;
            editor.parent = f.slug;
        }
        (None, Some(org)) => {
            let (id, _, _, _) = domain::services::organisations::input_of(&db, &org).await?;
            domain::permissions::ensure(domain::permissions::record::can_prepare_for(&audit.actor, id))?;
            editor.values = domain::types::PositionFields::new_form();
            editor.parent = org;
        }
        (None, None) => return Err(AppError::NotFound(domain::types::EntityType::Organisation)),
    }
    Ok(editor)
}

#[server(prefix = "/api", endpoint = "demand_editor")]
pub async fn get_demand_editor(slug: Option<String>, position: Option<String>) -> Result<RecordEditor, AppError> {
    use server_side::*;
    let audit = signed_in()?;
    let db = super::db()?;
    let mut editor = RecordEditor::default();
    match (slug, position) {
        (Some(slug), _) => {
            let d = domain::services::demands::stored(&db, &slug).await?;
            domain::services::position_editing::editable(&db, &audit, &d.position_slug).await?;
            editor.values = d.fields.to_form();
            editor.version = d.version;
            editor.title = d.fields.slug;
            editor.parent = d.position_slug;
        }
        (None, Some(position)) => {
            domain::services::position_editing::editable(&db, &audit, &position).await?;
            editor.parent = position;
        }
        (None, None) => return Err(AppError::NotFound(domain::types::EntityType::Position)),
    }
    Ok(editor)
}

#[server(prefix = "/api", endpoint = "position_drafts")]
pub async fn get_unpublished_positions(organisation: Option<String>) -> Result<UnpublishedPositions, AppError> {
    let actor = crate::auth::request_user().actor();
    let db = super::db()?;
    let organisation_id = match &organisation {
        Some(slug) => Some(domain::services::organisations::input_of(&db, slug).await?.0),
        None => None,
    };
    Ok(UnpublishedPositions {
        drafts: domain::services::position_editing::drafts(&db, &actor, organisation_id).await?,
        can_draft: organisation_id.is_some_and(|id| domain::permissions::record::can_prepare_for(&actor, id)),
        can_edit_organisation: domain::permissions::record::can_edit_record(&actor),
    })
}
