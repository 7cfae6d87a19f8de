//! The change between two drafts: which demands improved, which regressed, per element and
//! per organisation.
use std::collections::HashMap;

use sea_orm::sea_query::{Condition, ExprTrait, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult};

use crate::error::{parse_stored, DomainResult};
use crate::services::query::load::{self, DemandLinkRow};
use crate::services::query::sql::{self, Scope};
use crate::services::tallies;
use crate::types::{
    movement, ChangeView, ElementChange, MovedDemand, Movement, MovementCounts, OrganisationChange, Paged, Rating,
    RatingCounts, ScorecardFilter, MOVED_PER_PAGE, PER_PAGE,
};

/// Demands either draft counts, with their ratings on both joined as `f` (from) and `t`
/// (to): NULL where a draft does not rate or does not count a demand.
fn both(from: Scope, to: Scope) -> SelectStatement {
    let mut q = sql::published_demands();
    q.cond_where(Condition::any().add(sql::scored_on(from)).add(sql::scored_on(to)));
    sql::rated_on(&mut q, "f", from);
    sql::rated_on(&mut q, "t", to);
    q
}

#[derive(Default)]
struct Tally {
    movements: MovementCounts,
    from: RatingCounts,
    to: RatingCounts,
}

impl Tally {
    fn add(&mut self, from: Option<Rating>, to: Option<Rating>, n: u32) {
        self.movements.add(movement(from, to), n);
        self.from.add(from, n);
        self.to.add(to, n);
    }
}

fn stored_rating(raw: &str) -> DomainResult<Option<Rating>> {
    if raw.is_empty() {
        Ok(None)
    } else {
        parse_stored("score_moves.rating", raw).map(Some)
    }
}

/// The demands either draft counts, by their pair of ratings (from, to), counted, read from
/// the kept counts (`tallies::moves`): overall, per element (`by_element`), or per
/// organisation listed. Each row: (element or organisation id, demands, from, to).
async fn side_by_side<C: ConnectionTrait>(
    db: &C,
    from: Scope,
    to: Scope,
    organisations: Option<&[i32]>,
    by_element: bool,
) -> DomainResult<Vec<(i32, u32, Option<Rating>, Option<Rating>)>> {
    let mut out = Vec::new();
    if from.id == to.id {
        // a draft beside itself: every demand it counts, with the same rating on both sides
        let rows: Vec<(i32, RatingCounts)> = match (organisations, by_element) {
            (Some(ids), _) => tallies::read::organisations(db, from.id, ids).await?.into_iter().collect(),
            (None, true) => tallies::read::elements(db, from.id)
                .await?
                .into_iter()
                .map(|(id, m)| (id, tallies::read::rating_counts(&m)))
                .collect(),
            (None, false) => vec![(0, tallies::read::one(db, from.id, 0, 0).await?)],
        };
        for (id, counts) in rows {
            for r in Rating::ALL.map(Some).into_iter().chain([None]) {
                out.push((id, counts.get(r), r, r));
            }
        }
        return Ok(out);
    }
    let (first, second) = if from.id < to.id { (from.id, to.id) } else { (to.id, from.id) };
    for (key, n) in tallies::moves::read(db, first, second, organisations, by_element).await? {
        let (a, b) = (stored_rating(&key.first_rating)?, stored_rating(&key.second_rating)?);
        let (f, t) = if from.id < to.id { (a, b) } else { (b, a) };
        let id = if organisations.is_some() { key.organisation } else { key.element };
        out.push((id, u32::try_from(n).unwrap_or(0), f, t));
    }
    Ok(out)
}

