//! The building blocks of the scorecard's queries (sea-query, so the same code runs on SQLite
//! and PostgreSQL). Every aggregation is a GROUP BY in the database: the number of queries a
//! view costs is fixed, whatever the number of organisations and demands.
use sea_orm::sea_query::{Alias, CaseStatement, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult};

use crate::entities::{assessment, demand, demand_element, draft, organisation, position, position_signatory};
use crate::error::DomainResult;
use crate::types::{Addresses, DraftRef, PositionStatus, Rating};

pub use assessment::Column as A;
pub use demand::Column as D;
pub use demand_element::Column as DE;
pub use organisation::Column as O;
pub use position::Column as P;
pub use position_signatory::Column as PS;

/// `FROM demands JOIN positions ON ... WHERE positions.status = 'published'`: the demands the
/// scorecard counts.
pub fn published_demands() -> SelectStatement {
    let mut q = Query::select();
    q.from(demand::Entity)
        .inner_join(position::Entity, Expr::col((position::Entity, P::Id)).equals((demand::Entity, D::PositionId)))
        .and_where(Expr::col((position::Entity, P::Status)).eq(PositionStatus::Published));
    q
}

/// A draft as the scorecard's rule needs it: its id and its release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub id: i32,
    pub released: chrono::NaiveDate,
}

impl Scope {
    pub fn of(draft: &(i32, DraftRef)) -> Self {
        Scope { id: draft.0, released: draft.1.released_on }
    }
}

/// The scorecard's rule in SQL (`types::scoring_rule`): the position addresses the
/// negotiation and its last possible day is no later than the draft's release, or it responds
/// to that very draft.
pub fn scored_on(scope: Scope) -> Condition {
    Condition::all().add(Expr::col((position::Entity, P::Addresses)).eq(Addresses::Negotiation)).add(
        Condition::any()
            .add(Expr::col((position::Entity, P::LatestOn)).lte(scope.released))
            .add(Expr::col((position::Entity, P::RespondsToId)).eq(scope.id)),
    )
}

/// The same rule against the `drafts` table joined in the query (one row per draft).
pub fn scored_on_joined_draft() -> Condition {
    scored_on_draft_as(Alias::new("drafts"))
}

/// The same rule against a draft joined under `alias` (to compare two drafts in one row).
pub fn scored_on_draft_as(alias: Alias) -> Condition {
    Condition::all().add(Expr::col((position::Entity, P::Addresses)).eq(Addresses::Negotiation)).add(
        Condition::any()
            .add(Expr::col((position::Entity, P::LatestOn)).lte(Expr::col((alias.clone(), draft::Column::ReleasedOn))))
            .add(Expr::col((position::Entity, P::RespondsToId)).equals((alias, draft::Column::Id))),
    )
}

/// Published demands that a draft's scorecard counts.
pub fn scored_demands(scope: Scope) -> SelectStatement {
    let mut q = published_demands();
    q.cond_where(scored_on(scope));
    q
}

/// `LEFT JOIN assessments AS <alias>` on the demand and one draft: its rating, or NULL when
/// it is not rated or the draft does not count the demand.
pub fn rated_on(q: &mut SelectStatement, alias: &str, scope: Scope) {
    q.join_as(
        sea_orm::JoinType::LeftJoin,
        assessment::Entity,
        Alias::new(alias),
        Condition::all()
            .add(Expr::col((Alias::new(alias), A::DemandId)).equals((demand::Entity, D::Id)))
            .add(Expr::col((Alias::new(alias), A::DraftId)).eq(scope.id))
            .add(scored_on(scope)),
    );
}

/// A rating's doubled points in SQL (the same values as `Rating::half_points`), of the
/// assessments joined as `alias`.
pub fn half_points(alias: &str) -> CaseStatement {
    let mut case = CaseStatement::new();
    for r in Rating::ALL {
        case = case.case(rating_of(alias).eq(r), r.half_points());
    }
    case
}

/// The rating column of an `rated_on` alias.
pub fn rating_of(alias: &str) -> Expr {
    Expr::col((Alias::new(alias), A::Rating))
}

/// `JOIN position_signatories`: one row per demand and organisation that signed it.
pub fn signed(q: &mut SelectStatement) {
    q.inner_join(
        position_signatory::Entity,
        Expr::col((position_signatory::Entity, PS::PositionId)).equals((demand::Entity, D::PositionId)),
    );
}

pub fn signatory() -> Expr {
    Expr::col((position_signatory::Entity, PS::OrganisationId))
}

/// `JOIN demand_elements`: one row per demand and element it is mapped to.
pub fn mapped(q: &mut SelectStatement) {
    q.inner_join(
        demand_element::Entity,
        Expr::col((demand_element::Entity, DE::DemandId)).equals((demand::Entity, D::Id)),
    );
}

pub fn element_id() -> Expr {
    Expr::col((demand_element::Entity, DE::ElementId))
}

pub fn demand_id() -> Expr {
    Expr::col((demand::Entity, D::Id))
}

/// The ids of the organisations that signed at least one published demand.
pub fn organisations_with_demands() -> SelectStatement {
    let mut q = published_demands();
    signed(&mut q);
    q.expr(signatory()).distinct();
    q
}

/// The rows of `q`, each read by its columns' names into `R` (its fields named as the
/// query's columns or their aliases).
pub async fn all<R: FromQueryResult, C: ConnectionTrait>(db: &C, q: &SelectStatement) -> DomainResult<Vec<R>> {
    Ok(R::find_by_statement(db.get_database_backend().build(q)).all(db).await?)
}

/// The first row of `q`, read by name into `R`.
pub async fn one<R: FromQueryResult, C: ConnectionTrait>(db: &C, q: &SelectStatement) -> DomainResult<Option<R>> {
    Ok(R::find_by_statement(db.get_database_backend().build(q)).one(db).await?)
}

/// A query's one COUNT, selected as `n` (BIGINT on PostgreSQL, INTEGER on SQLite).
#[derive(Debug, FromQueryResult)]
pub struct Count {
    pub n: i64,
}

/// What `COUNT` a query selects as `n`: 0 without a row.
pub async fn count<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> DomainResult<i64> {
    Ok(one::<Count, _>(db, q).await?.map_or(0, |c| c.n))
}

/// A count as the views show it (saturating).
pub fn to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
