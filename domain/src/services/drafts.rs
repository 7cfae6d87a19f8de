//! Drafts of the compact: the successive texts under negotiation, each with its text split
//! into the numbered sections assessments cite.
use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::editing::{self, Editable, Stored, StoredOf};
use super::revisions::{self, Diff};
use crate::audit::{Actor, Audit};
use crate::draft_text::{self, ParsedSection, SplitError};
use crate::entities::{draft, draft_section, draft_text as text_entity, objective};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, record::can_edit_record, scorecard::can_enter_drafts};
use crate::types::fields::CompactDraftField;
use crate::types::{
    DraftDetail, DraftFields, DraftRef, DraftView, EntityType, Invalid, InvalidReason, RevisionAction, SectionKind,
    SectionView, TextFormat,
};

/// A refused text, as the error shown next to the text field.
fn text_error(e: SplitError) -> Invalid {
    let reason = match e {
        SplitError::Empty => InvalidReason::Required,
        SplitError::TooLong { max } => InvalidReason::TooLong { max },
        SplitError::NoSections => InvalidReason::NoSections,
        SplitError::Duplicate { kind, number, first_line, line } => InvalidReason::DuplicateSection {
            section: draft_text::section_key(kind, &number).unwrap_or(number),
            first_line,
            line,
        },
        SplitError::TooManySections { max } => InvalidReason::TooManySections { max },
    };
    Invalid::new("text", reason)
}

/// Splits `fields.text` if there is one: `Ok(None)` when no text was entered.
fn split_text(fields: &DraftFields) -> Result<Option<Vec<ParsedSection>>, Invalid> {
    if fields.text.trim().is_empty() {
        return Ok(None);
    }
    draft_text::split(&fields.text).map(Some).map_err(text_error)
}

fn first_invalid(fields: &DraftFields) -> DomainResult<()> {
    match fields.check().into_iter().next() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

async fn find<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<draft::Model>> {
    Ok(draft::Entity::find().filter(draft::Column::Slug.eq(slug)).one(db).await?)
}

/// Records a new draft, and its text split into sections when one is given, in one
/// transaction (a text that cannot be split saves nothing).
pub async fn create(db: &DatabaseConnection, audit: &Audit, fields: DraftFields) -> DomainResult<String> {
    ensure(can_enter_drafts(&audit.actor))?;
    first_invalid(&fields)?;
    let sections = split_text(&fields)?;
    let txn = crate::db::begin_write(db).await?;
    if find(&txn, &fields.slug).await?.is_some() {
        return Err(Invalid::new("slug", InvalidReason::AlreadyTaken).into());
    }
    let objective_count = fields.objective_count.or_else(|| sections.as_ref().map(|s| count_objectives(s)));
    let m = active_model(&fields, objective_count, 1, audit).insert(&txn).await?;
    // every demand the new draft counts starts as not assessed
    super::tallies::rebuild_draft(&txn, m.id).await?;
    let mut diff = Diff::new();
    diff.created("label", &fields.label)
        .created("released_on", fields.released_on)
        .created("objective_count", objective_count.map(|n| n.to_string()).unwrap_or_default())
        .created("source_url", &fields.source_url)
        .created("note", &fields.note);
    if let Some(sections) = &sections {
        store_text(&txn, audit, m.id, fields.format, &fields.text, sections).await?;
        diff.created("text", format!("{} sections", sections.len()));
    }
    revisions::record(
        &txn,
        audit,
        EntityType::Draft,
        m.id,
        &fields.label,
        RevisionAction::Created,
        diff.into_changes(),
    )
    .await?;
    super::notifications::announce(&txn, audit, super::notifications::Event::NewDraft { draft_id: m.id }).await?;
    txn.commit().await?;
    Ok(m.slug)
}

/// A draft's details and, when a new text is given, its text split into sections.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEdit {
    pub fields: DraftFields,
    pub sections: Option<Vec<ParsedSection>>,
}

/// A draft of the compact, described for the versioned save.
pub struct DraftRecord;

impl Editable for DraftRecord {
    const KIND: EntityType = EntityType::Draft;
    type Field = CompactDraftField;
    type Key = str;
    type Input = DraftEdit;
    /// How many sections it has now.
    type Context = u64;

