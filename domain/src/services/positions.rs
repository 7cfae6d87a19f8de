//! Positions (an organisation's, or several organisations', published statements) and the
//! demands inside them, each mapped to elements with a stance.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::convert::{stored_span, DateColumns};
use super::revisions::{self, Diff};
use super::sources;
use super::tallies::Touch;
use crate::audit::Audit;
use crate::entities::{consultation, demand, demand_element, element, position, position_signatory};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, record::can_edit_record};
use crate::types::*;

#[derive(Debug, Clone)]
pub struct DemandInput {
    pub slug: String,
    pub text: String,
    pub quote: String,
    pub elements: Vec<(ElementLetter, Stance)>,
}

#[derive(Debug, Clone)]
pub struct PositionInput {
    pub slug: String,
    pub title: String,
    /// `None` when no source dates it.
    pub published: Option<DateSpan>,
    pub addresses: Addresses,
    pub addressee: String,
    /// The draft it responds to.
    pub responds_to_id: Option<i32>,
    pub status: PositionStatus,
    pub source_id: Option<i32>,
    pub source_locator: String,
    pub presented_at_id: Option<i32>,
    pub summary: String,
    pub signatory_ids: Vec<i32>,
    pub demands: Vec<DemandInput>,
}

impl PositionInput {
    fn validate(&self) -> DomainResult<()> {
        if self.title.trim().is_empty() {
            return Err(Invalid::new("title", InvalidReason::Required).into());
        }
        if self.signatory_ids.is_empty() {
            return Err(Invalid::new("signatories", InvalidReason::Required).into());
        }
        if self.addresses == Addresses::Other && self.addressee.trim().is_empty() {
            return Err(Invalid::new("addressee", InvalidReason::Required).into());
        }
        if self.responds_to_id.is_some() && self.addresses != Addresses::Negotiation {
            return Err(Invalid::new("responds_to", InvalidReason::OnlyForNegotiation).into());
        }
        for d in &self.demands {
            if d.text.trim().is_empty() {
                return Err(Invalid::new("demand", InvalidReason::Required).into());
            }
            if d.text.chars().count() > 1000 {
                return Err(Invalid::new("demand", InvalidReason::TooLong { max: 1000 }).into());
            }
        }
        Ok(())
    }
}

