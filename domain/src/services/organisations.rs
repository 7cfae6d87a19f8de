//! Organisations of civil society and their coalition memberships.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::convert::organisation_ref;
use super::editing::{self, Editable, Stored, StoredOf};
use super::positions;
use super::revisions;
use crate::audit::{Actor, Audit};
use crate::entities::{coalition_membership, demand, organisation, position, position_signatory};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, record::can_edit_record};
use crate::types::fields::OrganisationField;
use crate::types::*;

pub use crate::types::OrganisationInput;

pub async fn create(db: &DatabaseConnection, audit: &Audit, input: OrganisationInput) -> DomainResult<i32> {
    create_in(db, audit, input, Vec::new()).await
}

/// Records an organisation and the coalitions it belongs to, with its revision.
pub async fn create_in(
    db: &DatabaseConnection,
    audit: &Audit,
    input: OrganisationInput,
    coalitions: Vec<i32>,
) -> DomainResult<i32> {
    ensure(can_edit_record(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    if organisation::Entity::find().filter(organisation::Column::Slug.eq(&input.slug)).one(&txn).await?.is_some() {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let m = active_model(&input, 1, audit).insert(&txn).await?;
    for coalition in coalitions.iter().filter(|c| **c != m.id) {
        if organisation::Entity::find_by_id(*coalition).one(&txn).await?.is_none() {
            return Err(Invalid::new("coalitions", InvalidReason::UnknownValue(coalition.to_string())).into());
        }
        coalition_membership::ActiveModel { coalition_id: Set(*coalition), member_id: Set(m.id) }.insert(&txn).await?;
    }
    let edit = OrganisationEdit { fields: input, coalitions };
    let changes = editing::all_set(OrganisationRecord::values(&txn, &edit, &()).await?, true);
    revisions::record(&txn, audit, EntityType::Organisation, m.id, &edit.fields.name, RevisionAction::Created, changes)
        .await?;
    txn.commit().await?;
    Ok(m.id)
}

/// Records that `member` belongs to the coalition `coalition` (idempotent).
pub async fn add_to_coalition<C: ConnectionTrait>(
    db: &C,
    audit: &Audit,
    coalition: i32,
    member: i32,
) -> DomainResult<()> {
    ensure(can_edit_record(&audit.actor))?;
    if coalition == member {
        return Err(Invalid::new("member_of", InvalidReason::UnknownValue(member.to_string())).into());
    }
    let existing = coalition_membership::Entity::find_by_id((coalition, member)).one(db).await?;
    if existing.is_none() {
        coalition_membership::ActiveModel { coalition_id: Set(coalition), member_id: Set(member) }.insert(db).await?;
    }
    Ok(())
}

pub async fn ids_by_slug<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<String, i32>> {
    Ok(organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.slug, o.id)).collect())
}

pub(crate) fn summary(o: &organisation::Model, positions: usize, demands: usize) -> DomainResult<OrganisationSummary> {
    Ok(OrganisationSummary {
        slug: o.slug.clone(),
        name: o.name.clone(),
        acronym: o.acronym.clone(),
        kind: o.kind,
        country: o.country.clone(),
        region: o.region,
        position_count: positions,
        demand_count: demands,
    })
}

/// Every organisation, by name, with how many published positions and demands it signed.
pub async fn list<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<OrganisationSummary>> {
    let orgs = organisation::Entity::find().order_by_asc(organisation::Column::Name).all(db).await?;
    let published: HashMap<i32, ()> = position::Entity::find()
        .filter(position::Column::Status.eq(PositionStatus::Published))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, ()))
        .collect();
    let mut demands_per_position: HashMap<i32, usize> = HashMap::new();
    for d in demand::Entity::find().all(db).await? {
        *demands_per_position.entry(d.position_id).or_default() += 1;
    }
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for s in position_signatory::Entity::find().all(db).await? {
        if published.contains_key(&s.position_id) {
            let c = counts.entry(s.organisation_id).or_default();
            c.0 += 1;
            c.1 += demands_per_position.get(&s.position_id).copied().unwrap_or(0);
        }
    }
    orgs.iter()
        .map(|o| {
            let (p, d) = counts.get(&o.id).copied().unwrap_or_default();
            summary(o, p, d)
        })
        .collect()
}

/// One organisation with its coalitions, its members (if a coalition), and its published positions.
pub async fn get<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<OrganisationDetail> {
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Organisation))?;
    let memberships = coalition_membership::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(coalition_membership::Column::CoalitionId.eq(o.id))
                .add(coalition_membership::Column::MemberId.eq(o.id)),
        )
        .all(db)
        .await?;
    let other_ids: Vec<i32> =
        memberships.iter().map(|m| if m.coalition_id == o.id { m.member_id } else { m.coalition_id }).collect();
    let others: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(other_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let mut member_of = Vec::new();
    let mut members = Vec::new();
    for m in &memberships {
        if m.member_id == o.id {
            if let Some(c) = others.get(&m.coalition_id) {
                member_of.push(organisation_ref(c));
            }
        } else if let Some(c) = others.get(&m.member_id) {
            members.push(organisation_ref(c));
        }
    }
    member_of.sort_by(|a, b| a.name.cmp(&b.name));
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let positions = positions::published_for_organisation(db, o.id).await?;
    let demand_count = positions.iter().map(|p| p.demands.len()).sum();
    Ok(OrganisationDetail {
        summary: summary(&o, positions.len(), demand_count)?,
        website: o.website,
        description: o.description,
        member_of,
        members,
        positions,
    })
}

/// The networks (organisations other organisations can belong to) as (id, slug, name), by name.
pub async fn networks<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<(i32, String, String)>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrganisationKind::Network))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.slug, o.name))
        .collect())
}

