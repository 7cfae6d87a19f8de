//! Revisions: every change to the timeline and the record, kept with who (in role terms),
//! when, and which field changed from what to what. Written in the same transaction as the change.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::audit::Audit;
use crate::entities::{consultation, revision};
use crate::error::{DomainError, DomainResult};
use crate::types::{EntityType, FieldChange, RevisionAction, RevisionView};

/// Collects the fields that differ between two versions of a record.
#[derive(Debug, Default)]
pub struct Diff(Vec<FieldChange>);

impl Diff {
    pub fn new() -> Self {
        Diff(Vec::new())
    }

    /// Records `field` if `from` and `to` differ.
    pub fn field(&mut self, field: &str, from: impl ToString, to: impl ToString) -> &mut Self {
        let (from, to) = (from.to_string(), to.to_string());
        if from != to {
            self.0.push(FieldChange { field: field.to_string(), from: Some(from), to: Some(to) });
        }
        self
    }

    /// Records every field of a new record as set from nothing.
    pub fn created(&mut self, field: &str, to: impl ToString) -> &mut Self {
        let to = to.to_string();
        if !to.is_empty() {
            self.0.push(FieldChange { field: field.to_string(), from: None, to: Some(to) });
        }
        self
    }

    /// Records a field of a removed record as going to nothing.
    pub fn deleted(&mut self, field: &str, from: impl ToString) -> &mut Self {
        let from = from.to_string();
        if !from.is_empty() {
            self.0.push(FieldChange { field: field.to_string(), from: Some(from), to: None });
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_changes(self) -> Vec<FieldChange> {
        self.0
    }
}

/// Writes one revision. Call it inside the transaction that makes the change.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    audit: &Audit,
    entity_type: EntityType,
    entity_id: i32,
    entity_label: &str,
    action: RevisionAction,
    changes: Vec<FieldChange>,
) -> DomainResult<()> {
    let topics_changes = changes.clone();
    let changes = serde_json::to_string(&changes).map_err(|e| DomainError::Corrupt(e.to_string()))?;
    revision::Entity::insert(revision::ActiveModel {
        entity_type: Set(entity_type),
        entity_id: Set(entity_id),
        entity_label: Set(entity_label.to_string()),
        action: Set(action),
        changes: Set(changes),
        actor_role: Set(audit.actor.role_label().to_string()),
        actor_user_id: Set(audit.actor.user_id()),
        note: Set(audit.note.clone()),
        changed_at: Set(audit.at),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let topics = super::changes::of_revision(db, entity_type, entity_id, &topics_changes, audit.at).await?;
    super::changes::note(db, topics).await
}

/// The history of one item, oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    entity_type: EntityType,
    entity_id: i32,
) -> DomainResult<Vec<RevisionView>> {
    let rows = revision::Entity::find()
        .filter(revision::Column::EntityType.eq(entity_type))
        .filter(revision::Column::EntityId.eq(entity_id))
        .order_by_asc(revision::Column::ChangedAt)
        .order_by_asc(revision::Column::Id)
        .all(db)
        .await?;
    to_views(db, rows).await
}

/// The latest changes to the timeline (phases and consultations) made on or before `until`, newest first.
pub async fn latest_timeline_changes<C: ConnectionTrait>(
    db: &C,
    until: DateTime<Utc>,
    limit: u64,
) -> DomainResult<Vec<RevisionView>> {
    let rows = revision::Entity::find()
        .filter(revision::Column::EntityType.is_in([EntityType::Phase, EntityType::Consultation]))
        .filter(revision::Column::ChangedAt.lte(until))
        .order_by_desc(revision::Column::ChangedAt)
        .order_by_desc(revision::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    to_views(db, rows).await
}

async fn to_views<C: ConnectionTrait>(db: &C, rows: Vec<revision::Model>) -> DomainResult<Vec<RevisionView>> {
    let consultation_ids: Vec<i32> =
        rows.iter().filter(|r| r.entity_type == EntityType::Consultation).map(|r| r.entity_id).collect();
    let slugs: HashMap<i32, String> = if consultation_ids.is_empty() {
        HashMap::new()
    } else {
        consultation::Entity::find()
            .filter(consultation::Column::Id.is_in(consultation_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.slug))
            .collect()
    };
    rows.into_iter()
        .map(|r| {
            let entity_type: EntityType = r.entity_type;
            let changes: Vec<FieldChange> = serde_json::from_str(&r.changes)
                .map_err(|e| DomainError::Corrupt(format!("revisions.changes: {e}")))?;
            Ok(RevisionView {
                id: r.id,
                entity_slug: match entity_type {
                    EntityType::Consultation => slugs.get(&r.entity_id).cloned(),
                    _ => None,
                },
                entity_type,
                entity_id: r.entity_id,
                entity_label: r.entity_label,
                action: r.action,
                changes,
                actor_role: r.actor_role,
                note: r.note,
                changed_at: r.changed_at,
            })
        })
        .collect()
}