    async fn load<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<StoredOf<Self>>> {
        let Some(d) = find(db, slug).await? else { return Ok(None) };
        let sections = draft_section::Entity::find().filter(draft_section::Column::DraftId.eq(d.id)).count(db).await?;
        let fields = DraftFields {
            slug: d.slug,
            label: d.label,
            released_on: d.released_on,
            objective_count: d.objective_count,
            source_url: d.source_url,
            note: d.note,
            format: TextFormat::Plain,
            text: String::new(),
        };
        Ok(Some(Stored {
            id: d.id,
            version: d.version,
            input: DraftEdit { fields, sections: None },
            context: sections,
        }))
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_enter_drafts(actor))
    }

    fn check(input: &DraftEdit) -> Result<(), Invalid> {
        input.fields.check().into_iter().next().map_or(Ok(()), Err)
    }

    /// Without a new text and a count entered, the objectives counted stay as stored.
    fn complete(stored: &StoredOf<Self>, mut input: DraftEdit) -> DomainResult<DraftEdit> {
        input.fields.objective_count = match (&input.sections, input.fields.objective_count) {
            (_, Some(n)) => Some(n),
            (Some(sections), None) => Some(count_objectives(sections)),
            (None, None) => stored.input.fields.objective_count,
        };
        Ok(input)
    }

    async fn values<C: ConnectionTrait>(
        _db: &C,
        input: &DraftEdit,
        sections_now: &u64,
    ) -> DomainResult<Vec<(CompactDraftField, String)>> {
        use CompactDraftField as F;
        let DraftFields { slug, label, released_on, objective_count, source_url, note, format: _, text: _ } =
            &input.fields;
        let text = match &input.sections {
            Some(sections) => format!("{} sections (text replaced)", sections.len()),
            None => format!("{sections_now} sections"),
        };
        Ok(vec![
            (F::Slug, slug.clone()),
            (F::Label, label.clone()),
            (F::ReleasedOn, released_on.to_string()),
            (F::ObjectiveCount, objective_count.map(|n| n.to_string()).unwrap_or_default()),
            (F::SourceUrl, source_url.clone()),
            (F::Note, note.clone()),
            (F::Text, text),
        ])
    }

    fn label(input: &DraftEdit, _: &u64) -> String {
        input.fields.label.clone()
    }

    fn slug(input: &DraftEdit) -> Option<&str> {
        Some(&input.fields.slug)
    }

    async fn slug_taken<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
        Ok(find(db, slug).await?.is_some())
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        input: &DraftEdit,
    ) -> DomainResult<bool> {
        let (id, fields) = (stored.id, &input.fields);
        let result = draft::Entity::update_many()
            .set(active_model(fields, fields.objective_count, stored.version + 1, audit))
            .filter(draft::Column::Id.eq(id))
            .filter(draft::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        if result.rows_affected != 1 {
            return Ok(false);
        }
        if let Some(sections) = &input.sections {
            draft_section::Entity::delete_many().filter(draft_section::Column::DraftId.eq(id)).exec(db).await?;
            text_entity::Entity::delete_many().filter(text_entity::Column::DraftId.eq(id)).exec(db).await?;
            store_text(db, audit, id, fields.format, &fields.text, sections).await?;
        }
        if fields.released_on != stored.input.fields.released_on {
            // the demands a draft counts depend on its release
            super::tallies::rebuild_draft(db, id).await?;
        }
        Ok(true)
    }
}

fn active_model(fields: &DraftFields, objective_count: Option<i32>, version: i32, audit: &Audit) -> draft::ActiveModel {
    draft::ActiveModel {
        slug: Set(fields.slug.clone()),
        label: Set(fields.label.clone()),
        released_on: Set(fields.released_on),
        objective_count: Set(objective_count),
        source_url: Set(fields.source_url.clone()),
        note: Set(fields.note.clone()),
        version: Set(version),
        updated_at: Set(audit.at),
        ..Default::default()
    }
}

/// Changes a draft's details, and replaces its text when a new one is given, if nobody
/// changed it since `expected_version`.
pub async fn update(
    db: &DatabaseConnection,
    audit: &Audit,
    slug: &str,
    expected_version: i32,
    fields: DraftFields,
) -> DomainResult<String> {
    ensure(can_enter_drafts(&audit.actor))?;
    first_invalid(&fields)?;
    let sections = split_text(&fields)?;
    let edit = DraftEdit { fields, sections };
    let saved = editing::save::<DraftRecord>(db, audit, slug, expected_version, edit).await?.or_conflict()?;
    Ok(saved.input.fields.slug)
}