/// Every organisation as (id, slug, name), by name: for choosing one in a form.
pub async fn choices<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<(i32, String, String)>> {
    Ok(organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.slug, o.name))
        .collect())
}

/// An organisation as its editor starts: the stored input, its version, and the coalitions
/// (organisations of kind network) it belongs to.
pub async fn input_of<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<(i32, i32, OrganisationInput, Vec<i32>)> {
    let m = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(EntityType::Organisation))?;
    stored_input(db, m).await
}

async fn stored_input<C: ConnectionTrait>(
    db: &C,
    m: organisation::Model,
) -> DomainResult<(i32, i32, OrganisationInput, Vec<i32>)> {
    let mut coalitions: Vec<i32> = coalition_membership::Entity::find()
        .filter(coalition_membership::Column::MemberId.eq(m.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.coalition_id)
        .collect();
    coalitions.sort_unstable();
    let input = OrganisationInput {
        slug: m.slug,
        name: m.name,
        acronym: m.acronym,
        kind: m.kind,
        country: m.country,
        region: m.region,
        website: m.website,
        description: m.description,
    };
    Ok((m.id, m.version, input, coalitions))
}

/// An organisation and the coalitions it belongs to, as its editor sends them.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationEdit {
    pub fields: OrganisationInput,
    pub coalitions: Vec<i32>,
}

/// An organisation, described for the versioned save.
pub struct OrganisationRecord;

impl Editable for OrganisationRecord {
    const KIND: EntityType = EntityType::Organisation;
    type Field = OrganisationField;
    type Key = i32;
    type Input = OrganisationEdit;
    type Context = ();

    async fn load<C: ConnectionTrait>(db: &C, id: &i32) -> DomainResult<Option<StoredOf<Self>>> {
        match organisation::Entity::find_by_id(*id).one(db).await? {
            None => Ok(None),
            Some(m) => {
                let (id, version, fields, coalitions) = stored_input(db, m).await?;
                Ok(Some(Stored { id, version, input: OrganisationEdit { fields, coalitions }, context: () }))
            }
        }
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_edit_record(actor))
    }

    fn check(input: &OrganisationEdit) -> Result<(), Invalid> {
        input.fields.validate()
    }

    fn complete(stored: &StoredOf<Self>, mut input: OrganisationEdit) -> DomainResult<OrganisationEdit> {
        input.coalitions.retain(|c| *c != stored.id);
        input.coalitions.sort_unstable();
        input.coalitions.dedup();
        Ok(input)
    }

    async fn values<C: ConnectionTrait>(
        db: &C,
        input: &OrganisationEdit,
        _: &(),
    ) -> DomainResult<Vec<(OrganisationField, String)>> {
        use OrganisationField as F;
        let OrganisationInput { slug, name, acronym, kind, country, region, website, description } = &input.fields;
        Ok(vec![
            (F::Slug, slug.clone()),
            (F::Name, name.clone()),
            (F::Acronym, acronym.clone()),
            (F::Kind, kind.to_string()),
            (F::Country, country.clone()),
            (F::Region, region.to_string()),
            (F::Website, website.clone()),
            (F::Description, description.clone()),
            (F::Coalitions, coalition_names(db, &input.coalitions).await?),
        ])
    }

    fn label(input: &OrganisationEdit, _: &()) -> String {
        input.fields.name.clone()
    }

    fn slug(input: &OrganisationEdit) -> Option<&str> {
        Some(&input.fields.slug)
    }

    async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
        Ok(organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(db).await?.is_some())
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        input: &OrganisationEdit,
    ) -> DomainResult<bool> {
        let id = stored.id;
        let saved = organisation::Entity::update_many()
            .set(active_model(&input.fields, stored.version + 1, audit))
            .filter(organisation::Column::Id.eq(id))
            .filter(organisation::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if saved.rows_affected != 1 {
            return Ok(false);
        }
        coalition_membership::Entity::delete_many()
            .filter(coalition_membership::Column::MemberId.eq(id))
            .exec(db)
            .await?;
        for coalition in &input.coalitions {
            coalition_membership::ActiveModel { coalition_id: Set(*coalition), member_id: Set(id) }.insert(db).await?;
        }
        Ok(true)
    }
}

/// The coalitions' names, sorted, as a revision records them; refuses an id no organisation has.
async fn coalition_names<C: ConnectionTrait>(db: &C, ids: &[i32]) -> DomainResult<String> {
    if ids.is_empty() {
        return Ok(String::new());
    }
    let names: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    if let Some(unknown) = ids.iter().find(|c| !names.contains_key(c)) {
        return Err(Invalid::new("coalitions", InvalidReason::UnknownValue(unknown.to_string())).into());
    }
    let mut v: Vec<String> = names.into_values().collect();
    v.sort();
    Ok(v.join("; "))
}

fn active_model(input: &OrganisationInput, version: i32, audit: &Audit) -> organisation::ActiveModel {
    organisation::ActiveModel {
        slug: Set(input.slug.clone()),
        name: Set(input.name.clone()),
        acronym: Set(input.acronym.clone()),
        kind: Set(input.kind),
        country: Set(input.country.clone()),
        region: Set(input.region),
        website: Set(input.website.clone()),
        description: Set(input.description.clone()),
        version: Set(version),
        updated_at: Set(audit.at),
        ..Default::default()
    }
}

/// Saves an edit of an organisation and its coalition memberships, from `expected_version`.
pub async fn update(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    expected_version: i32,
    input: OrganisationInput,
    coalitions: Vec<i32>,
) -> DomainResult<()> {
    let edit = OrganisationEdit { fields: input, coalitions };
    editing::save::<OrganisationRecord>(db, audit, &id, expected_version, edit).await?.or_conflict()?;
    Ok(())
}
