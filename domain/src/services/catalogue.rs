//! The open-data catalogue: the public record as lists, one page at a time (organisations,
//! published positions, their demands, assessments). Each list costs a fixed number of
//! queries whatever the size of the record: a COUNT, the page (LIMIT/OFFSET), and one query
//! per kind of detail for the rows of that page. Drafted positions never appear.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::query::load::{self, AssessmentRow, DemandLinkRow};
use super::query::sql::{self, A, D, DE, P, PS};
use crate::entities::{assessment, demand, demand_element, draft, element, organisation, position, position_signatory};
use crate::error::{DomainError, DomainResult};
use crate::types::{
    AssessmentRecord, CatalogueFilter, DemandElementView, DemandLink, DemandRecord, DemandSummary, DraftAssessment,
    DraftRef, OrganisationSummary, Paged, PositionStatus, PositionView, Stance, CATALOGUE_PER_PAGE,
};

fn paged<T>(items: Vec<T>, filter: &CatalogueFilter, total: u64) -> Paged<T> {
    Paged { items, page: filter.page, per_page: CATALOGUE_PER_PAGE, total: u32::try_from(total).unwrap_or(u32::MAX) }
}

async fn total<C: ConnectionTrait>(db: &C, mut q: SelectStatement) -> DomainResult<u64> {
    q.clear_order_by().clear_selects().expr_as(Expr::cust("COUNT(*)"), "n");
    Ok(u64::try_from(sql::count(db, &q).await?).unwrap_or(0))
}

async fn organisation_id<C: ConnectionTrait>(db: &C, slug: Option<&str>) -> DomainResult<Option<i32>> {
    match slug {
        Some(slug) => Ok(Some(load::organisation(db, slug).await?.id)),
        None => Ok(None),
    }
}

async fn element_id<C: ConnectionTrait>(db: &C, filter: &CatalogueFilter) -> DomainResult<Option<i32>> {
    let Some(letter) = filter.element else { return Ok(None) };
    let found = element::Entity::find().filter(element::Column::Letter.eq(letter.to_string())).one(db).await?;
    found.map(|e| Some(e.id)).ok_or(DomainError::NotFound(crate::types::EntityType::Element))
}

/// Organisations by name (`region`, `kind`), each with how many published positions and
/// demands it signed.
pub async fn organisations<C: ConnectionTrait>(
    db: &C,
    filter: &CatalogueFilter,
) -> DomainResult<Paged<OrganisationSummary>> {
    let mut select = organisation::Entity::find();
    if let Some(region) = filter.region {
        select = select.filter(organisation::Column::Region.eq(region));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(organisation::Column::Kind.eq(kind));
    }
    let count = select.clone().count(db).await?;
    let rows = select
        .order_by_asc(organisation::Column::Name)
        .order_by_asc(organisation::Column::Id)
        .offset(filter.offset())
        .limit(u64::from(CATALOGUE_PER_PAGE))
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|o| o.id).collect();
    let mut positions_q = Query::select();
    positions_q
        .expr(Expr::col((position_signatory::Entity, PS::OrganisationId)))
        .expr_as(Expr::col((position::Entity, P::Id)).count(), "n")
        .from(position_signatory::Entity)
        .inner_join(
            position::Entity,
            Expr::col((position::Entity, P::Id)).equals((position_signatory::Entity, PS::PositionId)),
        )
        .and_where(Expr::col((position::Entity, P::Status)).eq(PositionStatus::Published))
        .and_where(Expr::col((position_signatory::Entity, PS::OrganisationId)).is_in(ids.clone()))
        .group_by_col((position_signatory::Entity, PS::OrganisationId));
    let mut demands_q = sql::published_demands();
    sql::signed(&mut demands_q);
    demands_q
        .expr(sql::signatory())
        .expr_as(sql::demand_id().count(), "n")
        .and_where(sql::signatory().is_in(ids))
        .group_by_col((position_signatory::Entity, PS::OrganisationId));
    #[derive(FromQueryResult)]
    struct Signed {
        organisation_id: i32,
        n: i64,
    }
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    for row in sql::all::<Signed, _>(db, &positions_q).await? {
        counts.entry(row.organisation_id).or_default().0 = sql::to_u32(row.n) as usize;
    }
    for row in sql::all::<Signed, _>(db, &demands_q).await? {
        counts.entry(row.organisation_id).or_default().1 = sql::to_u32(row.n) as usize;
    }
    let items = rows
        .iter()
        .map(|o| {
            let (positions, demands) = counts.get(&o.id).copied().unwrap_or_default();
            super::organisations::summary(o, positions, demands)
        })
        .collect::<DomainResult<Vec<_>>>()?;
    Ok(paged(items, filter, count))
}

