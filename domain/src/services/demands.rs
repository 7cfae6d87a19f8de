//! Demands inside a position, each mapped to the elements it addresses with a stance
//! (advance or limit). Whoever may edit the position may edit its demands.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use super::editing::{self, Editable, Stored, StoredOf};
use super::position_editing::{editable, PositionRecord};
use super::revisions;
use super::tallies::Touch;
use crate::audit::{Actor, Audit};
use crate::entities::{demand, demand_element, element, position};
use crate::error::{DomainError, DomainResult};
use crate::types::fields::DemandField;
use crate::types::*;

/// A demand as its editor starts.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDemand {
    pub id: i32,
    pub position_slug: String,
    pub fields: DemandFields,
    pub version: i32,
}

fn mapping_text(elements: &[(ElementLetter, Stance)]) -> String {
    let mut v: Vec<String> = elements.iter().map(|(l, s)| format!("{l}:{s}")).collect();
    v.sort();
    v.join(",")
}

async fn element_ids<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<String, i32>> {
    Ok(element::Entity::find().all(db).await?.into_iter().map(|e| (e.letter, e.id)).collect())
}

async fn write_mappings<C: ConnectionTrait>(db: &C, demand_id: i32, fields: &DemandFields) -> DomainResult<()> {
    demand_element::Entity::delete_many().filter(demand_element::Column::DemandId.eq(demand_id)).exec(db).await?;
    let ids = element_ids(db).await?;
    for (letter, stance) in &fields.elements {
        let element_id = *ids
            .get(&letter.to_string())
            .ok_or_else(|| Invalid::new("elements", InvalidReason::UnknownValue(letter.to_string())))?;
        demand_element::ActiveModel { demand_id: Set(demand_id), element_id: Set(element_id), stance: Set(*stance) }
            .insert(db)
            .await?;
    }
    Ok(())
}

/// The stored demand `slug`.
pub async fn stored<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<StoredDemand> {
    let d = demand::Entity::find()
        .filter(demand::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Demand))?;
    let p = position::Entity::find_by_id(d.position_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    let letters: HashMap<i32, String> =
        element::Entity::find().all(db).await?.into_iter().map(|e| (e.id, e.letter)).collect();
    let mut elements = Vec::new();
    for m in demand_element::Entity::find().filter(demand_element::Column::DemandId.eq(d.id)).all(db).await? {
        let letter = letters.get(&m.element_id).and_then(|l| l.parse::<ElementLetter>().ok());
        let stance: Stance = m.stance;
        if let Some(letter) = letter {
            elements.push((letter, stance));
        }
    }
    elements.sort();
    Ok(StoredDemand {
        id: d.id,
        position_slug: p.slug,
        version: d.version,
        fields: DemandFields { slug: d.slug, text: d.text, quote: d.quote, elements },
    })
}

async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
    Ok(demand::Entity::find().filter(demand::Column::Slug.eq(slug)).one(db).await?.is_some())
}

/// Adds a demand at the end of the position `position_slug`.
pub async fn create(
    db: &DatabaseConnection,
    audit: &Audit,
    position_slug: &str,
    fields: DemandFields,
) -> DomainResult<String> {
    let txn = crate::db::begin_write(db).await?;
    let p = editable(&txn, audit, position_slug).await?;
    if slug_taken(&txn, &fields.slug).await? {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let touch = Touch::position(&txn, p.id).await?;
    let ordinal = demand::Entity::find().filter(demand::Column::PositionId.eq(p.id)).count(&txn).await? as i32;
    let d = demand::ActiveModel {
        slug: Set(fields.slug.clone()),
        position_id: Set(p.id),
        ordinal: Set(ordinal),
        text: Set(fields.text.clone()),
        quote: Set(fields.quote.clone()),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_mappings(&txn, d.id, &fields).await?;
    touch.settle(&txn).await?;
    let changes = editing::all_set(DemandRecord::values(&txn, &fields, &p.fields.slug).await?, true);
    revisions::record(&txn, audit, EntityType::Demand, d.id, &fields.slug, RevisionAction::Created, changes).await?;
    txn.commit().await?;
    Ok(fields.slug)
}

/// A demand, described for the versioned save: whoever may edit its position may edit it.
pub struct DemandRecord;

impl Editable for DemandRecord {
    const KIND: EntityType = EntityType::Demand;
    type Field = DemandField;
    type Key = str;
    type Input = DemandFields;
    /// Its position's slug.
    type Context = String;

    async fn load<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<StoredOf<Self>>> {
        match stored(db, slug).await {
            Ok(d) => Ok(Some(Stored { id: d.id, version: d.version, input: d.fields, context: d.position_slug })),
            Err(DomainError::NotFound(EntityType::Demand)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn permit<C: ConnectionTrait>(db: &C, actor: &Actor, stored: &StoredOf<Self>) -> DomainResult<()> {
        editing::editable::<PositionRecord, C>(db, actor, &stored.context).await.map(|_| ())
    }

    fn check(_input: &DemandFields) -> Result<(), Invalid> {
        Ok(())
    }

    async fn values<C: ConnectionTrait>(
        _db: &C,
        input: &DemandFields,
        _: &String,
    ) -> DomainResult<Vec<(DemandField, String)>> {
        let DemandFields { slug, text, quote, elements } = input;
        Ok(vec![
            (DemandField::Slug, slug.clone()),
            (DemandField::Text, text.clone()),
            (DemandField::Quote, quote.clone()),
            (DemandField::Elements, mapping_text(elements)),
        ])
    }

    fn label(input: &DemandFields, _: &String) -> String {
        input.slug.clone()
    }

    fn slug(input: &DemandFields) -> Option<&str> {
        Some(&input.slug)
    }

    async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
        slug_taken(db, slug).await
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        _audit: &Audit,
        stored: &StoredOf<Self>,
        fields: &DemandFields,
    ) -> DomainResult<bool> {
        let touch = Touch::demands(db, [stored.id]).await?;
        let saved = demand::Entity::update_many()
            .set(demand::ActiveModel {
                slug: Set(fields.slug.clone()),
                text: Set(fields.text.clone()),
                quote: Set(fields.quote.clone()),
                version: Set(stored.version + 1),
                ..Default::default()
            })
            .filter(demand::Column::Id.eq(stored.id))
            .filter(demand::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if saved.rows_affected != 1 {
            return Ok(false);
        }
        write_mappings(db, stored.id, fields).await?;
        touch.settle(db).await?;
        Ok(true)
    }

    async fn remove<C: ConnectionTrait>(db: &C, stored: &StoredOf<Self>) -> DomainResult<bool> {
        let touch = Touch::demands(db, [stored.id]).await?;
        let removed = demand::Entity::delete_many()
            .filter(demand::Column::Id.eq(stored.id))
            .filter(demand::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        touch.settle(db).await?;
        Ok(removed.rows_affected == 1)
    }
}

/// Saves an edit of a demand (its text, quote and element mappings) from `expected_version`.
pub async fn update(
    db: &DatabaseConnection,
    audit: &Audit,
    slug: &str,
    expected_version: i32,
    fields: DemandFields,
) -> DomainResult<String> {
    let saved = editing::save::<DemandRecord>(db, audit, slug, expected_version, fields).await?.or_conflict()?;
    Ok(saved.input.slug)
}

/// Removes a demand from its position; returns the position's slug.
pub async fn delete(db: &DatabaseConnection, audit: &Audit, slug: &str, expected_version: i32) -> DomainResult<String> {
    Ok(editing::delete::<DemandRecord>(db, audit, slug, expected_version).await?.context)
}
