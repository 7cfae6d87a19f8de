//! Assessments: a coordinator rates a demand against a draft, with evidence. Every change of
//! rating writes a revision (its history), and a stale save is refused as a conflict.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, Set,
    SqlErr,
};

use super::editing::{self, Editable, Stored, StoredOf};
use super::query::{load, sql};
use super::revisions::{self, Diff};
use super::tallies::Touch;
use super::{drafts, positions};
use crate::audit::{Actor, Audit};
use crate::entities::{assessment, demand, draft, draft_text, position};
use crate::error::{DomainError, DomainResult};
use crate::permissions::{ensure, scorecard::can_assess};
use crate::types::fields::AssessmentField;
use crate::types::{
    AssessmentFields, AssessmentView, EntityType, EvidenceBasis, Invalid, InvalidReason, Paged, PositionStatus,
    RevisionAction, RevisionView, ScorecardFilter, WorkItem, Worklist, WORK_PER_PAGE,
};

fn view(a: &assessment::Model) -> DomainResult<AssessmentView> {
    Ok(AssessmentView {
        rating: a.rating,
        section: a.section_ref.clone(),
        quote: a.quote.clone(),
        note: a.note.clone(),
        by_tracker: a.by_tracker,
        basis: EvidenceBasis::of(&a.source_url),
        source_url: a.source_url.clone(),
        assessed_at: a.assessed_at,
        version: a.version,
    })
}

async fn draft_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<draft::Model> {
    draft::Entity::find()
        .filter(draft::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Draft))
}

/// Rates `demand_slug` against `draft_slug`. `expected_version` is the version of the
/// assessment the form was filled from (0: there was none). The section cited must be one of
/// the draft's; the demand's position must be published, and the scorecard's rule must let
/// the draft count it (see `types::scoring_rule`); where the tracker does not hold the draft's
/// text, the public source documenting its wording is required. `by_tracker` marks the
/// built-in ratings the tracker made from public sources; a coordinator's rating replaces one.
pub async fn assess(
    db: &DatabaseConnection,
    audit: &Audit,
    draft_slug: &str,
    demand_slug: &str,
    expected_version: i32,
    fields: AssessmentFields,
    by_tracker: bool,
) -> DomainResult<AssessmentView> {
    ensure(can_assess(&audit.actor))?;
    let txn = crate::db::begin_write(db).await?;
    let saved = assess_in(&txn, audit, draft_slug, demand_slug, expected_version, fields, by_tracker).await?;
    txn.commit().await?;
    Ok(saved)
}

