//! The change between two drafts: which demands improved, which regressed, per element and
//! per organisation.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, CaseStatement, Condition, Expr, ExprTrait, SelectStatement};
use sea_orm::ConnectionTrait;

use super::load;
use super::sql::{self, Scope, A, DE};
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

/// The change from one draft (the first by default) to another (the latest by default).
pub async fn change<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<ChangeView> {
    let drafts = load::drafts(db).await?;
    let from_pair = match &filter.from {
        Some(slug) => load::choose(&drafts, Some(slug))?,
        None => drafts.first().cloned().ok_or(crate::error::DomainError::NotFound("draft"))?,
    };
    let to_pair = load::choose(&drafts, filter.to.as_deref())?;
    let (from_scope, to_scope) = (Scope::of(&from_pair), Scope::of(&to_pair));
    let (from, to) = (from_pair.1, to_pair.1);

    let mut q = both(from_scope, to_scope);
    q.expr(sql::rating_of("f"))
        .expr(sql::rating_of("t"))
        .expr(sql::demand_id().count())
        .group_by_col((Alias::new("f"), A::Rating))
        .group_by_col((Alias::new("t"), A::Rating));
    let mut overall = Tally::default();
    for row in sql::rows(db, &q).await? {
        overall.add(sql::rating(&row, 0)?, sql::rating(&row, 1)?, sql::count(&row, 2)?);
    }

    let mut q = both(from_scope, to_scope);
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

    let (orgs, total) =
        load::organisation_page(db, &[from_scope, to_scope], filter.region, filter.kind, filter.page, PER_PAGE).await?;
    let ids: Vec<i32> = orgs.iter().map(|o| o.id).collect();
    let mut by_org: HashMap<i32, Tally> = HashMap::new();
    if !ids.is_empty() {
        let mut q = both(from_scope, to_scope);
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
        improved: moved(db, from_scope, to_scope, Movement::Improved).await?,
        regressed: moved(db, from_scope, to_scope, Movement::Regressed).await?,
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
async fn moved<C: ConnectionTrait>(
    db: &C,
    from_scope: Scope,
    to_scope: Scope,
    way: Movement,
) -> DomainResult<Vec<MovedDemand>> {
    let mut q = both(from_scope, to_scope);
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
