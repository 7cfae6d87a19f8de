//! Loads shared by the scorecard's views: the drafts, the elements, a page of organisations,
//! the counts per organisation, and the demands behind a list (with their signatories and
//! elements, each in one query for the whole list).
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::sql::{self, D, O, P, PS};
use crate::entities::{demand, demand_element, draft, element, organisation, position, position_signatory};
use crate::error::{DomainError, DomainResult};
use crate::types::{
    Addresses, AssessmentView, DemandLink, DraftRef, ElementRef, EntityType, EvidenceBasis, OrganisationKind,
    OrganisationRef, OrganisationScore, Rating, RatingCounts, Region, ScorecardHead,
};

/// Every draft, oldest first, with its id.
pub async fn drafts<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<(i32, DraftRef)>> {
    Ok(draft::Entity::find()
        .order_by_asc(draft::Column::ReleasedOn)
        .order_by_asc(draft::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, DraftRef { slug: d.slug, label: d.label, released_on: d.released_on }))
        .collect())
}

/// The draft named by `slug`, or the latest one.
pub fn choose(drafts: &[(i32, DraftRef)], slug: Option<&str>) -> DomainResult<(i32, DraftRef)> {
    let found = match slug {
        Some(slug) => drafts.iter().find(|(_, d)| d.slug == slug),
        None => drafts.last(),
    };
    found.cloned().ok_or(DomainError::NotFound(crate::types::EntityType::Draft))
}

/// The last change of each kind of revision the scorecard reflects, each selected under the
/// kind's name.
#[derive(FromQueryResult)]
struct LastChanges {
    organisation: Option<DateTime<Utc>>,
    position: Option<DateTime<Utc>>,
    demand: Option<DateTime<Utc>>,
    draft: Option<DateTime<Utc>>,
    assessment: Option<DateTime<Utc>>,
}

/// The moment of the last change the scorecard reflects (record or assessments): one query
/// of one MAX per kind of revision, each read from the index on (entity_type, changed_at).
pub async fn as_of<C: ConnectionTrait>(db: &C) -> DomainResult<Option<DateTime<Utc>>> {
    let kinds =
        [EntityType::Organisation, EntityType::Position, EntityType::Demand, EntityType::Draft, EntityType::Assessment];
    // the kinds are the domain's own constants, never user input
    let columns: Vec<String> = kinds
        .iter()
        .map(|k| format!(r#"(SELECT MAX(changed_at) FROM revisions WHERE entity_type = '{k}') AS "{k}""#))
        .collect();
    let sql = format!("SELECT {}", columns.join(", "));
    let statement = sea_orm::Statement::from_string(db.get_database_backend(), sql);
    let Some(last) = LastChanges::find_by_statement(statement).one(db).await? else {
        return Ok(None);
    };
    Ok([last.organisation, last.position, last.demand, last.draft, last.assessment].into_iter().max().flatten())
}

pub async fn head<C: ConnectionTrait>(db: &C, slug: Option<&str>) -> DomainResult<(sql::Scope, ScorecardHead)> {
    let all = drafts(db).await?;
    let chosen_pair = choose(&all, slug)?;
    let scope = sql::Scope::of(&chosen_pair);
    let (id, chosen) = chosen_pair;
    let by_tracker = crate::services::tallies::read::draft(db, id).await?.map(|m| m.by_tracker).unwrap_or(0);
    Ok((
        scope,
        ScorecardHead {
            draft: chosen,
            drafts: all.into_iter().map(|(_, d)| d).collect(),
            as_of: as_of(db).await?,
            by_tracker: u32::try_from(by_tracker).unwrap_or(u32::MAX),
        },
    ))
}

/// The 24 elements in order, with their ids.
pub async fn elements<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<(i32, ElementRef)>> {
    element::Entity::find()
        .order_by_asc(element::Column::Ordinal)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let letter = e
                .letter
                .chars()
                .next()
                .ok_or_else(|| DomainError::Corrupt(format!("element {} has no letter", e.id)))?;
            Ok((e.id, ElementRef { letter, text: e.text }))
        })
        .collect()
}

