//! Consultations: every meeting of the process, with its imprecise dates, venue and status.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::convert::{consultation_summary, phase_view};
use super::revisions::{self, Diff};
use super::{elements, positions};
use crate::audit::Audit;
use crate::entities::{consultation, consultation_element, consultation_link, phase, thematic_session};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::permissions::{ensure, timeline::can_edit_timeline};
use crate::types::*;

pub use crate::types::ConsultationInput;

/// What saving an edit led to.
#[derive(Debug)]
pub enum SaveOutcome {
    Saved(ConsultationDetail),
    /// Someone saved first: here is what they saved, so the editor can merge.
    Conflict {
        theirs: ConsultationDetail,
    },
}

impl ConsultationInput {
    fn letters(&self) -> String {
        let mut v: Vec<char> = self.elements.iter().map(|e| e.as_char()).collect();
        v.sort_unstable();
        v.dedup();
        v.into_iter().map(String::from).collect::<Vec<_>>().join(",")
    }

    fn links_text(&self) -> String {
        links_text(&self.links)
    }
}

fn links_text(links: &[LinkView]) -> String {
    links.iter().map(|l| format!("{} <{}>", l.label, l.url)).collect::<Vec<_>>().join("; ")
}

fn active_model(input: &ConsultationInput, version: i32, audit: &Audit) -> consultation::ActiveModel {
    consultation::ActiveModel {
        slug: Set(input.slug.clone()),
        kind: Set(input.kind.to_string()),
        title: Set(input.title.clone()),
        phase_id: Set(input.phase_id),
        starts_on: Set(input.span.start),
        ends_on: Set(input.span.end),
        date_precision: Set(input.span.precision.to_string()),
        venue_city: Set(input.venue_city.clone()),
        venue_country: Set(input.venue_country.clone()),
        region: Set(input.region.to_string()),
        organiser: Set(input.organiser.clone()),
        civil_society_access: Set(input.civil_society_access.to_string()),
        status: Set(input.status.to_string()),
        notes: Set(input.notes.clone()),
        version: Set(version),
        updated_at: Set(audit.at),
        ..Default::default()
    }
}

async fn phase_name<C: ConnectionTrait>(db: &C, id: Option<i32>) -> DomainResult<String> {
    match id {
        None => Ok(String::new()),
        Some(id) => {
            Ok(phase::Entity::find_by_id(id).one(db).await?.map(|p| p.name).ok_or_else(|| {
                DomainError::Invalid(Invalid::new("phase", InvalidReason::UnknownValue(id.to_string())))
            })?)
        }
    }
}