/// `assess` inside a transaction the caller commits (the seed rates many demands in one).
pub async fn assess_in<C: ConnectionTrait>(
    txn: &C,
    audit: &Audit,
    draft_slug: &str,
    demand_slug: &str,
    expected_version: i32,
    fields: AssessmentFields,
    by_tracker: bool,
) -> DomainResult<AssessmentView> {
    ensure(can_assess(&audit.actor))?;
    if let Some(e) = fields.check().into_iter().next() {
        return Err(e.into());
    }
    let draft = draft_by_slug(txn, draft_slug).await?;
    let demand = demand_by_slug(txn, demand_slug).await?;
    let position = position::Entity::find_by_id(demand.position_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    if position.status != PositionStatus::Published {
        return Err(Invalid::new("demand", InvalidReason::NotPublished).into());
    }
    if let Err(reason) = positions::addressing(txn, &position).await?.scored_against(&draft.slug, draft.released_on) {
        return Err(Invalid::new("draft", InvalidReason::NotScored(reason)).into());
    }
    if fields.source_url.is_empty()
        && draft_text::Entity::find().filter(draft_text::Column::DraftId.eq(draft.id)).one(txn).await?.is_none()
    {
        return Err(Invalid::new("source_url", InvalidReason::Required).into());
    }
    if !fields.section.is_empty() && !drafts::section_keys(txn, draft.id).await?.contains(&fields.section) {
        return Err(Invalid::new("section", InvalidReason::UnknownSection(fields.section.clone())).into());
    }
    let touch = Touch::demands(txn, [demand.id]).await?;
    let current = stored_for(txn, draft.id, demand.id).await?;
    let rated_before = current.as_ref().map(|c| c.rating);
    let label = format!("{} · {}", demand.slug, draft.label);
    let user = audit.actor.user_id();
    let saved = match current {
        None if expected_version != 0 => return Err(DomainError::Conflict { current_version: 0 }),
        None => {
            let inserted = assessment::ActiveModel {
                demand_id: Set(demand.id),
                draft_id: Set(draft.id),
                rating: Set(fields.rating),
                section_ref: Set(fields.section.clone()),
                quote: Set(fields.quote.clone()),
                note: Set(fields.note.clone()),
                source_url: Set(fields.source_url.clone()),
                by_tracker: Set(by_tracker),
                assessed_by: Set(user),
                assessed_at: Set(audit.at),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await;
            let model = match inserted {
                Ok(m) => m,
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    return Err(DomainError::Conflict { current_version: 1 })
                }
                Err(e) => return Err(e.into()),
            };
            let mut diff = Diff::new();
            diff.created("rating", model.rating)
                .created("section", &model.section_ref)
                .created("quote", &model.quote)
                .created("note", &model.note)
                .created("source_url", &model.source_url);
            revisions::record(
                txn,
                audit,
                EntityType::Assessment,
                model.id,
                &label,
                RevisionAction::Created,
                diff.into_changes(),
            )
            .await?;
            model
        }
        Some(_) => {
            let edit = AssessmentEdit { fields, by_tracker };
            let key = (draft.id, demand.id);
            let saved = editing::save_in::<AssessmentRecord, C>(txn, audit, &key, expected_version, edit)
                .await?
                .or_conflict()?;
            assessment::Entity::find_by_id(saved.id)
                .one(txn)
                .await?
                .ok_or(DomainError::NotFound(EntityType::Assessment))?
        }
    };
    if rated_before != Some(saved.rating) {
        let event =
            super::notifications::Event::Rated { demand_id: demand.id, draft_id: draft.id, rating: saved.rating };
        super::notifications::announce(txn, audit, event).await?;
    }
    touch.settle(txn).await?;
    view(&saved)
}

/// A rating as its form sends it, and whether it is the tracker's own.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentEdit {
    pub fields: AssessmentFields,
    pub by_tracker: bool,
}

/// A rating of a demand against a draft (found by their ids), described for the versioned
/// save. Its name in histories is the demand's slug and the draft's label.
pub struct AssessmentRecord;

impl Editable for AssessmentRecord {
    const KIND: EntityType = EntityType::Assessment;
    type Field = AssessmentField;
    type Key = (i32, i32);
    type Input = AssessmentEdit;
    type Context = String;

    async fn load<C: ConnectionTrait>(db: &C, key: &(i32, i32)) -> DomainResult<Option<StoredOf<Self>>> {
        let (draft_id, demand_id) = *key;
        let Some(a) = stored_for(db, draft_id, demand_id).await? else { return Ok(None) };
        let demand = demand::Entity::find_by_id(demand_id).one(db).await?.map(|d| d.slug).unwrap_or_default();
        let draft = draft::Entity::find_by_id(draft_id).one(db).await?.map(|d| d.label).unwrap_or_default();
        let fields = AssessmentFields {
            rating: a.rating,
            section: a.section_ref,
            quote: a.quote,
            note: a.note,
            source_url: a.source_url,
        };
        Ok(Some(Stored {
            id: a.id,
            version: a.version,
            input: AssessmentEdit { fields, by_tracker: a.by_tracker },
            context: format!("{demand} · {draft}"),
        }))
    }

    async fn permit<C: ConnectionTrait>(_db: &C, actor: &Actor, _stored: &StoredOf<Self>) -> DomainResult<()> {
        ensure(can_assess(actor))
    }

