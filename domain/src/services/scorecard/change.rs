//! The change between two drafts: which demands improved, which regressed, per element and
//! per organisation.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, SelectStatement};
use sea_orm::ConnectionTrait;

use super::load;
use super::sql::{self, A, DE};
use crate::entities::{demand_element, position_signatory};
use crate::error::DomainResult;
use crate::types::{
    movement, ChangeView, ElementChange, MovedDemand, Movement, MovementCounts, OrganisationChange, Paged, Rating,
    RatingCounts, ScorecardFilter, MOVED_LISTED, PER_PAGE,
};

/// A rating's doubled points in SQL (the same values as `Rating::half_points`).
fn half_points(alias: &str) -> CaseStatement {
    let mut case = CaseStatement::new();
    for r in Rating::ALL {
        case = case.case(sql::rating_of(alias).eq(r.as_ref()), r.half_points());
    }
    case
}

/// Demands rated on both drafts, joined as `f` (from) and `t` (to).
fn both(from_id: i32, to_id: i32) -> SelectStatement {
    let mut q = sql::published_demands();
    sql::rated_on(&mut q, "f", from_id);
    sql::rated_on(&mut q, "t", to_id);
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

/// The change from one draft (the first by default) to another (the latest by default).
pub async fn change<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<ChangeView> {
    let drafts = load::drafts(db).await?;
    let (from_id, from) = match &filter.from {
        Some(slug) => load::choose(&drafts, Some(slug))?,
        None => drafts.first().cloned().ok_or(crate::error::DomainError::NotFound("draft"))?,
    };
    let (to_id, to) = load::choose(&drafts, filter.to.as_deref())?;

    let mut q = both(from_id, to_id);
    q.expr(sql::rating_of("f"))
        .expr(sql::rating_of("t"))
        .expr(sql::demand_id().count())
        .group_by_col((Alias::new("f"), A::Rating))
        .group_by_col((Alias::new("t"), A::Rating));
    let mut overall = Tally::default();
    for row in sql::rows(db, &q).await? {
        overall.add(sql::rating(&row, 0)?, sql::rating(&row, 1)?, sql::count(&row, 2)?);
    }

    let mut q = both(from_id, to_id);
    sql::mapped(&mut q);
    q.expr(sql::element_id())
        .expr(sql::rating_of("f"))
        .expr(sql::rating_of("t"))
        .expr(sql::demand_id().count())
        .group_by_col((demand_element::Entity, DE::ElementId))
        .group_by_col((Alias::new("f"), A::Rating))
        .group_by_col((Alias::new("t"), A::Rating));
    let mut by_element: HashMap<i32, Tally> = HashMap::new();
    for row in sql::rows(db, &q).await? {
        by_element.entry(sql::int(&row, 0)?).or_default().add(
            sql::rating(&row, 1)?,
            sql::rating(&row, 2)?,
            sql::count(&row, 3)?,
        );
    }
    let elements = load::elements(db)
        .await?
        .into_iter()
        .map(|(id, e)| {
            let t = by_element.remove(&id).unwrap_or_default();
            ElementChange { letter: e.letter, text: e.text, movements: t.movements, from: t.from, to: t.to }
        })
        .collect();

    let (orgs, total) = load::organisation_page(db, filter.region, filter.kind, filter.page, PER_PAGE).await?;
    let ids: Vec<i32> = orgs.iter().map(|o| o.id).collect();
    let mut by_org: HashMap<i32, Tally> = HashMap::new();
    if !ids.is_empty() {
        let mut q = both(from_id, to_id);
        sql::signed(&mut q);
        q.expr(sql::signatory())
            .expr(sql::rating_of("f"))
            .expr(sql::rating_of("t"))
            .expr(sql::demand_id().count())
            .and_where(sql::signatory().is_in(ids.iter().copied()))
            .group_by_col((position_signatory::Entity, sql::PS::OrganisationId))
            .group_by_col((Alias::new("f"), A::Rating))
            .group_by_col((Alias::new("t"), A::Rating));
        for row in sql::rows(db, &q).await? {
            by_org.entry(sql::int(&row, 0)?).or_default().add(
                sql::rating(&row, 1)?,
                sql::rating(&row, 2)?,
                sql::count(&row, 3)?,
            );
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

    Ok(ChangeView {
        improved: moved(db, from_id, to_id, Movement::Improved).await?,
        regressed: moved(db, from_id, to_id, Movement::Regressed).await?,
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

/// The demands that moved one way (at most `MOVED_LISTED`), in record order.
async fn moved<C: ConnectionTrait>(db: &C, from_id: i32, to_id: i32, way: Movement) -> DomainResult<Vec<MovedDemand>> {
    let mut q = both(from_id, to_id);
    load::select_demand_link(&mut q);
    q.expr(sql::rating_of("f")).expr(sql::rating_of("t"));
    let (from_points, to_points) = (Expr::expr(half_points("f")), Expr::expr(half_points("t")));
    q.and_where(sql::rating_of("f").is_not_null()).and_where(sql::rating_of("t").is_not_null());
    q.and_where(if way == Movement::Improved { to_points.gt(from_points) } else { to_points.lt(from_points) });
    load::order_demands(&mut q);
    q.limit(MOVED_LISTED as u64);
    let mut listed = Vec::new();
    for row in sql::rows(db, &q).await? {
        let (demand_id, position_id, link) = load::demand_link(&row, 0)?;
        if let (Some(f), Some(t)) = (sql::rating(&row, 6)?, sql::rating(&row, 7)?) {
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
