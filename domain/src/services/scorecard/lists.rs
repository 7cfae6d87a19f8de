//! The demands behind the numbers: a drill-down (matrix cell, element, organisation), the
//! gaps, and an organisation's demands rated draft by draft.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter};

use super::overview::{overall, trend};
use crate::entities::{assessment, position};
use crate::error::{DomainError, DomainResult};
use crate::services::query::load::{self, AssessmentRow, DemandLinkRow};
use crate::services::query::sql;
use crate::services::tallies;
use crate::types::{
    Addresses, DemandLink, DemandRatings, DemandsView, GapsView, OrganisationRatings, Paged, RatedDemand,
    ScorecardFilter, DEMANDS_PER_PAGE, GAPS_LISTED,
};

/// Pages of the unfiltered list of a draft's demands read by stepping through the positions
/// (`load::in_record_order`); further pages sort the list in the database (slower, and rarely
/// read).
const STEPPED_PAGES: u32 = 10;

/// A demand of a list with its rating on the draft (none where it is not rated: the left
/// join's columns are NULL).
#[derive(FromQueryResult)]
struct Listed {
    #[sea_orm(nested)]
    link: DemandLinkRow,
    #[sea_orm(nested)]
    assessment: Option<AssessmentRow>,
}

/// The demands behind a number on one draft: those of an organisation, of an element, or of
/// both (a matrix cell), with their ratings and evidence.
pub async fn demands<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<DemandsView> {
    let (scope, head) = load::head(db, filter.draft.as_deref()).await?;
    let organisation = match &filter.organisation {
        Some(slug) => Some(load::organisation(db, slug).await?),
        None => None,
    };
    let element = match filter.element {
        Some(letter) => {
            let all = load::elements(db).await?;
            Some(
                all.into_iter()
                    .find(|(_, e)| e.letter == letter.as_char())
                    .ok_or(DomainError::NotFound(crate::types::EntityType::Element))?,
            )
        }
        None => None,
    };
    let base = || {
        let mut q = sql::scored_demands(scope);
        sql::rated_on(&mut q, "a", scope);
        if let Some(o) = &organisation {
            sql::signed(&mut q);
            q.and_where(sql::signatory().eq(o.id));
        }
        if let Some((id, _)) = &element {
            sql::mapped(&mut q);
            q.and_where(sql::element_id().eq(*id));
        }
        q
    };
    let counts = tallies::read::one(
        db,
        scope.id,
        organisation.as_ref().map(|o| o.id).unwrap_or(0),
        element.as_ref().map(|(id, _)| *id).unwrap_or(0),
    )
    .await?;
    let list_q = || {
        let mut q = base();
        load::select_demand_link(&mut q);
        load::select_assessment(&mut q, "a");
        load::order_demands(&mut q);
        q
    };
    let skip = u64::from(filter.page.saturating_sub(1)) * u64::from(DEMANDS_PER_PAGE);
    let rows = if organisation.is_none() && element.is_none() && filter.page <= STEPPED_PAGES {
        // every demand the draft counts: the first pages without sorting the whole record
        load::in_record_order(
            db,
            skip as usize,
            DEMANDS_PER_PAGE as usize,
            Some(counts.demands() as usize),
            |ids, limit| {
                let mut q = list_q();
                q.and_where(Expr::col((position::Entity, sql::P::Id)).is_in(ids.iter().copied())).limit(limit);
                q
            },
        )
        .await?
    } else {
        let mut q = list_q();
        q.offset(skip).limit(u64::from(DEMANDS_PER_PAGE));
        sql::all::<Listed, _>(db, &q).await?
    };
    let mut listed = Vec::with_capacity(rows.len());
    for row in rows {
        let (demand_id, position_id, link) = row.link.into_parts();
        listed.push((demand_id, position_id, link, row.assessment.map(AssessmentRow::view)));
    }
    let items = load::with_people(db, listed, |link, organisations, elements, assessment| RatedDemand {
        demand: link,
        organisations,
        elements,
        assessment,
    })
    .await?;
    Ok(DemandsView {
        head,
        organisation: organisation.as_ref().map(load::organisation_ref),
        element: element.map(|(_, e)| e),
        demands: Paged { items, page: filter.page, per_page: DEMANDS_PER_PAGE, total: counts.demands() },
        counts,
    })
}

