//! Drafts of the compact: the successive texts under negotiation.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::revisions::{self, Diff};
use crate::audit::Audit;
use crate::entities::{draft, draft_section, objective};
use crate::error::DomainResult;
use crate::permissions::{ensure, record::can_edit_record};
use crate::types::{DraftView, EntityType, Invalid, InvalidReason, RevisionAction};

#[derive(Debug, Clone)]
pub struct DraftInput {
    pub slug: String,
    pub label: String,
    pub released_on: NaiveDate,
    pub objective_count: Option<i32>,
    pub source_url: String,
    pub note: String,
}

pub async fn create(db: &DatabaseConnection, audit: &Audit, input: DraftInput) -> DomainResult<i32> {
    ensure(can_edit_record(&audit.actor))?;
    if input.label.trim().is_empty() {
        return Err(Invalid::new("label", InvalidReason::Required).into());
    }
    let txn = crate::db::begin_write(db).await?;
    let m = draft::ActiveModel {
        slug: Set(input.slug.clone()),
        label: Set(input.label.clone()),
        released_on: Set(input.released_on),
        objective_count: Set(input.objective_count),
        source_url: Set(input.source_url.clone()),
        note: Set(input.note.clone()),
        version: Set(1),
        updated_at: Set(audit.at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut diff = Diff::new();
    diff.created("label", &input.label)
        .created("released_on", input.released_on)
        .created("objective_count", input.objective_count.map(|n| n.to_string()).unwrap_or_default())
        .created("note", &input.note);
    revisions::record(&txn, audit, EntityType::Draft, m.id, &input.label, RevisionAction::Created, diff.into_changes())
        .await?;
    txn.commit().await?;
    Ok(m.id)
}

pub async fn exists<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
    Ok(draft::Entity::find().filter(draft::Column::Slug.eq(slug)).one(db).await?.is_some())
}

/// Every draft, oldest first, with its objective count and how many sections of text it holds.
pub async fn list<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<DraftView>> {
    let drafts = draft::Entity::find().order_by_asc(draft::Column::ReleasedOn).all(db).await?;
    let mut sections: HashMap<i32, usize> = HashMap::new();
    for s in draft_section::Entity::find().all(db).await? {
        *sections.entry(s.draft_id).or_default() += 1;
    }
    Ok(drafts
        .into_iter()
        .map(|d| DraftView {
            section_count: sections.get(&d.id).copied().unwrap_or(0),
            slug: d.slug,
            label: d.label,
            released_on: d.released_on,
            objective_count: d.objective_count,
            source_url: d.source_url,
            note: d.note,
        })
        .collect())
}

/// Records one of the final compact's objectives (idempotent by number).
pub async fn upsert_objective<C: ConnectionTrait>(db: &C, audit: &Audit, number: i32, title: &str) -> DomainResult<()> {
    ensure(can_edit_record(&audit.actor))?;
    let existing = objective::Entity::find().filter(objective::Column::Number.eq(number)).one(db).await?;
    if existing.is_none() {
        objective::ActiveModel { number: Set(number), title: Set(title.to_string()), ..Default::default() }
            .insert(db)
            .await?;
    }
    Ok(())
}

/// The final compact's objectives, by number.
pub async fn objectives<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<(i32, String)>> {
    Ok(objective::Entity::find()
        .order_by_asc(objective::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.number, o.title))
        .collect())
}