/// The organisations with at least one demand counted by one of the drafts `scopes`,
/// filtered, by name: one page and the total.
pub async fn organisation_page<C: ConnectionTrait>(
    db: &C,
    scopes: &[sql::Scope],
    region: Option<Region>,
    kind: Option<OrganisationKind>,
    page: u32,
    per_page: u32,
) -> DomainResult<(Vec<organisation::Model>, u32)> {
    let drafts: Vec<i32> = scopes.iter().map(|s| s.id).collect();
    let mut find = organisation::Entity::find().filter(crate::services::tallies::read::counted(&drafts));
    if let Some(r) = region {
        find = find.filter(O::Region.eq(r));
    }
    if let Some(k) = kind {
        find = find.filter(O::Kind.eq(k));
    }
    // one draft's organisations are counted in its row, two drafts' in their rows; a filter
    // needs the organisations
    let total = match (drafts.as_slice(), region, kind) {
        ([one], None, None) => crate::services::tallies::read::draft(db, *one)
            .await?
            .map_or(0, |m| u64::try_from(m.organisations).unwrap_or(0)),
        (_, None, None) => crate::services::tallies::read::organisations_counted(db, &drafts).await?,
        _ => find.clone().count(db).await?,
    };
    let items = find
        .order_by_asc(O::Name)
        .order_by_asc(O::Id)
        .offset(u64::from(page.saturating_sub(1)) * u64::from(per_page))
        .limit(u64::from(per_page))
        .all(db)
        .await?;
    Ok((items, u32::try_from(total).unwrap_or(u32::MAX)))
}

/// Positions looked at in the first step of `in_record_order`; each further step looks at
/// twice as many, up to `MAX_STEP`.
/// Small, so that a page of a list of dense moves reads only the few positions it shows.
const FIRST_STEP: u64 = 20;
const MAX_STEP: u64 = 3_200;

/// How many published positions have a date (they come first in record order).
async fn dated_positions<C: ConnectionTrait>(db: &C) -> DomainResult<u64> {
    let mut q = Query::select();
    q.expr_as(Expr::col((position::Entity, P::Id)).count(), "n")
        .from(position::Entity)
        .and_where(published())
        .and_where(Expr::col((position::Entity, P::PublishedOn)).is_not_null());
    Ok(u64::from(sql::to_u32(sql::count(db, &q).await?)))
}

/// A row of one `id` column.
#[derive(FromQueryResult)]
struct Id {
    id: i32,
}

fn published() -> sea_orm::sea_query::SimpleExpr {
    Expr::col((position::Entity, P::Status)).eq(crate::types::PositionStatus::Published)
}

/// The published positions in record order (dated ones by date, then the undated ones: the
/// order of `order_demands`), `limit` of them from `offset`, `dated` of them having a date.
/// Index-ordered queries rather than one sort of every position.
async fn positions_in_record_order<C: ConnectionTrait>(
    db: &C,
    dated: u64,
    offset: u64,
    limit: u64,
) -> DomainResult<Vec<i32>> {
    let mut ids = Vec::new();
    for (is_dated, from) in [(true, offset), (false, offset.saturating_sub(dated))] {
        if (is_dated && offset >= dated) || (!is_dated && ids.len() as u64 >= limit) {
            continue;
        }
        let on = Expr::col((position::Entity, P::PublishedOn));
        let mut q = Query::select();
        q.column((position::Entity, P::Id))
            .from(position::Entity)
            .and_where(published())
            .and_where(if is_dated { on.is_not_null() } else { on.is_null() })
            .order_by((position::Entity, P::PublishedOn), Order::Asc)
            .order_by((position::Entity, P::Id), Order::Asc)
            .offset(from)
            .limit(limit - ids.len() as u64);
        ids.extend(sql::all::<Id, _>(db, &q).await?.into_iter().map(|r| r.id));
    }
    Ok(ids)
}

/// A page of a list of demands in record order (`order_demands`) without sorting the whole
/// record: `query(positions, limit)` gives the rows of some positions (in record order, at most
/// `limit`); the published positions are taken in record order, a hundred first and twice as
/// many at each further step, until `skip` rows were passed and `want` gathered (or `total`,
/// when known, reached). Where the list is dense (most demands qualify), the first step or two
/// fill the page, whatever the size of the record. Each row is read into `R`.
pub async fn in_record_order<R, C, F>(
    db: &C,
    skip: usize,
    want: usize,
    total: Option<usize>,
    query: F,
) -> DomainResult<Vec<R>>
where
    R: FromQueryResult,
    C: ConnectionTrait,
    F: Fn(&[i32], u64) -> SelectStatement,
{
    let mut out = Vec::new();
    let (mut offset, mut step, mut passed) = (0, FIRST_STEP, 0usize);
    let wanted = skip + want;
    let dated = dated_positions(db).await?;
    loop {
        let ids = positions_in_record_order(db, dated, offset, step).await?;
        if ids.is_empty() {
            break;
        }
        for row in sql::all::<R, _>(db, &query(&ids, (wanted - passed) as u64)).await? {
            passed += 1;
            if passed > skip {
                out.push(row);
            }
        }
        if passed >= wanted || total.is_some_and(|t| passed >= t) || (ids.len() as u64) < step {
            break;
        }
        offset += step;
        step = Ord::min(step * 2, MAX_STEP);
    }
    Ok(out)
}