/// Records a position with its signatories and demands.
pub async fn create(db: &DatabaseConnection, audit: &Audit, input: PositionInput) -> DomainResult<i32> {
    ensure(can_edit_record(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(id) = input.responds_to_id {
        check_responds_to(&txn, id, input.published).await?;
    }
    let p = position::ActiveModel {
        slug: Set(input.slug.clone()),
        title: Set(input.title.clone()),
        status: Set(input.status),
        source_id: Set(input.source_id),
        source_locator: Set(input.source_locator.clone()),
        presented_at_id: Set(input.presented_at_id),
        summary: Set(input.summary.clone()),
        created_by: Set(audit.actor.user_id()),
        version: Set(1),
        updated_at: Set(audit.at),
        ..dated_and_addressed(input.published, input.addresses, &input.addressee, input.responds_to_id)
    }
    .insert(&txn)
    .await?;
    let touch = Touch::position(&txn, p.id).await?;
    for org in &input.signatory_ids {
        position_signatory::ActiveModel { position_id: Set(p.id), organisation_id: Set(*org) }.insert(&txn).await?;
    }
    let element_ids: HashMap<String, i32> =
        element::Entity::find().all(&txn).await?.into_iter().map(|e| (e.letter, e.id)).collect();
    for (i, d) in input.demands.iter().enumerate() {
        let dm = demand::ActiveModel {
            slug: Set(d.slug.clone()),
            position_id: Set(p.id),
            ordinal: Set(i as i32),
            text: Set(d.text.clone()),
            quote: Set(d.quote.clone()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (letter, stance) in &d.elements {
            let element_id = *element_ids
                .get(&letter.to_string())
                .ok_or_else(|| Invalid::new("elements", InvalidReason::UnknownValue(letter.to_string())))?;
            demand_element::ActiveModel { demand_id: Set(dm.id), element_id: Set(element_id), stance: Set(*stance) }
                .insert(&txn)
                .await?;
        }
        let mapping = d.elements.iter().map(|(l, s)| format!("{l}:{s}")).collect::<Vec<_>>().join(",");
        let mut diff = Diff::new();
        diff.created("text", &d.text).created("elements", mapping);
        revisions::record(
            &txn,
            audit,
            EntityType::Demand,
            dm.id,
            &d.slug,
            RevisionAction::Created,
            diff.into_changes(),
        )
        .await?;
    }
    let mut diff = Diff::new();
    diff.created("title", &input.title)
        .created("status", input.status)
        .created("addresses", input.addresses)
        .created("addressee", &input.addressee)
        .created("summary", &input.summary);
    revisions::record(
        &txn,
        audit,
        EntityType::Position,
        p.id,
        &input.title,
        RevisionAction::Created,
        diff.into_changes(),
    )
    .await?;
    touch.settle(&txn).await?;
    txn.commit().await?;
    Ok(p.id)
}

pub async fn exists<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
    Ok(position::Entity::find().filter(position::Column::Slug.eq(slug)).one(db).await?.is_some())
}

/// The published positions presented at a consultation.
pub async fn presented_at<C: ConnectionTrait>(db: &C, consultation_id: i32) -> DomainResult<Vec<PositionRef>> {
    let rows = position::Entity::find()
        .filter(position::Column::PresentedAtId.eq(consultation_id))
        .filter(position::Column::Status.eq(PositionStatus::Published))
        .order_by_asc(position::Column::PublishedOn)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let signatories = super::query::load::signatories(db, &ids).await?;
    rows.into_iter()
        .map(|p| {
            Ok(PositionRef {
                published: stored_span(p.published_on, &p.date_precision)?,
                signatories: signatories.get(&p.id).cloned().unwrap_or_default(),
                slug: p.slug,
                title: p.title,
            })
        })
        .collect()
}

/// The columns that say what a position addresses and when (the scorecard's rule reads them),
/// set from their values; the caller fills in the rest.
pub(crate) fn dated_and_addressed(
    published: Option<DateSpan>,
    addresses: Addresses,
    addressee: &str,
    responds_to_id: Option<i32>,
) -> position::ActiveModel {
    let dates = DateColumns::of(published);
    position::ActiveModel {
        published_on: Set(dates.first),
        date_precision: Set(dates.precision),
        latest_on: Set(dates.latest),
        addresses: Set(addresses),
        addressee: Set(addressee.to_string()),
        responds_to_id: Set(responds_to_id),
        ..Default::default()
    }
}

/// A position responds to a draft released no later than its last possible day.
pub(crate) async fn check_responds_to<C: ConnectionTrait>(
    db: &C,
    draft_id: i32,
    published: Option<DateSpan>,
) -> DomainResult<()> {
    let d = crate::entities::draft::Entity::find_by_id(draft_id)
        .one(db)
        .await?
        .ok_or_else(|| Invalid::new("responds_to", InvalidReason::UnknownValue(draft_id.to_string())))?;
    match published {
        Some(span) if span.end < d.released_on => {
            Err(Invalid::new("responds_to", InvalidReason::BeforeRelease { released: d.released_on }).into())
        }
        _ => Ok(()),
    }
}

/// What a stored position addresses and when, as the scorecard's rule reads it.
pub async fn addressing<C: ConnectionTrait>(db: &C, p: &position::Model) -> DomainResult<Addressing> {
    let responds_to = match p.responds_to_id {
        Some(id) => crate::entities::draft::Entity::find_by_id(id).one(db).await?.map(|d| d.slug),
        None => None,
    };
    Ok(Addressing {
        addresses: p.addresses,
        addressee: p.addressee.clone(),
        published: stored_span(p.published_on, &p.date_precision)?,
        responds_to,
    })
}

/// The published positions an organisation signed, with their demands, newest first.
pub async fn published_for_organisation<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
) -> DomainResult<Vec<PositionView>> {
    let ids: Vec<i32> = position_signatory::Entity::find()
        .filter(position_signatory::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.position_id)
        .collect();
    let rows = position::Entity::find()
        .filter(position::Column::Id.is_in(ids.clone()))
        .filter(position::Column::Status.eq(PositionStatus::Published))
        .order_by_desc(position::Column::PublishedOn)
        .all(db)
        .await?;
    assemble(db, rows).await
}

/// The page of one position as `actor` may see it: the position with its demands, and the
/// comments on it. Drafts are visible only to their organisations and coordinators.
pub async fn page(db: &DatabaseConnection, actor: &crate::audit::Actor, slug: &str) -> DomainResult<PositionPage> {
    let model = super::comments::visible_position(db, actor, slug).await?;
    let (id, version) = (model.id, model.version);
    let position =
        assemble(db, vec![model]).await?.pop().ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    let signatories: Vec<i32> = position_signatory::Entity::find()
        .filter(position_signatory::Column::PositionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.organisation_id)
        .collect();
    Ok(PositionPage {
        can_edit: crate::permissions::record::can_edit_position(actor, &signatories, position.status),
        can_publish: crate::permissions::record::can_publish(actor),
        version,
        position,
        comments: super::comments::thread(db, actor, id).await?,
        can_comment: crate::permissions::comments::can_comment(actor),
        can_moderate: crate::permissions::comments::can_moderate(actor),
    })
}

/// The views of `rows`, with demands, element mappings, signatories, sources and venues.
pub(crate) async fn assemble<C: ConnectionTrait>(
    db: &C,
    rows: Vec<position::Model>,
) -> DomainResult<Vec<PositionView>> {
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let demands = demand::Entity::find()
        .filter(demand::Column::PositionId.is_in(ids))
        .order_by_asc(demand::Column::Ordinal)
        .all(db)
        .await?;
    let demand_ids: Vec<i32> = demands.iter().map(|d| d.id).collect();
    let letters: HashMap<i32, char> = element::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.letter.chars().next().unwrap_or('?')))
        .collect();
    let mut mappings: HashMap<i32, Vec<DemandElementView>> = HashMap::new();
    for de in demand_element::Entity::find().filter(demand_element::Column::DemandId.is_in(demand_ids)).all(db).await? {
        if let Some(l) = letters.get(&de.element_id) {
            mappings.entry(de.demand_id).or_default().push(DemandElementView { letter: *l, stance: de.stance });
        }
    }
    for v in mappings.values_mut() {
        v.sort_by_key(|m| m.letter);
    }
    let mut demands_by_position: HashMap<i32, Vec<DemandView>> = HashMap::new();
    for d in demands {
        demands_by_position.entry(d.position_id).or_default().push(DemandView {
            elements: mappings.remove(&d.id).unwrap_or_default(),
            slug: d.slug,
            text: d.text,
            quote: d.quote,
        });
    }
    let position_ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let signatories = super::query::load::signatories(db, &position_ids).await?;
    let source_views = sources::views(db).await?;
    let drafts: HashMap<i32, DraftRef> = super::query::load::drafts(db).await?.into_iter().collect();
    let consultation_ids: Vec<i32> = rows.iter().filter_map(|p| p.presented_at_id).collect();
    let consultations: HashMap<i32, ConsultationRef> = consultation::Entity::find()
        .filter(consultation::Column::Id.is_in(consultation_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, ConsultationRef { slug: c.slug, title: c.title }))
        .collect();
    rows.into_iter()
        .map(|p| {
            Ok(PositionView {
                published: stored_span(p.published_on, &p.date_precision)?,
                addresses: p.addresses,
                addressee: p.addressee,
                responds_to: p.responds_to_id.and_then(|id| drafts.get(&id).cloned()),
                status: p.status,
                source: p.source_id.and_then(|id| source_views.get(&id).cloned()),
                presented_at: p.presented_at_id.and_then(|id| consultations.get(&id).cloned()),
                signatories: signatories.get(&p.id).cloned().unwrap_or_default(),
                demands: demands_by_position.remove(&p.id).unwrap_or_default(),
                slug: p.slug,
                title: p.title,
                source_locator: p.source_locator,
                summary: p.summary,
            })
        })
        .collect()
}