/// Published positions, newest first (`organisation`: those it signed), with their demands.
pub async fn positions<C: ConnectionTrait>(db: &C, filter: &CatalogueFilter) -> DomainResult<Paged<PositionView>> {
    let mut select = position::Entity::find().filter(P::Status.eq(PositionStatus::Published));
    if let Some(org) = organisation_id(db, filter.organisation.as_deref()).await? {
        let mut signed = Query::select();
        signed.column(PS::PositionId).from(position_signatory::Entity).and_where(PS::OrganisationId.eq(org));
        select = select.filter(Expr::col((position::Entity, P::Id)).in_subquery(signed));
    }
    let count = select.clone().count(db).await?;
    let rows = select
        .order_by_desc(P::PublishedOn)
        .order_by_desc(P::Id)
        .offset(filter.offset())
        .limit(u64::from(CATALOGUE_PER_PAGE))
        .all(db)
        .await?;
    Ok(paged(super::positions::assemble(db, rows).await?, filter, count))
}

/// One published position with its demands; a draft is "not found", as it is for the public.
pub async fn position<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<PositionView> {
    let row = position::Entity::find()
        .filter(P::Slug.eq(slug))
        .filter(P::Status.eq(PositionStatus::Published))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    super::positions::assemble(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))
}

/// The published demands (`organisation`, `element`) in the order positions list them.
pub async fn demands<C: ConnectionTrait>(db: &C, filter: &CatalogueFilter) -> DomainResult<Paged<DemandSummary>> {
    let org = organisation_id(db, filter.organisation.as_deref()).await?;
    let element = element_id(db, filter).await?;
    let mut q = sql::published_demands();
    if let Some(org) = org {
        sql::signed(&mut q);
        q.and_where(sql::signatory().eq(org));
    }
    if let Some(element) = element {
        sql::mapped(&mut q);
        q.and_where(sql::element_id().eq(element));
    }
    load::select_demand_link(&mut q);
    load::order_demands(&mut q);
    let count = total(db, q.clone()).await?;
    q.offset(filter.offset()).limit(u64::from(CATALOGUE_PER_PAGE));
    let mut listed = Vec::new();
    for row in sql::all::<DemandLinkRow, _>(db, &q).await? {
        let (demand_id, position_id, link) = row.into_parts();
        listed.push((demand_id, position_id, link, ()));
    }
    let items = load::with_people(db, listed, |demand, organisations, elements, ()| DemandSummary {
        demand,
        organisations,
        elements,
    })
    .await?;
    Ok(paged(items, filter, count))
}

/// `JOIN assessments AS a JOIN drafts`, with the draft's slug, label and date selected (a
/// `DraftRow`); only the ratings the scorecard's rule lets the draft count.
fn join_assessments(q: &mut SelectStatement) {
    q.join_as(
        sea_orm::JoinType::InnerJoin,
        assessment::Entity,
        Alias::new("a"),
        Expr::col((Alias::new("a"), A::DemandId)).equals((demand::Entity, D::Id)),
    )
    .inner_join(draft::Entity, Expr::col((draft::Entity, draft::Column::Id)).equals((Alias::new("a"), A::DraftId)))
    .cond_where(sql::scored_on_joined_draft())
    .expr_as(Expr::col((draft::Entity, draft::Column::Slug)), "draft_slug")
    .expr_as(Expr::col((draft::Entity, draft::Column::Label)), "draft_label")
    .expr_as(Expr::col((draft::Entity, draft::Column::ReleasedOn)), "draft_released_on");
}

/// The draft `join_assessments` selected.
#[derive(FromQueryResult)]
struct DraftRow {
    draft_slug: String,
    draft_label: String,
    draft_released_on: chrono::NaiveDate,
}

impl DraftRow {
    fn draft(self) -> DraftRef {
        DraftRef { slug: self.draft_slug, label: self.draft_label, released_on: self.draft_released_on }
    }
}

/// A rating with its draft.
#[derive(FromQueryResult)]
struct RatedRow {
    #[sea_orm(nested)]
    draft: DraftRow,
    #[sea_orm(nested)]
    assessment: AssessmentRow,
}

/// A rating with its demand and draft.
#[derive(FromQueryResult)]
struct RecordRow {
    #[sea_orm(nested)]
    link: DemandLinkRow,
    #[sea_orm(nested)]
    draft: DraftRow,
    #[sea_orm(nested)]
    assessment: AssessmentRow,
}

/// A published demand's link (text, position), if there is one at that address.
pub async fn demand_link<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<Option<DemandLink>> {
    let mut q = sql::published_demands();
    load::select_demand_link(&mut q);
    q.and_where(Expr::col((demand::Entity, D::Slug)).eq(slug));
    Ok(sql::one::<DemandLinkRow, _>(db, &q).await?.map(|row| row.into_parts().2))
}