    fn check(input: &AssessmentEdit) -> Result<(), Invalid> {
        input.fields.check().into_iter().next().map_or(Ok(()), Err)
    }

    async fn values<C: ConnectionTrait>(
        _db: &C,
        input: &AssessmentEdit,
        _: &String,
    ) -> DomainResult<Vec<(AssessmentField, String)>> {
        let AssessmentFields { rating, section, quote, note, source_url } = &input.fields;
        Ok(vec![
            (AssessmentField::Rating, rating.to_string()),
            (AssessmentField::Section, section.clone()),
            (AssessmentField::Quote, quote.clone()),
            (AssessmentField::Note, note.clone()),
            (AssessmentField::SourceUrl, source_url.clone()),
            (AssessmentField::ByTracker, input.by_tracker.to_string()),
        ])
    }

    fn label(_input: &AssessmentEdit, label: &String) -> String {
        label.clone()
    }

    async fn write<C: ConnectionTrait>(
        db: &C,
        audit: &Audit,
        stored: &StoredOf<Self>,
        input: &AssessmentEdit,
    ) -> DomainResult<bool> {
        let fields = &input.fields;
        let result = assessment::Entity::update_many()
            .set(assessment::ActiveModel {
                rating: Set(fields.rating),
                section_ref: Set(fields.section.clone()),
                quote: Set(fields.quote.clone()),
                note: Set(fields.note.clone()),
                source_url: Set(fields.source_url.clone()),
                by_tracker: Set(input.by_tracker),
                assessed_by: Set(audit.actor.user_id()),
                assessed_at: Set(audit.at),
                version: Set(stored.version + 1),
                ..Default::default()
            })
            .filter(assessment::Column::Id.eq(stored.id))
            .filter(assessment::Column::Version.eq(stored.version))
            .exec(db)
            .await?;
        Ok(result.rows_affected == 1)
    }
}

async fn demand_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<demand::Model> {
    demand::Entity::find()
        .filter(demand::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Demand))
}

async fn stored_for<C: ConnectionTrait>(
    db: &C,
    draft_id: i32,
    demand_id: i32,
) -> DomainResult<Option<assessment::Model>> {
    Ok(assessment::Entity::find()
        .filter(assessment::Column::DemandId.eq(demand_id))
        .filter(assessment::Column::DraftId.eq(draft_id))
        .one(db)
        .await?)
}

/// The stored assessment of a demand (by slugs) against a draft, if any.
async fn stored<C: ConnectionTrait>(
    db: &C,
    draft_slug: &str,
    demand_slug: &str,
) -> DomainResult<Option<assessment::Model>> {
    let draft = draft_by_slug(db, draft_slug).await?;
    let demand = demand_by_slug(db, demand_slug).await?;
    stored_for(db, draft.id, demand.id).await
}

/// The current assessment of a demand against a draft, if any.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    draft_slug: &str,
    demand_slug: &str,
) -> DomainResult<Option<AssessmentView>> {
    stored(db, draft_slug, demand_slug).await?.as_ref().map(view).transpose()
}

/// Every change of a demand's rating on a draft, oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    draft_slug: &str,
    demand_slug: &str,
) -> DomainResult<Vec<RevisionView>> {
    match stored(db, draft_slug, demand_slug).await? {
        Some(a) => revisions::history(db, EntityType::Assessment, a.id).await,
        None => Ok(Vec::new()),
    }
}

