//! Consultations: every meeting of the process, with its imprecise dates, venue and status.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::convert::{consultation_summary, phase_view};
use super::editing::{self, Editable, Saved, Stored, StoredOf};
use super::element_refs as elements;
use super::positions;
use super::revisions;
use crate::audit::{Actor, Audit};
use crate::entities::{consultation, consultation_element, consultation_link, phase, thematic_session};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, timeline::can_edit_timeline};
use crate::types::fields::ConsultationField;
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

fn links_text(links: &[LinkView]) -> String {
    links.iter().map(|l| format!("{} <{}>", l.label, l.url)).collect::<Vec<_>>().join("; ")
}

fn active_model(input: &ConsultationInput, version: i32, audit: &Audit) -> consultation::ActiveModel {
    // Every field named, so a new one does not compile until it is written (or said not to be
    // a column: elements and links are rows of their own).
    let ConsultationInput {
        slug,
        kind,
        title,
        phase_id,
        span,
        venue_city,
        venue_country,
        region,
        organiser,
        civil_society_access,
        status,
        notes,
        elements: _,
        links: _,
    } = input;
    consultation::ActiveModel {
        slug: Set(slug.clone()),
        kind: Set(*kind),
        title: Set(title.clone()),
        phase_id: Set(*phase_id),
        starts_on: Set(span.start),
        ends_on: Set(span.end),
        date_precision: Set(span.precision),
        venue_city: Set(venue_city.clone()),
        venue_country: Set(venue_country.clone()),
        region: Set(*region),
        organiser: Set(organiser.clone()),
        civil_society_access: Set(*civil_society_access),
        status: Set(*status),
        notes: Set(notes.clone()),
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
    if ConsultationRecord::slug_taken(&txn, &input.slug).await? {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let model = active_model(&input, 1, audit).insert(&txn).await?;
    replace_elements_and_links(&txn, model.id, &input).await?;
    let changes = editing::all_set(ConsultationRecord::values(&txn, &input, &()).await?, true);
    revisions::record(&txn, audit, EntityType::Consultation, model.id, &model.title, RevisionAction::Created, changes)
        .await?;
    txn.commit().await?;
    get(db, &model.id.to_string()).await
}

/// A consultation, described for the versioned save.
pub struct ConsultationRecord;

impl Editable for ConsultationRecord {
    const KIND: EntityType = EntityType::Consultation;
    type Field = ConsultationField;
    type Key = str;
    type Input = ConsultationInput;
    type Context = ();

    async fn load<C: ConnectionTrait>(db: &C, key: &str) -> DomainResult<Option<StoredOf<Self>>> {
        let Some(m) = find_model(db, key).await? else { return Ok(None) };
        let elements = elements::refs_for_consultation(db, m.id)
            .await?
            .iter()
            .filter_map(|e| ElementLetter::new(e.letter))
            .collect();
        let links = links_of(db, m.id).await?;
        let (id, version) = (m.id, m.version);
        let input = ConsultationInput {
            span: super::convert::span("consultations", m.starts_on, m.ends_on, m.date_precision)?,
            kind: m.kind,
            region: m.region,
            civil_society_access: m.civil_society_access,
            status: m.status,
            slug: m.slug,
            title: m.title,
            phase_id: m.phase_id,
            venue_city: m.venue_city,
            venue_country: m.venue_country,
            organiser: m.organiser,
            notes: m.notes,
            elements,
            links,
        };
        Ok(Some(Stored { id, version, input, context: () }))
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_edit_timeline(actor))
    }

    fn check(input: &ConsultationInput) -> Result<(), Invalid> {
        input.validate()
    }

    async fn values<C: ConnectionTrait>(
        db: &C,
        input: &ConsultationInput,
        _: &(),
    ) -> DomainResult<Vec<(ConsultationField, String)>> {
        use crate::types::fields::{revision_values, set};
        // The form's values, but the phase by its name and the links as one line.
        let mut values = revision_values(&input.to_form());
        set(&mut values, ConsultationField::Phase, phase_name(db, input.phase_id).await?);
        set(&mut values, ConsultationField::Links, links_text(&input.links));
        Ok(values)
    }

    fn label(input: &ConsultationInput, _: &()) -> String {
        input.title.clone()
    }

    fn slug(input: &ConsultationInput) -> Option<&str> {
        Some(&input.slug)
    }

    async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
        Ok(consultation::Entity::find().filter(consultation::Column::Slug.eq(slug)).one(db).await?.is_some())
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        input: &ConsultationInput,
    ) -> DomainResult<bool> {
        let result = consultation::Entity::update_many()
            .set(active_model(input, stored.version + 1, audit))
            .filter(consultation::Column::Id.eq(stored.id))
            .filter(consultation::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if result.rows_affected != 1 {
            return Ok(false);
        }
        replace_elements_and_links(db, stored.id, input).await?;
        let before = &stored.input;
        if before.span != input.span
            || before.status != input.status
            || before.venue_city != input.venue_city
            || before.venue_country != input.venue_country
        {
            let place = [input.venue_city.as_str(), input.venue_country.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let detail =
                [input.span.to_string(), place].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ");
            let event = super::notifications::Event::Rescheduled { consultation_id: stored.id, detail };
            super::notifications::announce(db, audit, event).await?;
        }
        Ok(true)
    }

    async fn remove<C: ConnectionTrait>(db: &C, stored: &StoredOf<Self>) -> DomainResult<bool> {
        let removed = consultation::Entity::delete_many()
            .filter(consultation::Column::Id.eq(stored.id))
            .filter(consultation::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        Ok(removed.rows_affected == 1)
    }
}

/// Saves an edit of the consultation `key` (its slug or id) made from `expected_version`,
/// without building its page: saved, or the conflict with the stored values.
pub async fn save(
    db: &DatabaseConnection,
    audit: &Audit,
    key: &str,
    expected_version: i32,
    input: ConsultationInput,
) -> DomainResult<Saved<ConsultationInput>> {
    editing::save::<ConsultationRecord>(db, audit, key, expected_version, input).await
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
    let key = id.to_string();
    Ok(match editing::save::<ConsultationRecord>(db, audit, &key, expected_version, input).await? {
        Saved::Saved(_) => SaveOutcome::Saved(get(db, &key).await?),
        Saved::Conflict { .. } => SaveOutcome::Conflict { theirs: get(db, &key).await? },
    })
}

/// The input that reproduces a stored consultation (the starting point of an edit).
pub async fn input_of<C: ConnectionTrait>(db: &C, key: &str) -> DomainResult<(i32, i32, ConsultationInput)> {
    let stored = ConsultationRecord::load(db, key).await?.ok_or(DomainError::NotFound(EntityType::Consultation))?;
    Ok((stored.id, stored.version, stored.input))
}

async fn links_of<C: ConnectionTrait>(db: &C, id: i32) -> DomainResult<Vec<LinkView>> {
    Ok(consultation_link::Entity::find()
        .filter(consultation_link::Column::ConsultationId.eq(id))
        .order_by_asc(consultation_link::Column::Ordinal)
        .all(db)
        .await?
        .into_iter()
        .map(|l| LinkView { label: l.label, url: l.url })
        .collect())
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
    let model = find_model(db, key).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Consultation))?;
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
    let links = links_of(db, id).await?;
    let positions = positions::presented_at(db, id).await?;
    let history = revisions::history(db, EntityType::Consultation, id).await?;
    let organiser = model.organiser.clone();
    let civil_society_access = model.civil_society_access;
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
        query = query.filter(consultation::Column::Kind.eq(kind));
    }
    if let Some(region) = filter.region {
        query = query.filter(consultation::Column::Region.eq(region));
    }
    if let Some(status) = filter.status {
        query = query.filter(consultation::Column::Status.eq(status));
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
    editing::delete::<ConsultationRecord>(db, audit, &id.to_string(), expected_version).await.map(|_| ())
}