async fn replace_elements_and_links<C: ConnectionTrait>(
    db: &C,
    id: i32,
    input: &ConsultationInput,
) -> DomainResult<()> {
    consultation_element::Entity::delete_many()
        .filter(consultation_element::Column::ConsultationId.eq(id))
        .exec(db)
        .await?;
    let ids = elements::ids_for_letters(db, &input.elements).await?;
    for element_id in ids {
        consultation_element::ActiveModel { consultation_id: Set(id), element_id: Set(element_id) }.insert(db).await?;
    }
    consultation_link::Entity::delete_many().filter(consultation_link::Column::ConsultationId.eq(id)).exec(db).await?;
    for (i, link) in input.links.iter().enumerate() {
        consultation_link::ActiveModel {
            consultation_id: Set(id),
            ordinal: Set(i as i32),
            label: Set(link.label.clone()),
            url: Set(link.url.clone()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Adds a consultation to the timeline.
pub async fn create(
    db: &DatabaseConnection,
    audit: &Audit,
    input: ConsultationInput,
) -> DomainResult<ConsultationDetail> {
    ensure(can_edit_timeline(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    if find_model(&txn, &input.slug).await?.is_some() {
        return Err(Invalid::new("slug", InvalidReason::UnknownValue(input.slug.clone())).into());
    }
    let phase = phase_name(&txn, input.phase_id).await?;
    let model = active_model(&input, 1, audit).insert(&txn).await?;
    replace_elements_and_links(&txn, model.id, &input).await?;
    let mut diff = Diff::new();
    diff.created("kind", input.kind)
        .created("title", &input.title)
        .created("phase", phase)
        .created("dates", input.span.to_storage())
        .created("venue_city", &input.venue_city)
        .created("venue_country", &input.venue_country)
        .created("region", input.region)
        .created("organiser", &input.organiser)
        .created("civil_society_access", input.civil_society_access)
        .created("status", input.status)
        .created("elements", input.letters())
        .created("notes", &input.notes)
        .created("links", input.links_text());
    revisions::record(
        &txn,
        audit,
        EntityType::Consultation,
        model.id,
        &model.title,
        RevisionAction::Created,
        diff.into_changes(),
    )
    .await?;
    txn.commit().await?;
    get(db, &model.id.to_string()).await
}

/// Saves an edit made from `expected_version`. A stale version is refused with the current
/// record, never silently overwritten.
pub async fn update(
    db: &DatabaseConnection,
    audit: &Audit,
    id: i32,
    expected_version: i32,
    input: ConsultationInput,
) -> DomainResult<SaveOutcome> {
    ensure(can_edit_timeline(&audit.actor))?;
    input.validate()?;
    let txn = crate::db::begin_write(db).await?;
    let current = consultation::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound("consultation"))?;
    if current.version != expected_version {
        drop(txn);
        return Ok(SaveOutcome::Conflict { theirs: get(db, &id.to_string()).await? });
    }
    let before = detail(&txn, current).await?;
    let before_letters: String = before.summary.elements.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",");
    let before_phase = before.phase.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let after_phase = phase_name(&txn, input.phase_id).await?;
    let s = &before.summary;
    let mut diff = Diff::new();
    diff.field("slug", &s.slug, &input.slug)
        .field("kind", s.kind, input.kind)
        .field("title", &s.title, &input.title)
        .field("phase", before_phase, after_phase)
        .field("dates", s.span.to_storage(), input.span.to_storage())
        .field("venue_city", &s.venue_city, &input.venue_city)
        .field("venue_country", &s.venue_country, &input.venue_country)
        .field("region", s.region, input.region)
        .field("organiser", &before.organiser, &input.organiser)
        .field("civil_society_access", before.civil_society_access, input.civil_society_access)
        .field("status", s.status, input.status)
        .field("elements", before_letters, input.letters())
        .field("notes", &before.notes, &input.notes)
        .field("links", links_text(&before.links), input.links_text());
    if diff.is_empty() {
        drop(txn);
        return Ok(SaveOutcome::Saved(before));
    }
    let result = consultation::Entity::update_many()
        .set(active_model(&input, expected_version + 1, audit))
        .filter(consultation::Column::Id.eq(id))
        .filter(consultation::Column::Version.eq(expected_version))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        drop(txn);
        return Ok(SaveOutcome::Conflict { theirs: get(db, &id.to_string()).await? });
    }
    replace_elements_and_links(&txn, id, &input).await?;
    revisions::record(
        &txn,
        audit,
        EntityType::Consultation,
        id,
        &input.title,
        RevisionAction::Updated,
        diff.into_changes(),
    )
    .await?;
    txn.commit().await?;
    Ok(SaveOutcome::Saved(get(db, &id.to_string()).await?))
}

/// The input that reproduces a stored consultation (the starting point of an edit).
pub async fn input_of<C: ConnectionTrait>(db: &C, key: &str) -> DomainResult<(i32, i32, ConsultationInput)> {
    let d = get(db, key).await?;
    let s = d.summary;
    Ok((
        s.id,
        d.version,
        ConsultationInput {
            slug: s.slug,
            kind: s.kind,
            title: s.title,
            phase_id: s.phase_id,
            span: s.span,
            venue_city: s.venue_city,
            venue_country: s.venue_country,
            region: s.region,
            organiser: d.organiser,
            civil_society_access: d.civil_society_access,
            status: s.status,
            notes: d.notes,
            elements: s.elements.iter().filter_map(|c| ElementLetter::new(*c)).collect(),
            links: d.links,
        },
    ))
}

async fn find_model<C: ConnectionTrait>(db: &C, key: &str) -> DomainResult<Option<consultation::Model>> {
    let by_slug = consultation::Entity::find().filter(consultation::Column::Slug.eq(key)).one(db).await?;
    if by_slug.is_some() {
        return Ok(by_slug);
    }
    match key.parse::<i32>() {
        Ok(id) => Ok(consultation::Entity::find_by_id(id).one(db).await?),
        Err(_) => Ok(None),
    }
}

/// One consultation by slug or numeric id, with everything its page shows.
pub async fn get<C: ConnectionTrait>(db: &C, key: &str) -> DomainResult<ConsultationDetail> {
    let model = find_model(db, key).await?.ok_or(DomainError::NotFound("consultation"))?;
    detail(db, model).await
}

async fn detail<C: ConnectionTrait>(db: &C, model: consultation::Model) -> DomainResult<ConsultationDetail> {
    let id = model.id;
    let phase = match model.phase_id {
        Some(pid) => phase::Entity::find_by_id(pid).one(db).await?.map(phase_view).transpose()?,
        None => None,
    };
    let thematic =
        thematic_session::Entity::find().filter(thematic_session::Column::ConsultationId.eq(id)).one(db).await?.map(
            |t| ThematicSessionRef { number: t.number, title: t.title, consultation_slug: Some(model.slug.clone()) },
        );
    let element_refs = elements::refs_for_consultation(db, id).await?;
    let links = consultation_link::Entity::find()
        .filter(consultation_link::Column::ConsultationId.eq(id))
        .order_by_asc(consultation_link::Column::Ordinal)
        .all(db)
        .await?
        .into_iter()
        .map(|l| LinkView { label: l.label, url: l.url })
        .collect();
    let positions = positions::presented_at(db, id).await?;
    let history = revisions::history(db, EntityType::Consultation, id).await?;
    let organiser = model.organiser.clone();
    let civil_society_access = parse_stored("consultations.civil_society_access", &model.civil_society_access)?;
    let notes = model.notes.clone();
    let version = model.version;
    let letters = element_refs.iter().map(|e| e.letter).collect();
    Ok(ConsultationDetail {
        summary: consultation_summary(model, letters)?,
        organiser,
        civil_society_access,
        notes,
        links,
        phase,
        thematic_session: thematic,
        elements: element_refs,
        positions,
        history,
        version,
    })
}

/// Consultations matching the filter, in timeline order, each with its element letters.
pub async fn list<C: ConnectionTrait>(db: &C, filter: &TimelineFilter) -> DomainResult<Vec<ConsultationSummary>> {
    let mut query = consultation::Entity::find();
    if let Some(kind) = filter.kind {
        query = query.filter(consultation::Column::Kind.eq(kind.to_string()));
    }
    if let Some(region) = filter.region {
        query = query.filter(consultation::Column::Region.eq(region.to_string()));
    }
    if let Some(status) = filter.status {
        query = query.filter(consultation::Column::Status.eq(status.to_string()));
    }
    if let Some(letter) = filter.element {
        let ids = elements::ids_for_letters(db, &[letter]).await?;
        let with_element: Vec<i32> = consultation_element::Entity::find()
            .filter(consultation_element::Column::ElementId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|ce| ce.consultation_id)
            .collect();
        query = query.filter(consultation::Column::Id.is_in(with_element));
    }
    let rows = query.all(db).await?;
    let letters = elements::letters_by_consultation(db).await?;
    let mut out = rows
        .into_iter()
        .map(|c| {
            let l = letters.get(&c.id).cloned().unwrap_or_default();
            consultation_summary(c, l)
        })
        .collect::<DomainResult<Vec<_>>>()?;
    sort_for_timeline(&mut out);
    Ok(out)
}

pub fn sort_for_timeline(v: &mut [ConsultationSummary]) {
    v.sort_by(|a, b| a.span.timeline_cmp(&b.span).then_with(|| a.title.cmp(&b.title)));
}

/// Slug to id, for the seed and the command line.
pub async fn ids_by_slug<C: ConnectionTrait>(db: &C) -> DomainResult<HashMap<String, i32>> {
    Ok(consultation::Entity::find().all(db).await?.into_iter().map(|c| (c.slug, c.id)).collect())
}

/// Removes a consultation from the timeline (a cancelled meeting usually stays, with its
/// status; deleting is for entries made in error). The revision keeps what it was.
pub async fn delete(db: &DatabaseConnection, audit: &Audit, id: i32, expected_version: i32) -> DomainResult<()> {
    ensure(can_edit_timeline(&audit.actor))?;
    let txn = crate::db::begin_write(db).await?;
    let current = consultation::Entity::find_by_id(id).one(&txn).await?.ok_or(DomainError::NotFound("consultation"))?;
    if current.version != expected_version {
        return Err(DomainError::Conflict { current_version: current.version });
    }
    let before = detail(&txn, current).await?;
    let s = &before.summary;
    let mut diff = Diff::new();
    diff.deleted("title", &s.title)
        .deleted("dates", s.span.to_storage())
        .deleted("venue_city", &s.venue_city)
        .deleted("venue_country", &s.venue_country)
        .deleted("status", s.status);
    let removed = consultation::Entity::delete_many()
        .filter(consultation::Column::Id.eq(id))
        .filter(consultation::Column::Version.eq(expected_version))
        .exec(&txn)
        .await?;
    if removed.rows_affected != 1 {
        return Err(DomainError::Conflict { current_version: expected_version + 1 });
    }
    revisions::record(
        &txn,
        audit,
        EntityType::Consultation,
        id,
        &s.title,
        RevisionAction::Deleted,
        diff.into_changes(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