pub fn organisation_score(o: &organisation::Model, counts: RatingCounts) -> DomainResult<OrganisationScore> {
    Ok(OrganisationScore {
        slug: o.slug.clone(),
        name: o.name.clone(),
        acronym: o.acronym.clone(),
        region: o.region,
        kind: o.kind,
        counts,
    })
}

pub fn organisation_ref(o: &organisation::Model) -> OrganisationRef {
    OrganisationRef { slug: o.slug.clone(), name: o.name.clone(), acronym: o.acronym.clone() }
}

/// Adds the columns a `DemandLinkRow` is read from: demand id, slug and text, position slug,
/// title and id (each under its own name: both tables have an `id` and a `slug`).
pub fn select_demand_link(q: &mut SelectStatement) {
    q.expr_as(Expr::col((demand::Entity, D::Id)), "demand_id")
        .expr_as(Expr::col((demand::Entity, D::Slug)), "demand_slug")
        .expr_as(Expr::col((demand::Entity, D::Text)), "demand_text")
        .expr_as(Expr::col((position::Entity, P::Slug)), "position_slug")
        .expr_as(Expr::col((position::Entity, P::Title)), "position_title")
        .expr_as(Expr::col((position::Entity, P::Id)), "position_id");
}

/// What `select_demand_link` added (nested in the rows of queries that select more).
#[derive(Debug, FromQueryResult)]
pub struct DemandLinkRow {
    pub demand_id: i32,
    pub demand_slug: String,
    pub demand_text: String,
    pub position_slug: String,
    pub position_title: String,
    pub position_id: i32,
}

impl DemandLinkRow {
    /// (demand id, position id, link); the position's addressing is added by `with_people`.
    pub fn into_parts(self) -> (i32, i32, DemandLink) {
        (
            self.demand_id,
            self.position_id,
            DemandLink {
                slug: self.demand_slug,
                text: self.demand_text,
                position_slug: self.position_slug,
                position_title: self.position_title,
                position_addresses: Addresses::Negotiation,
                responds_to: None,
            },
        )
    }
}

/// Adds the columns an `AssessmentRow` is read from, of the assessments joined as `alias`.
pub fn select_assessment(q: &mut SelectStatement, alias: &str) {
    use crate::services::query::sql::A;
    for column in [A::Rating, A::SectionRef, A::Quote, A::Note, A::ByTracker, A::AssessedAt, A::Version, A::SourceUrl] {
        q.column((sea_orm::sea_query::Alias::new(alias), column));
    }
}

/// What `select_assessment` added.
#[derive(Debug, FromQueryResult)]
pub struct AssessmentRow {
    pub rating: Rating,
    pub section_ref: String,
    pub quote: String,
    pub note: String,
    pub by_tracker: bool,
    pub assessed_at: DateTime<Utc>,
    pub version: i32,
    pub source_url: String,
}

impl AssessmentRow {
    pub fn view(self) -> AssessmentView {
        AssessmentView {
            rating: self.rating,
            section: self.section_ref,
            quote: self.quote,
            note: self.note,
            by_tracker: self.by_tracker,
            assessed_at: self.assessed_at,
            version: self.version,
            basis: EvidenceBasis::of(&self.source_url),
            source_url: self.source_url,
        }
    }
}

/// The order demands are listed in: by position (oldest first, undated last on both
/// databases), then as the position lists them.
pub fn order_demands(q: &mut SelectStatement) {
    q.order_by_expr(Expr::col((position::Entity, P::PublishedOn)).is_null(), Order::Asc)
        .order_by((position::Entity, P::PublishedOn), Order::Asc)
        .order_by((position::Entity, P::Id), Order::Asc)
        .order_by((demand::Entity, D::Ordinal), Order::Asc);
}

/// The signatories of each position, by name (one query).
pub async fn signatories<C: ConnectionTrait>(
    db: &C,
    position_ids: &[i32],
) -> DomainResult<HashMap<i32, Vec<OrganisationRef>>> {
    if position_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut ids = position_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    signatories_where(db, Expr::col((position_signatory::Entity, PS::PositionId)).is_in(ids)).await
}

/// The signatories of the positions `condition` picks (on `position_signatories`), by name, in
/// one query. For long lists, a condition with a subquery: SQLite takes seconds over an `IN`
/// of ten thousand literal ids.
pub async fn signatories_where<C: ConnectionTrait>(
    db: &C,
    condition: Expr,
) -> DomainResult<HashMap<i32, Vec<OrganisationRef>>> {
    let mut out: HashMap<i32, Vec<OrganisationRef>> = HashMap::new();
    let mut q = Query::select();
    q.column((position_signatory::Entity, PS::PositionId))
        .column((organisation::Entity, O::Slug))
        .column((organisation::Entity, O::Name))
        .column((organisation::Entity, O::Acronym))
        .from(position_signatory::Entity)
        .inner_join(
            organisation::Entity,
            Expr::col((organisation::Entity, O::Id)).equals((position_signatory::Entity, PS::OrganisationId)),
        )
        .and_where(condition)
        .order_by((organisation::Entity, O::Name), Order::Asc);
    #[derive(FromQueryResult)]
    struct Signatory {
        position_id: i32,
        slug: String,
        name: String,
        acronym: String,
    }
    for row in sql::all::<Signatory, _>(db, &q).await? {
        out.entry(row.position_id).or_default().push(OrganisationRef {
            slug: row.slug,
            name: row.name,
            acronym: row.acronym,
        });
    }
    Ok(out)
}