fn count_objectives(sections: &[ParsedSection]) -> i32 {
    i32::try_from(sections.iter().filter(|s| s.kind == SectionKind::Objective).count()).unwrap_or(i32::MAX)
}

/// Stores the text and its sections (parents resolved to the stored ids).
async fn store_text<C: ConnectionTrait>(
    txn: &C,
    audit: &Audit,
    draft_id: i32,
    format: TextFormat,
    text: &str,
    sections: &[ParsedSection],
) -> DomainResult<()> {
    text_entity::ActiveModel {
        draft_id: Set(draft_id),
        format: Set(format),
        text: Set(text.to_string()),
        entered_by: Set(audit.actor.user_id()),
        entered_at: Set(audit.at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    insert_sections(txn, draft_id, sections).await
}

async fn insert_sections<C: ConnectionTrait>(txn: &C, draft_id: i32, sections: &[ParsedSection]) -> DomainResult<()> {
    let mut ids: Vec<i32> = Vec::with_capacity(sections.len());
    for (ordinal, s) in sections.iter().enumerate() {
        let parent_id = s.parent.and_then(|i| ids.get(i).copied());
        let m = draft_section::ActiveModel {
            draft_id: Set(draft_id),
            parent_id: Set(parent_id),
            ordinal: Set(i32::try_from(ordinal).unwrap_or(i32::MAX)),
            kind: Set(s.kind),
            number: Set(s.number.clone()),
            heading: Set(s.heading.clone()),
            body: Set(s.body.clone()),
            source_url: Set(String::new()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        ids.push(m.id);
    }
    Ok(())
}

/// A section known for a draft whose text the tracker does not hold: its kind and number,
/// the objective a paragraph sits in, its heading as worded in that draft ("" when not
/// known), and where it is documented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSection {
    pub kind: SectionKind,
    pub number: String,
    /// For a paragraph inside an objective: that objective's number.
    pub parent: Option<String>,
    pub heading: String,
    pub source_url: String,
}

/// Gives a draft without sections the sections known for it (the built-in drafts: every
/// objective, titles as worded in that draft where a source gives them, the paragraphs
/// sources cite), in order. Does nothing if it has sections.
pub async fn set_known_sections<C: ConnectionTrait>(
    txn: &C,
    audit: &Audit,
    slug: &str,
    known: &[KnownSection],
) -> DomainResult<usize> {
    ensure(can_enter_drafts(&audit.actor))?;
    let d = find(txn, slug).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?;
    if draft_section::Entity::find().filter(draft_section::Column::DraftId.eq(d.id)).count(txn).await? > 0 {
        return Ok(0);
    }
    let mut objectives: HashMap<String, i32> = HashMap::new();
    for (ordinal, s) in known.iter().enumerate() {
        let parent_id = match &s.parent {
            None => None,
            Some(n) => Some(*objectives.get(n).ok_or_else(|| {
                DomainError::Corrupt(format!("{slug}: paragraph {} sits in objective {n}, listed after it", s.number))
            })?),
        };
        let m = draft_section::ActiveModel {
            draft_id: Set(d.id),
            parent_id: Set(parent_id),
            ordinal: Set(i32::try_from(ordinal).unwrap_or(i32::MAX)),
            kind: Set(s.kind),
            number: Set(s.number.clone()),
            heading: Set(s.heading.clone()),
            body: Set(String::new()),
            source_url: Set(s.source_url.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if s.kind == SectionKind::Objective {
            objectives.insert(s.number.clone(), m.id);
        }
    }
    Ok(known.len())
}

/// The id of the draft `slug`.
pub async fn id_of<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<i32> {
    Ok(find(db, slug).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?.id)
}

/// The keys of a draft's citable sections.
pub async fn section_keys<C: ConnectionTrait>(db: &C, draft_id: i32) -> DomainResult<HashSet<String>> {
    Ok(sections(db, draft_id).await?.into_iter().filter_map(|s| s.key).collect())
}

/// A draft's sections in order.
pub async fn sections<C: ConnectionTrait>(db: &C, draft_id: i32) -> DomainResult<Vec<SectionView>> {
    let rows = draft_section::Entity::find()
        .filter(draft_section::Column::DraftId.eq(draft_id))
        .order_by_asc(draft_section::Column::Ordinal)
        .all(db)
        .await?;
    let keys: HashMap<i32, Option<String>> =
        rows.iter().map(|r| Ok((r.id, draft_text::section_key(r.kind, &r.number)))).collect::<DomainResult<_>>()?;
    rows.into_iter()
        .map(|r| {
            let kind: SectionKind = r.kind;
            Ok(SectionView {
                key: draft_text::section_key(kind, &r.number),
                parent: r.parent_id.and_then(|p| keys.get(&p).cloned().flatten()),
                kind,
                number: r.number,
                heading: r.heading,
                body: r.body,
                source_url: r.source_url,
            })
        })
        .collect()
}

/// Every draft in order, as choosers name them.
pub async fn refs<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<DraftRef>> {
    Ok(super::query::load::drafts(db).await?.into_iter().map(|(_, d)| d).collect())
}

/// One draft with its sections.
pub async fn get<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<DraftDetail> {
    let d = find(db, slug).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?;
    let has_full_text = text_entity::Entity::find().filter(text_entity::Column::DraftId.eq(d.id)).count(db).await? > 0;
    Ok(DraftDetail {
        sections: sections(db, d.id).await?,
        changes: super::draft_changes::of_draft(db, d.id).await?,
        drafts: refs(db).await?,
        has_full_text,
        slug: d.slug,
        label: d.label,
        released_on: d.released_on,
        objective_count: d.objective_count,
        source_url: d.source_url,
        note: d.note,
        version: d.version,
    })
}

/// The text as entered (for the editor), if any.
pub async fn text<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<(TextFormat, String)>> {
    let d = find(db, slug).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?;
    match text_entity::Entity::find().filter(text_entity::Column::DraftId.eq(d.id)).one(db).await? {
        Some(t) => Ok(Some((t.format, t.text))),
        None => Ok(None),
    }
}

pub async fn exists<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<bool> {
    Ok(find(db, slug).await?.is_some())
}

/// Every draft, oldest first, with its objective count and how many sections of text it holds.
pub async fn list<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<DraftView>> {
    let drafts = draft::Entity::find().order_by_asc(draft::Column::ReleasedOn).all(db).await?;
    let mut sections: HashMap<i32, usize> = HashMap::new();
    for s in draft_section::Entity::find().all(db).await? {
        *sections.entry(s.draft_id).or_default() += 1;
    }
    // only which drafts have a text, not the texts themselves
    let texts: HashSet<i32> = text_entity::Entity::find()
        .select_only()
        .column(text_entity::Column::DraftId)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(drafts
        .into_iter()
        .map(|d| DraftView {
            section_count: sections.get(&d.id).copied().unwrap_or(0),
            has_full_text: texts.contains(&d.id),
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

/// Two drafts compared section by section: `from` defaults to the first draft, `to` to the
/// latest.
pub async fn compare<C: ConnectionTrait>(
    db: &C,
    from: Option<&str>,
    to: Option<&str>,
) -> DomainResult<crate::types::DraftComparison> {
    let all = super::query::load::drafts(db).await?;
    let from = match from {
        Some(slug) => super::query::load::choose(&all, Some(slug))?,
        None => all.first().cloned().ok_or(DomainError::NotFound(crate::types::EntityType::Draft))?,
    };
    let to = super::query::load::choose(&all, to)?;
    let held = (held(db, from.0).await?, held(db, to.0).await?);
    let (tally, sections) = crate::compare::compare(&sections(db, from.0).await?, &sections(db, to.0).await?, held);
    let documented = super::draft_changes::between(db, &from, &to).await?;
    Ok(crate::types::DraftComparison {
        from: from.1,
        to: to.1,
        drafts: all.into_iter().map(|(_, d)| d).collect(),
        tally,
        sections,
        documented,
    })
}

/// Whether the tracker holds a draft's full text or only the sections known for it.
async fn held<C: ConnectionTrait>(db: &C, draft_id: i32) -> DomainResult<crate::compare::Held> {
    let has_text = text_entity::Entity::find().filter(text_entity::Column::DraftId.eq(draft_id)).count(db).await? > 0;
    Ok(if has_text { crate::compare::Held::FullText } else { crate::compare::Held::KnownSections })
}