/// One published demand with its quote, stances, signatories and its ratings draft by draft.
pub async fn demand<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<DemandRecord> {
    let mut q = sql::published_demands();
    load::select_demand_link(&mut q);
    q.column((demand::Entity, D::Quote)).and_where(Expr::col((demand::Entity, D::Slug)).eq(slug));
    #[derive(FromQueryResult)]
    struct Quoted {
        #[sea_orm(nested)]
        link: DemandLinkRow,
        quote: String,
    }
    let row = sql::one::<Quoted, _>(db, &q).await?.ok_or(DomainError::NotFound(crate::types::EntityType::Demand))?;
    let (demand_id, position_id, link) = row.link.into_parts();
    let quote = row.quote;
    let mut stances = Query::select();
    stances
        .column((element::Entity, element::Column::Letter))
        .column((demand_element::Entity, DE::Stance))
        .from(demand_element::Entity)
        .inner_join(
            element::Entity,
            Expr::col((element::Entity, element::Column::Id)).equals((demand_element::Entity, DE::ElementId)),
        )
        .and_where(Expr::col((demand_element::Entity, DE::DemandId)).eq(demand_id))
        .order_by((element::Entity, element::Column::Ordinal), Order::Asc);
    #[derive(FromQueryResult)]
    struct ElementStance {
        letter: String,
        stance: Stance,
    }
    let elements = sql::all::<ElementStance, _>(db, &stances)
        .await?
        .into_iter()
        .map(|r| DemandElementView { letter: r.letter.chars().next().unwrap_or('?'), stance: r.stance })
        .collect();
    let mut rated = sql::published_demands();
    join_assessments(&mut rated);
    load::select_assessment(&mut rated, "a");
    rated
        .and_where(Expr::col((demand::Entity, D::Id)).eq(demand_id))
        .order_by((draft::Entity, draft::Column::ReleasedOn), Order::Asc)
        .order_by((draft::Entity, draft::Column::Id), Order::Asc);
    let assessments = sql::all::<RatedRow, _>(db, &rated)
        .await?
        .into_iter()
        .map(|r| DraftAssessment { draft: r.draft.draft(), assessment: r.assessment.view() })
        .collect();
    let organisations = load::signatories(db, &[position_id]).await?.remove(&position_id).unwrap_or_default();
    let position = position::Entity::find_by_id(position_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound(crate::types::EntityType::Position))?;
    let addressing = super::positions::addressing(db, &position).await?;
    Ok(DemandRecord { demand: link, quote, organisations, elements, addressing, assessments })
}

/// Assessments of published demands (`draft`, `demand`, `organisation`, `element`), draft by
/// draft (oldest first), then in the order positions list their demands.
pub async fn assessments<C: ConnectionTrait>(
    db: &C,
    filter: &CatalogueFilter,
) -> DomainResult<Paged<AssessmentRecord>> {
    let org = organisation_id(db, filter.organisation.as_deref()).await?;
    let element = element_id(db, filter).await?;
    let draft_id = match &filter.draft {
        Some(slug) => Some(load::choose(&load::drafts(db).await?, Some(slug))?.0),
        None => None,
    };
    let demand_id = match &filter.demand {
        Some(slug) => Some(
            demand::Entity::find()
                .filter(D::Slug.eq(slug.as_str()))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound(crate::types::EntityType::Demand))?
                .id,
        ),
        None => None,
    };
    let mut q = sql::published_demands();
    load::select_demand_link(&mut q);
    join_assessments(&mut q);
    load::select_assessment(&mut q, "a");
    if let Some(org) = org {
        sql::signed(&mut q);
        q.and_where(sql::signatory().eq(org));
    }
    if let Some(element) = element {
        sql::mapped(&mut q);
        q.and_where(sql::element_id().eq(element));
    }
    if let Some(id) = draft_id {
        q.and_where(Expr::col((Alias::new("a"), A::DraftId)).eq(id));
    }
    if let Some(id) = demand_id {
        q.and_where(sql::demand_id().eq(id));
    }
    q.order_by((draft::Entity, draft::Column::ReleasedOn), Order::Asc)
        .order_by((draft::Entity, draft::Column::Id), Order::Asc);
    load::order_demands(&mut q);
    let count = total(db, q.clone()).await?;
    q.offset(filter.offset()).limit(u64::from(CATALOGUE_PER_PAGE));
    let items = sql::all::<RecordRow, _>(db, &q)
        .await?
        .into_iter()
        .map(|r| AssessmentRecord {
            demand: r.link.into_parts().2,
            draft: r.draft.draft(),
            assessment: r.assessment.view(),
        })
        .collect();
    Ok(paged(items, filter, count))
}