/// The element letters of each demand (one query).
pub async fn letters<C: ConnectionTrait>(db: &C, demand_ids: &[i32]) -> DomainResult<HashMap<i32, Vec<char>>> {
    let mut out: HashMap<i32, Vec<char>> = HashMap::new();
    if demand_ids.is_empty() {
        return Ok(out);
    }
    let mut q = Query::select();
    q.column((demand_element::Entity, demand_element::Column::DemandId))
        .column((element::Entity, element::Column::Letter))
        .from(demand_element::Entity)
        .inner_join(
            element::Entity,
            Expr::col((element::Entity, element::Column::Id))
                .equals((demand_element::Entity, demand_element::Column::ElementId)),
        )
        .and_where(
            Expr::col((demand_element::Entity, demand_element::Column::DemandId)).is_in(demand_ids.iter().copied()),
        )
        .order_by((element::Entity, element::Column::Ordinal), Order::Asc);
    #[derive(FromQueryResult)]
    struct Letter {
        demand_id: i32,
        letter: String,
    }
    for row in sql::all::<Letter, _>(db, &q).await? {
        if let Some(c) = row.letter.chars().next() {
            out.entry(row.demand_id).or_default().push(c);
        }
    }
    Ok(out)
}

/// The organisation named by `slug`.
pub async fn organisation<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<organisation::Model> {
    organisation::Entity::find()
        .filter(O::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Organisation))
}

/// Every organisation with a published demand, by name (the filters' choices).
pub async fn organisations_with_demands<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<OrganisationRef>> {
    Ok(organisation::Entity::find()
        .filter(Expr::col((organisation::Entity, O::Id)).in_subquery(sql::organisations_with_demands()))
        .order_by_asc(O::Name)
        .all(db)
        .await?
        .iter()
        .map(organisation_ref)
        .collect())
}

/// Adds each listed demand's signatories and element letters (two queries for the list).
pub async fn with_people<C, X, T>(
    db: &C,
    listed: Vec<(i32, i32, DemandLink, X)>,
    make: impl Fn(DemandLink, Vec<crate::types::OrganisationRef>, Vec<char>, X) -> T,
) -> DomainResult<Vec<T>>
where
    C: ConnectionTrait,
{
    let positions: Vec<i32> = listed.iter().map(|l| l.1).collect();
    let demand_ids: Vec<i32> = listed.iter().map(|l| l.0).collect();
    let signatories = signatories(db, &positions).await?;
    let mut letters = letters(db, &demand_ids).await?;
    let addressing = addressing_of(db, &positions).await?;
    listed
        .into_iter()
        .map(|(demand_id, position_id, mut link, extra)| {
            if let Some((addresses, responds_to)) = addressing.get(&position_id) {
                link.position_addresses = *addresses;
                link.responds_to = responds_to.clone();
            }
            let orgs = signatories.get(&position_id).cloned().unwrap_or_default();
            Ok(make(link, orgs, letters.remove(&demand_id).unwrap_or_default(), extra))
        })
        .collect()
}

/// What each position addresses and the draft (slug) it responds to (one query).
async fn addressing_of<C: ConnectionTrait>(
    db: &C,
    position_ids: &[i32],
) -> DomainResult<HashMap<i32, (Addresses, Option<String>)>> {
    let mut out = HashMap::new();
    if position_ids.is_empty() {
        return Ok(out);
    }
    let mut ids = position_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut q = Query::select();
    q.column((position::Entity, P::Id))
        .column((position::Entity, P::Addresses))
        .expr_as(Expr::col((draft::Entity, draft::Column::Slug)), "responds_to")
        .from(position::Entity)
        .left_join(
            draft::Entity,
            Expr::col((draft::Entity, draft::Column::Id)).equals((position::Entity, P::RespondsToId)),
        )
        .and_where(Expr::col((position::Entity, P::Id)).is_in(ids));
    #[derive(FromQueryResult)]
    struct Addressing {
        id: i32,
        addresses: Addresses,
        responds_to: Option<String>,
    }
    for row in sql::all::<Addressing, _>(db, &q).await? {
        out.insert(row.id, (row.addresses, row.responds_to));
    }
    Ok(out)
}