/// The demands with a gap of `kind` (kept in `demand_gaps`): how many, and the first
/// `GAPS_LISTED` in record order.
async fn gap_links<C: ConnectionTrait>(db: &C, kind: &str) -> DomainResult<(Vec<DemandLink>, u32)> {
    let mut count_q = Query::select();
    count_q
        .expr_as(Expr::cust("COUNT(*)"), "n")
        .from(Alias::new("demand_gaps"))
        .and_where(Expr::col(Alias::new("gap")).eq(kind));
    let total = sql::to_u32(sql::count(db, &count_q).await?);
    let mut q = sql::published_demands();
    q.inner_join(
        Alias::new("demand_gaps"),
        Condition::all()
            .add(
                Expr::col((Alias::new("demand_gaps"), Alias::new("demand_id")))
                    .equals((crate::entities::demand::Entity, sql::D::Id)),
            )
            .add(Expr::col((Alias::new("demand_gaps"), Alias::new("gap"))).eq(kind)),
    );
    load::select_demand_link(&mut q);
    load::order_demands(&mut q);
    q.limit(GAPS_LISTED as u64);
    let links = sql::all::<DemandLinkRow, _>(db, &q).await?.into_iter().map(|r| r.into_parts().2).collect();
    Ok((links, total))
}

/// Elements no demand addresses, demands mapped to no element, demands addressing the
/// negotiation never assessed.
pub async fn gaps<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<GapsView> {
    let (scope, head) = load::head(db, filter.draft.as_deref()).await?;
    // draft 0 of the kept counts has a row per element with the published demands mapped to it
    // (see `tallies`): an element without one, or with none counted, is uncovered (on
    // PostgreSQL the NOT EXISTS over every published demand took half a second)
    let covered = tallies::read::elements(db, 0).await?;
    let uncovered_elements = load::elements(db)
        .await?
        .into_iter()
        .filter(|(id, _)| covered.get(id).is_none_or(|m| m.demands == 0))
        .map(|(_, e)| e)
        .collect();
    let (unmapped_demands, unmapped_total) = gap_links(db, tallies::gaps::UNMAPPED).await?;
    let (never_assessed, never_assessed_total) = gap_links(db, tallies::gaps::NEVER_ASSESSED).await?;
    Ok(GapsView {
        head,
        uncovered_elements,
        unmapped_demands,
        unmapped_total,
        never_assessed,
        never_assessed_total,
        not_assessed_here: overall(db, scope).await?.not_assessed,
    })
}

/// An organisation's demands addressing the negotiation rated on every draft (each cell
/// saying whether the draft counts the demand), and its trend.
pub async fn organisation_ratings<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<OrganisationRatings> {
    let organisation = load::organisation(db, slug).await?;
    let drafts = load::drafts(db).await?;
    let mut q = sql::published_demands();
    sql::signed(&mut q);
    q.and_where(sql::signatory().eq(organisation.id))
        .and_where(Expr::col((position::Entity, sql::P::Addresses)).eq(Addresses::Negotiation));
    load::select_demand_link(&mut q);
    q.column((position::Entity, sql::P::LatestOn)).column((position::Entity, sql::P::RespondsToId));
    load::order_demands(&mut q);
    #[derive(FromQueryResult)]
    struct Eligible {
        #[sea_orm(nested)]
        link: DemandLinkRow,
        latest_on: Option<chrono::NaiveDate>,
        responds_to_id: Option<i32>,
    }
    let mut listed = Vec::new();
    let mut eligible: HashMap<i32, (Option<chrono::NaiveDate>, Option<i32>)> = HashMap::new();
    for row in sql::all::<Eligible, _>(db, &q).await? {
        let l = row.link.into_parts();
        eligible.insert(l.0, (row.latest_on, row.responds_to_id));
        listed.push(l);
    }
    let ids: Vec<i32> = listed.iter().map(|l| l.0).collect();
    let mut ratings: HashMap<(i32, i32), crate::types::Rating> = HashMap::new();
    if !ids.is_empty() {
        for a in assessment::Entity::find().filter(assessment::Column::DemandId.is_in(ids.clone())).all(db).await? {
            ratings.insert((a.demand_id, a.draft_id), a.rating);
        }
    }
    let demands = listed
        .into_iter()
        .map(|(demand_id, _, link)| {
            let (latest, responds_to) = eligible.get(&demand_id).copied().unwrap_or((None, None));
            let counted = |id: i32, released: chrono::NaiveDate| {
                responds_to == Some(id) || latest.is_some_and(|day| day <= released)
            };
            DemandRatings {
                demand: link,
                ratings: drafts
                    .iter()
                    .map(
                        |(id, d)| {
                            if counted(*id, d.released_on) {
                                ratings.get(&(demand_id, *id)).copied()
                            } else {
                                None
                            }
                        },
                    )
                    .collect(),
                scored: drafts.iter().map(|(id, d)| counted(*id, d.released_on)).collect(),
            }
        })
        .collect();
    Ok(OrganisationRatings {
        drafts: drafts.into_iter().map(|(_, d)| d).collect(),
        demands,
        trend: trend(db, Some(organisation.id)).await?,
    })
}
