//! Phases of the process: ordered, each with its dates.
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use super::convert::phase_view;
use super::editing::{self, Editable, Stored, StoredOf};
use super::revisions;
use crate::audit::{Actor, Audit};
use crate::entities::phase;
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, timeline::can_edit_timeline};
use crate::types::fields::PhaseField;
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

/// A phase, described for the versioned save.
pub struct PhaseRecord;

impl Editable for PhaseRecord {
    const KIND: EntityType = EntityType::Phase;
    type Field = PhaseField;
    type Key = i32;
    type Input = PhaseInput;
    type Context = ();

    async fn load<C: ConnectionTrait>(db: &C, id: &i32) -> DomainResult<Option<StoredOf<Self>>> {
        match phase::Entity::find_by_id(*id).one(db).await? {
            None => Ok(None),
            Some(m) => {
                let v = phase_view(m)?;
                let input = PhaseInput { slug: v.slug, ordinal: v.ordinal, name: v.name, span: v.span, note: v.note };
                Ok(Some(Stored { id: v.id, version: v.version, input, context: () }))
            }
        }
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_edit_timeline(actor))
    }

    fn check(input: &PhaseInput) -> Result<(), Invalid> {
        input.validate()
    }

    async fn values<C: ConnectionTrait>(
        _db: &C,
        input: &PhaseInput,
        _: &(),
    ) -> DomainResult<Vec<(PhaseField, String)>> {
        Ok(crate::types::fields::revision_values(&input.to_form()))
    }

    fn label(input: &PhaseInput, _: &()) -> String {
        input.name.clone()
    }

    fn slug(input: &PhaseInput) -> Option<&str> {
        Some(&input.slug)
    }

    async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
        Ok(find_by_slug(db, slug).await?.is_some())
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        input: &PhaseInput,
    ) -> DomainResult<bool> {
        let result = phase::Entity::update_many()
            .set(active_model(input, stored.version + 1, audit))
            .filter(phase::Column::Id.eq(stored.id))
            .filter(phase::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        Ok(result.rows_affected == 1)
    }

    async fn remove<C: ConnectionTrait>(db: &C, stored: &StoredOf<Self>) -> DomainResult<bool> {
        let removed = phase::Entity::delete_many()
            .filter(phase::Column::Id.eq(stored.id))
            .filter(phase::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        Ok(removed.rows_affected == 1)
    }
}

fn active_model(input: &PhaseInput, version: i32, audit: &Audit) -> phase::ActiveModel {
    phase::ActiveModel {
        slug: Set(input.slug.clone()),
        ordinal: Set(input.ordinal),
        name: Set(input.name.clone()),
        starts_on: Set(input.span.start),
        ends_on: Set(input.span.end),
        date_precision: Set(input.span.precision),
        note: Set(input.note.clone()),
        version: Set(version),
        updated_at: Set(audit.at),
        ..Default::default()
    }
}

pub async fn create(db: &DatabaseConnection, audit: &Audit, input: PhaseInput) -> DomainResult<PhaseView> {
    ensure(can_edit_timeline(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    if find_by_slug(&txn, &input.slug).await?.is_some() {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let model = phase::Entity::insert(active_model(&input, 1, audit)).exec_with_returning(&txn).await?;
    let changes = editing::all_set(PhaseRecord::values(&txn, &input, &()).await?, true);
    revisions::record(&txn, audit, EntityType::Phase, model.id, &model.name, RevisionAction::Created, changes).await?;
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
    let saved = editing::save::<PhaseRecord>(db, audit, &id, expected_version, input).await?.or_conflict()?;
    let updated = phase::Entity::find_by_id(saved.id).one(db).await?.ok_or(DomainError::NotFound(EntityType::Phase))?;
    phase_view(updated)
}

/// One phase by its slug.
pub async fn get<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<PhaseView> {
    phase_view(find_by_slug(db, slug).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Phase))?)
}

/// Removes a phase; its consultations stay on the timeline, without a phase.
pub async fn delete(db: &DatabaseConnection, audit: &Audit, id: i32, expected_version: i32) -> DomainResult<()> {
    editing::delete::<PhaseRecord>(db, audit, &id, expected_version).await.map(|_| ())
}
