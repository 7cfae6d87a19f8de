//! The demands behind the numbers: a drill-down (matrix cell, element, organisation), the
//! gaps, and an organisation's demands rated draft by draft.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::overview::{overall, trend};
use crate::entities::{assessment, position};
use crate::error::{DomainError, DomainResult};
use crate::services::query::load;
use crate::services::query::sql::{self, A};
use crate::services::tallies;
use crate::types::{
    Addresses, AssessmentView, DemandLink, DemandRatings, DemandsView, EvidenceBasis, GapsView, OrganisationRatings,
    Paged, RatedDemand, ScorecardFilter, DEMANDS_PER_PAGE, GAPS_LISTED,
};

/// Pages of the unfiltered list of a draft's demands read by stepping through the positions
/// (`load::in_record_order`); further pages sort the list in the database (slower, and rarely
/// read).
const STEPPED_PAGES: u32 = 10;

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
        for column in
            [A::Rating, A::SectionRef, A::Quote, A::ByTracker, A::AssessedAt, A::Version, A::Note, A::SourceUrl]
        {
            q.column((Alias::new("a"), column));
        }
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
        sql::rows(db, &q).await?
    };
    let mut listed = Vec::with_capacity(rows.len());
    for row in &rows {
        let (demand_id, position_id, link) = load::demand_link(row, 0)?;
        let assessment = match sql::rating(row, 6)? {
            Some(rating) => Some(AssessmentView {
                rating,
                section: row.try_get_by_index::<String>(7)?,
                quote: row.try_get_by_index::<String>(8)?,
                by_tracker: row.try_get_by_index::<bool>(9)?,
                assessed_at: row.try_get_by_index::<chrono::DateTime<chrono::Utc>>(10)?,
                version: row.try_get_by_index::<i32>(11)?,
                note: row.try_get_by_index::<String>(12)?,
                basis: EvidenceBasis::of(&row.try_get_by_index::<String>(13)?),
                source_url: row.try_get_by_index::<String>(13)?,
            }),
            None => None,
        };
        listed.push((demand_id, position_id, link, assessment));
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
        .expr(Expr::cust("COUNT(*)"))
        .from(Alias::new("demand_gaps"))
        .and_where(Expr::col(Alias::new("gap")).eq(kind));
    let total = match sql::rows(db, &count_q).await?.first() {
        Some(row) => sql::count(row, 0)?,
        None => 0,
    };
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
    let links =
        sql::rows(db, &q).await?.iter().map(|r| load::demand_link(r, 0).map(|l| l.2)).collect::<DomainResult<_>>()?;
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
    let mut listed = Vec::new();
    let mut eligible: HashMap<i32, (Option<chrono::NaiveDate>, Option<i32>)> = HashMap::new();
    for row in sql::rows(db, &q).await? {
        let l = load::demand_link(&row, 0)?;
        eligible.insert(
            l.0,
            (row.try_get_by_index::<Option<chrono::NaiveDate>>(6)?, row.try_get_by_index::<Option<i32>>(7)?),
        );
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
