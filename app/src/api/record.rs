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

/// Draft positions the reader may see (of one organisation, or all), and whether they may start one there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drafts {
    pub drafts: Vec<PositionRef>,
    pub can_draft: bool,
    pub can_edit_organisation: bool,
}

#[cfg(feature = "ssr")]
mod server_side {
    use domain::audit::{Actor, Audit};
    use domain::types::FormValues;

    use crate::error::AppError;

    pub fn signed_in() -> Result<Audit, AppError> {
        let user = crate::auth::request_user();
        match user.account {
            None => Err(AppError::SignInRequired),
            Some(_) => Ok(Audit::now(user.actor())),
        }
    }

    pub fn pairs(v: &[(&str, String)]) -> FormValues {
        FormValues(v.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    pub fn is_coordinator(actor: &Actor) -> bool {
        domain::permissions::record::can_edit_record(actor)
    }
}

#[server(prefix = "/api", endpoint = "organisation_editor")]
pub async fn get_organisation_editor(slug: Option<String>) -> Result<RecordEditor, AppError> {
    use server_side::*;
    let audit = signed_in()?;
    if !is_coordinator(&audit.actor) {
        return Err(AppError::Forbidden);
    }
    let db = super::db()?;
    let networks: Vec<(String, String)> = domain::services::organisations::networks(&db)
        .await?
        .into_iter()
        .map(|(id, _, name)| (id.to_string(), name))
        .collect();
    let mut editor = RecordEditor { choices: vec![("coalitions".into(), networks)], ..Default::default() };
    if let Some(slug) = slug {
        let (_, version, i, coalitions) = domain::services::organisations::input_of(&db, &slug).await?;
        let mut values = pairs(&[
            ("name", i.name.clone()),
            ("slug", i.slug.clone()),
            ("acronym", i.acronym.clone()),
            ("kind", i.kind.to_string()),
            ("country", i.country.clone()),
            ("region", i.region.to_string()),
            ("website", i.website.clone()),
            ("description", i.description.clone()),
        ]);
        values.0.extend(coalitions.iter().map(|c| ("coalitions".to_string(), c.to_string())));
        editor.values = values;
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
            editor.values = pairs(&[
                ("title", f.title.clone()),
                ("slug", f.slug.clone()),
                ("published_on", f.published.map(|s| s.start.to_string()).unwrap_or_default()),
                ("precision", f.published.map(|s| s.precision.to_string()).unwrap_or_else(|| "day".into())),
                ("addresses", f.addresses.to_string()),
                ("addressee", f.addressee.clone()),
                ("responds_to", f.responds_to.clone().unwrap_or_default()),
                ("summary", f.summary.clone()),
                ("source", f.source.clone().unwrap_or_default()),
                ("source_locator", f.source_locator.clone()),
                ("presented_at", f.presented_at.clone().unwrap_or_default()),
            ]);
            editor.version = p.version;
            editor.title = f.title;
            editor.parent = f.slug;
        }
        (None, Some(org)) => {
            let (id, _, _, _) = domain::services::organisations::input_of(&db, &org).await?;
            if !domain::permissions::record::can_draft_for(&audit.actor, id) {
                return Err(AppError::Forbidden);
            }
            editor.values = pairs(&[("precision", "day".to_string()), ("addresses", "negotiation".to_string())]);
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
            let mut values = pairs(&[
                ("slug", d.fields.slug.clone()),
                ("text", d.fields.text.clone()),
                ("quote", d.fields.quote.clone()),
            ]);
            values.0.extend(d.fields.elements.iter().map(|(l, s)| (format!("stance_{l}"), s.to_string())));
            editor.values = values;
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
pub async fn get_position_drafts(organisation: Option<String>) -> Result<Drafts, AppError> {
    let actor = crate::auth::request_user().actor();
    let db = super::db()?;
    let organisation_id = match &organisation {
        Some(slug) => Some(domain::services::organisations::input_of(&db, slug).await?.0),
        None => None,
    };
    Ok(Drafts {
        drafts: domain::services::position_editing::drafts(&db, &actor, organisation_id).await?,
        can_draft: organisation_id.is_some_and(|id| domain::permissions::record::can_draft_for(&actor, id)),
        can_edit_organisation: domain::permissions::record::can_edit_record(&actor),
    })
}
