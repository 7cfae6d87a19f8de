//! The changes documented between drafts: part of the record, so that comparing two drafts
//! shows what is known to have changed even where the tracker does not hold their text.
//! Coordinators add them on the draft where a change is first documented, each with its
//! source; every addition and removal is a revision of that draft.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::query::load;
use super::revisions::{self, Diff};
use crate::audit::Audit;
use crate::entities::{draft, draft_change};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, scorecard::can_enter_drafts};
use crate::types::{DocumentedChange, DraftChangeFields, DraftRef, EntityType, Invalid, InvalidReason, RevisionAction};

fn view(m: draft_change::Model, drafts: &HashMap<i32, DraftRef>) -> DomainResult<DocumentedChange> {
    Ok(DocumentedChange {
        id: m.id,
        draft: drafts.get(&m.draft_id).cloned().ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?,
        earlier: m.earlier_draft_id.and_then(|id| drafts.get(&id).cloned()),
        section: m.section_ref,
        locator: m.locator,
        summary: m.summary,
        before: m.before_text,
        after: m.after_text,
        source_url: m.source_url,
        version: m.version,
    })
}

async fn by_id<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<i32, DraftRef>> {
    Ok(load::drafts(db).await?.into_iter().collect())
}

/// The changes first documented in `draft_id`, in their order.
pub async fn of_draft<C: ConnectionTrait>(db: &C, draft_id: i32) -> DomainResult<Vec<DocumentedChange>> {
    let drafts = by_id(db).await?;
    draft_change::Entity::find()
        .filter(draft_change::Column::DraftId.eq(draft_id))
        .order_by_asc(draft_change::Column::Ordinal)
        .order_by_asc(draft_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| view(m, &drafts))
        .collect()
}

/// The changes documented after the draft `from` up to the draft `to` (first documented in a
/// draft released after `from` and no later than `to`), oldest draft first. Comparing a
/// draft with an earlier one lists nothing: the changes run forward.
pub async fn between<C: ConnectionTrait>(
    db: &C,
    from: &(i32, DraftRef),
    to: &(i32, DraftRef),
) -> DomainResult<Vec<DocumentedChange>> {
    let all = load::drafts(db).await?;
    let position = |id: i32| all.iter().position(|(d, _)| *d == id);
    let (Some(start), Some(end)) = (position(from.0), position(to.0)) else {
        return Ok(Vec::new());
    };
    if start >= end {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = all[start + 1..=end].iter().map(|(id, _)| *id).collect();
    let drafts: HashMap<i32, DraftRef> = all.iter().cloned().collect();
    let order: HashMap<i32, usize> = all.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    let mut rows = draft_change::Entity::find().filter(draft_change::Column::DraftId.is_in(ids)).all(db).await?;
    rows.sort_by_key(|m| (order.get(&m.draft_id).copied().unwrap_or(usize::MAX), m.ordinal, m.id));
    rows.into_iter().map(|m| view(m, &drafts)).collect()
}

async fn draft_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<draft::Model> {
    draft::Entity::find()
        .filter(draft::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Draft))
}

/// Records a change first documented in the draft `draft_slug`. The earlier draft must be
/// released before it; the section cited must be one of the draft's. Coordinators only.
pub async fn create(
    db: &DatabaseConnection,
    audit: &Audit,
    draft_slug: &str,
    fields: DraftChangeFields,
) -> DomainResult<i32> {
    let txn = crate::db::begin_write(db).await?;
    let id = create_in(&txn, audit, draft_slug, fields).await?;
    txn.commit().await?;
    Ok(id)
}

/// `create` inside a transaction the caller commits (the seed records many in one).
pub async fn create_in<C: ConnectionTrait>(
    txn: &C,
    audit: &Audit,
    draft_slug: &str,
    fields: DraftChangeFields,
) -> DomainResult<i32> {
    ensure(can_enter_drafts(&audit.actor))?;
    if let Some(e) = fields.check().into_iter().next() {
        return Err(e.into());
    }
    let d = draft_by_slug(txn, draft_slug).await?;
    let earlier_id = match &fields.earlier {
        None => None,
        Some(slug) => {
            let e = draft::Entity::find()
                .filter(draft::Column::Slug.eq(slug))
                .one(txn)
                .await?
                .ok_or_else(|| Invalid::new("earlier", InvalidReason::UnknownValue(slug.clone())))?;
            if e.released_on >= d.released_on {
                return Err(Invalid::new("earlier", InvalidReason::UnknownValue(slug.clone())).into());
            }
            Some(e.id)
        }
    };
    if !fields.section.is_empty() && !super::drafts::section_keys(txn, d.id).await?.contains(&fields.section) {
        return Err(Invalid::new("section", InvalidReason::UnknownSection(fields.section.clone())).into());
    }
    let ordinal = draft_change::Entity::find().filter(draft_change::Column::DraftId.eq(d.id)).all(txn).await?.len();
    let m = draft_change::ActiveModel {
        draft_id: Set(d.id),
        earlier_draft_id: Set(earlier_id),
        ordinal: Set(i32::try_from(ordinal).unwrap_or(i32::MAX)),
        section_ref: Set(fields.section.clone()),
        locator: Set(fields.locator.clone()),
        summary: Set(fields.summary.clone()),
        before_text: Set(fields.before.clone()),
        after_text: Set(fields.after.clone()),
        source_url: Set(fields.source_url.clone()),
        version: Set(1),
        updated_at: Set(audit.at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut diff = Diff::new();
    diff.created("documented_change", format!("{}: {}", fields.locator, fields.summary))
        .created("source_url", &fields.source_url);
    revisions::record(txn, audit, EntityType::Draft, d.id, &d.label, RevisionAction::Updated, diff.into_changes())
        .await?;
    Ok(m.id)
}

/// Removes a documented change (from `expected_version`, so a change edited meanwhile is not
/// removed unseen). Coordinators only.
pub async fn delete(db: &DatabaseConnection, audit: &Audit, id: i32, expected_version: i32) -> DomainResult<()> {
    ensure(can_enter_drafts(&audit.actor))?;
    let txn = crate::db::begin_write(db).await?;
    let m = draft_change::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::DocumentedChange))?;
    if m.version != expected_version {
        return Err(DomainError::Conflict { current_version: m.version });
    }
    let d = draft::Entity::find_by_id(m.draft_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?;
    draft_change::Entity::delete_by_id(id).exec(&txn).await?;
    let mut diff = Diff::new();
    diff.field("documented_change", format!("{}: {}", m.locator, m.summary), "");
    revisions::record(&txn, audit, EntityType::Draft, d.id, &d.label, RevisionAction::Updated, diff.into_changes())
        .await?;
    txn.commit().await?;
    Ok(())
}