/// The change from one draft (the first by default) to another (the latest by default).
pub async fn change<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<ChangeView> {
    let drafts = load::drafts(db).await?;
    let from_pair = match &filter.from {
        Some(slug) => load::choose(&drafts, Some(slug))?,
        None => drafts.first().cloned().ok_or(crate::error::DomainError::NotFound(crate::types::EntityType::Draft))?,
    };
    let to_pair = load::choose(&drafts, filter.to.as_deref())?;
    let (from_scope, to_scope) = (Scope::of(&from_pair), Scope::of(&to_pair));
    let (from, to) = (from_pair.1, to_pair.1);

    let mut overall = Tally::default();
    for (_, n, f, t) in side_by_side(db, from_scope, to_scope, None, false).await? {
        overall.add(f, t, n);
    }
    let mut by_element: HashMap<i32, Tally> = HashMap::new();
    for (element, n, f, t) in side_by_side(db, from_scope, to_scope, None, true).await? {
        by_element.entry(element).or_default().add(f, t, n);
    }
    let elements = load::elements(db)
        .await?
        .into_iter()
        .map(|(id, e)| {
            let t = by_element.remove(&id).unwrap_or_default();
            ElementChange { letter: e.letter, text: e.text, movements: t.movements, from: t.from, to: t.to }
        })
        .collect();

    let (orgs, total) =
        load::organisation_page(db, &[from_scope, to_scope], filter.region, filter.kind, filter.page, PER_PAGE).await?;
    let ids: Vec<i32> = orgs.iter().map(|o| o.id).collect();
    let mut by_org: HashMap<i32, Tally> = HashMap::new();
    if !ids.is_empty() {
        for (org, n, f, t) in side_by_side(db, from_scope, to_scope, Some(&ids), false).await? {
            by_org.entry(org).or_default().add(f, t, n);
        }
    }
    let organisations = orgs
        .iter()
        .map(|o| {
            let t = by_org.remove(&o.id).unwrap_or_default();
            OrganisationChange {
                organisation: load::organisation_ref(o),
                movements: t.movements,
                from: t.from,
                to: t.to,
            }
        })
        .collect();

    let moved_page = Ord::max(filter.moved_page, 1);
    let skip = (moved_page as usize - 1) * MOVED_PER_PAGE;
    Ok(ChangeView {
        improved: moved(db, from_scope, to_scope, Movement::Improved, (skip, overall.movements.improved)).await?,
        regressed: moved(db, from_scope, to_scope, Movement::Regressed, (skip, overall.movements.regressed)).await?,
        moved_page,
        from,
        to,
        drafts: drafts.into_iter().map(|(_, d)| d).collect(),
        as_of: load::as_of(db).await?,
        overall: overall.movements,
        from_counts: overall.from,
        to_counts: overall.to,
        elements,
        organisations: Paged { items: organisations, page: filter.page, per_page: PER_PAGE, total },
    })
}

/// One page of the demands that moved one way (`MOVED_PER_PAGE` after the first `skip`), in
/// record order, read from the kept list (`tallies::moved`). `total` is how many moved that
/// way (from the kept counts): none, no query.
async fn moved<C: ConnectionTrait>(
    db: &C,
    from_scope: Scope,
    to_scope: Scope,
    way: Movement,
    (skip, total): (usize, u32),
) -> DomainResult<Vec<MovedDemand>> {
    if total as usize <= skip || from_scope.id == to_scope.id {
        return Ok(Vec::new());
    }
    // the kept list goes from the lower draft id to the higher
    let up = (way == Movement::Improved) == (from_scope.id < to_scope.id);
    let pair = (Ord::min(from_scope.id, to_scope.id), Ord::max(from_scope.id, to_scope.id));
    let way = if up { tallies::moved::UP } else { tallies::moved::DOWN };
    let ids = tallies::moved::page(db, pair, way, skip as u64, MOVED_PER_PAGE as u64).await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = both(from_scope, to_scope);
    load::select_demand_link(&mut q);
    q.expr_as(sql::rating_of("f"), "from_rating").expr_as(sql::rating_of("t"), "to_rating");
    q.and_where(sql::demand_id().is_in(ids));
    load::order_demands(&mut q);
    #[derive(FromQueryResult)]
    struct Moved {
        #[sea_orm(nested)]
        link: DemandLinkRow,
        from_rating: Option<Rating>,
        to_rating: Option<Rating>,
    }
    let mut listed = Vec::with_capacity(MOVED_PER_PAGE);
    for row in sql::all::<Moved, _>(db, &q).await? {
        let (demand_id, position_id, link) = row.link.into_parts();
        if let (Some(f), Some(t)) = (row.from_rating, row.to_rating) {
            listed.push((demand_id, position_id, link, (f, t)));
        }
    }
    load::with_people(db, listed, |demand, organisations, _, (from, to)| MovedDemand {
        demand,
        organisations,
        from,
        to,
    })
    .await
}
