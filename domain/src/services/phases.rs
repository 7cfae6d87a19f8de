//! Phases of the process: ordered, each with its dates.
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use super::convert::phase_view;
use super::revisions::{self, Diff};
use crate::audit::Audit;
use crate::entities::phase;
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, timeline::can_edit_timeline};
use crate::types::{DateSpan, EntityType, Invalid, InvalidReason, PhaseView, RevisionAction};

#[derive(Debug, Clone)]
pub struct PhaseInput {
    pub slug: String,
    pub ordinal: i32,
    pub name: String,
    pub span: DateSpan,
    pub note: String,
}

impl PhaseInput {
    fn validate(&self) -> DomainResult<()> {
        if self.name.trim().is_empty() {
            return Err(Invalid::new("name", InvalidReason::Required).into());
        }
        if self.name.chars().count() > 200 {
            return Err(Invalid::new("name", InvalidReason::TooLong { max: 200 }).into());
        }
        Ok(())
    }
}

/// Every phase, in order.
pub async fn list<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<PhaseView>> {
    phase::Entity::find()
        .order_by_asc(phase::Column::Ordinal)
        .order_by_asc(phase::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .map(phase_view)
        .collect()
}

pub async fn find_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<phase::Model>> {
    Ok(phase::Entity::find().filter(phase::Column::Slug.eq(slug)).one(db).await?)
}

pub async fn create(db: &DatabaseConnection, audit: &Audit, input: PhaseInput) -> DomainResult<PhaseView> {
    ensure(can_edit_timeline(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    let model = phase::Entity::insert(phase::ActiveModel {
        slug: Set(input.slug.clone()),
        ordinal: Set(input.ordinal),
        name: Set(input.name.clone()),
        starts_on: Set(input.span.start),
        ends_on: Set(input.span.end),
        date_precision: Set(input.span.precision.to_string()),
        note: Set(input.note.clone()),
        version: Set(1),
        updated_at: Set(audit.at),
        ..Default::default()
    })
    .exec_with_returning(&txn)
    .await?;
    let mut diff = Diff::new();
    diff.created("name", &input.name).created("dates", input.span.to_storage()).created("note", &input.note);
    revisions::record(
        &txn,
        audit,
        EntityType::Phase,
        model.id,
        &model.name,
        RevisionAction::Created,
        diff.into_changes(),
    )
    .await?;
    txn.commit().await?;
    phase_view(model)
}

/// Changes a phase's dates, name or note, if nobody changed it since `expected_version`.
pub async fn update(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    expected_version: i32,
    input: PhaseInput,
) -> DomainResult<PhaseView> {
    ensure(can_edit_timeline(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    let current = phase::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound("phase"))?;
    if current.version != expected_version {
        return Err(DomainError::Conflict { current_version: current.version });
    }
    let before = phase_view(current.clone())?;
    let mut diff = Diff::new();
    diff.field("name", &before.name, &input.name)
        .field("ordinal", before.ordinal, input.ordinal)
        .field("dates", before.span.to_storage(), input.span.to_storage())
        .field("note", &before.note, &input.note);
    if diff.is_empty() {
        return Ok(before);
    }
    let result = phase::Entity::update_many()
        .set(phase::ActiveModel {
            ordinal: Set(input.ordinal),
            name: Set(input.name.clone()),
            starts_on: Set(input.span.start),
            ends_on: Set(input.span.end),
            date_precision: Set(input.span.precision.to_string()),
            note: Set(input.note.clone()),
            version: Set(expected_version + 1),
            updated_at: Set(audit.at),
            ..Default::default()
        })
        .filter(phase::Column::Id.eq(id))
        .filter(phase::Column::Version.eq(expected_version))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(DomainError::Conflict { current_version: expected_version + 1 });
    }
    revisions::record(&txn, audit, EntityType::Phase, id, &input.name, RevisionAction::Updated, diff.into_changes())
        .await?;
    txn.commit().await?;
    let updated = phase::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::NotFound("phase"))?;
    phase_view(updated)
}