/// The coordinators' assessing page for a draft: the demands (not yet assessed by default),
/// filterable by element and organisation, each with the previous draft's rating beside it.
pub async fn worklist<C: ConnectionTrait>(
    db: &C,
    audit: &Audit,
    draft_slug: &str,
    filter: &ScorecardFilter,
) -> DomainResult<Worklist> {
    ensure(can_assess(&audit.actor))?;
    let all = load::drafts(db).await?;
    let chosen = load::choose(&all, Some(draft_slug))?;
    let scope = sql::Scope::of(&chosen);
    let (draft_id, draft) = chosen;
    let previous =
        all.iter().position(|(id, _)| *id == draft_id).and_then(|i| i.checked_sub(1)).map(|i| all[i].clone());
    let elements = load::elements(db).await?;
    let organisation = match &filter.organisation {
        Some(slug) => Some(load::organisation(db, slug).await?),
        None => None,
    };
    let element_id = match filter.element {
        Some(letter) => Some(
            elements
                .iter()
                .find(|(_, e)| e.letter == letter.as_char())
                .map(|(id, _)| *id)
                .ok_or(DomainError::NotFound(crate::types::EntityType::Element))?,
        ),
        None => None,
    };
    let base = || {
        let mut q = sql::scored_demands(scope);
        sql::rated_on(&mut q, "a", scope);
        if let Some(o) = &organisation {
            sql::signed(&mut q);
            q.and_where(sql::signatory().eq(o.id));
        }
        if let Some(e) = element_id {
            sql::mapped(&mut q);
            q.and_where(sql::element_id().eq(e));
        }
        q
    };
    let mut totals = base();
    totals.expr_as(sql::demand_id().count(), "total").expr_as(sql::rating_of("a").count(), "assessed");
    #[derive(FromQueryResult)]
    struct Totals {
        total: i64,
        assessed: i64,
    }
    let (total, assessed) = match sql::one::<Totals, _>(db, &totals).await? {
        Some(row) => (row.total, row.assessed),
        None => (0, 0),
    };
    let (total, pending) = (u32::try_from(total).unwrap_or(0), u32::try_from(total - assessed).unwrap_or(0));
    let mut list = base();
    if filter.pending_only {
        list.and_where(sql::rating_of("a").is_null());
    }
    load::select_demand_link(&mut list);
    list.column((Alias::new("a"), assessment::Column::Id));
    load::order_demands(&mut list);
    list.offset(u64::from(filter.page.saturating_sub(1)) * u64::from(WORK_PER_PAGE)).limit(u64::from(WORK_PER_PAGE));
    let listed: Vec<_> =
        sql::all::<load::DemandLinkRow, _>(db, &list).await?.into_iter().map(load::DemandLinkRow::into_parts).collect();
    let demand_ids: Vec<i32> = listed.iter().map(|l| l.0).collect();
    let mut current: HashMap<i32, AssessmentView> = HashMap::new();
    let mut before: HashMap<i32, AssessmentView> = HashMap::new();
    if !demand_ids.is_empty() {
        let mut drafts_wanted = vec![draft_id];
        drafts_wanted.extend(previous.as_ref().map(|(id, _)| *id));
        for a in assessment::Entity::find()
            .filter(assessment::Column::DemandId.is_in(demand_ids.clone()))
            .filter(assessment::Column::DraftId.is_in(drafts_wanted))
            .all(db)
            .await?
        {
            let target = if a.draft_id == draft_id { &mut current } else { &mut before };
            target.insert(a.demand_id, view(&a)?);
        }
    }
    let listed = listed
        .into_iter()
        .map(|(demand_id, position_id, link)| {
            (demand_id, position_id, link, (current.remove(&demand_id), before.remove(&demand_id)))
        })
        .collect();
    let items = load::with_people(db, listed, |demand, organisations, elements, (current, previous)| WorkItem {
        demand,
        organisations,
        elements,
        current,
        previous,
    })
    .await?;
    let shown = if filter.pending_only { pending } else { total };
    Ok(Worklist {
        draft,
        previous: previous.map(|(_, d)| d),
        sections: drafts::sections(db, draft_id).await?,
        items: Paged { items, page: filter.page, per_page: WORK_PER_PAGE, total: shown },
        pending,
        total,
        elements: elements.into_iter().map(|(_, e)| e).collect(),
        organisations: load::organisations_with_demands(db).await?,
        saved: None,
    })
}
