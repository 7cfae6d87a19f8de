//! Phases of the process: ordered, each with its dates.
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use super::convert::phase_view;
use super::revisions::{self, Diff};
use crate::audit::Audit;
use crate::entities::phase;
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, timeline::can_edit_timeline};
use crate::types::{EntityType, Invalid, InvalidReason, PhaseView, RevisionAction};

pub use crate::types::PhaseInput;

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
    if find_by_slug(&txn, &input.slug).await?.is_some() {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
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
    if input.slug != before.slug && find_by_slug(&txn, &input.slug).await?.is_some() {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let mut diff = Diff::new();
    diff.field("slug", &before.slug, &input.slug)
        .field("name", &before.name, &input.name)
        .field("ordinal", before.ordinal, input.ordinal)
        .field("dates", before.span.to_storage(), input.span.to_storage())
        .field("note", &before.note, &input.note);
    if diff.is_empty() {
        return Ok(before);
    }
    let result = phase::Entity::update_many()
        .set(phase::ActiveModel {
            slug: Set(input.slug.clone()),
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

/// One phase by its slug.
pub async fn get<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<PhaseView> {
    phase_view(find_by_slug(db, slug).await?.ok_or(DomainError::NotFound("phase"))?)
}

/// Removes a phase; its consultations stay on the timeline, without a phase.
pub async fn delete(db: &DatabaseConnection, audit: &Audit, id: i32, expected_version: i32) -> DomainResult<()> {
    ensure(can_edit_timeline(&audit.actor))?;
    let txn = crate::db::begin_write(db).await?;
    let current = phase::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound("phase"))?;
    if current.version != expected_version {
        return Err(DomainError::Conflict { current_version: current.version });
    }
    let before = phase_view(current)?;
    phase::Entity::delete_by_id(id).exec(&txn).await?;
    let mut diff = Diff::new();
    diff.deleted("name", &before.name).deleted("dates", before.span.to_storage()).deleted("note", &before.note);
    revisions::record(&txn, audit, EntityType::Phase, id, &before.name, RevisionAction::Deleted, diff.into_changes())
        .await?;
    txn.commit().await?;
    Ok(())
}
