//! The building blocks of the scorecard's queries (sea-query, so the same code runs on SQLite
//! and PostgreSQL). Every aggregation is a GROUP BY in the database: the number of queries a
//! view costs is fixed, whatever the number of organisations and demands.
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};

use crate::entities::{assessment, demand, demand_element, organisation, position, position_signatory};
use crate::error::{parse_stored, DomainResult};
use crate::types::{PositionStatus, Rating};

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
        .and_where(Expr::col((position::Entity, P::Status)).eq(PositionStatus::Published.as_ref()));
    q
}

/// `LEFT JOIN assessments AS <alias>` on the demand and one draft: its rating or NULL.
pub fn rated_on(q: &mut SelectStatement, alias: &str, draft_id: i32) {
    q.join_as(
        sea_orm::JoinType::LeftJoin,
        assessment::Entity,
        Alias::new(alias),
        Condition::all()
            .add(Expr::col((Alias::new(alias), A::DemandId)).equals((demand::Entity, D::Id)))
            .add(Expr::col((Alias::new(alias), A::DraftId)).eq(draft_id)),
    );
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

pub async fn rows<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> DomainResult<Vec<QueryResult>> {
    Ok(db.query_all(q).await?)
}

pub fn int(row: &QueryResult, i: usize) -> DomainResult<i32> {
    Ok(row.try_get_by_index::<i32>(i)?)
}

/// A COUNT(...) column (BIGINT on PostgreSQL, INTEGER on SQLite).
pub fn count(row: &QueryResult, i: usize) -> DomainResult<u32> {
    let n = row.try_get_by_index::<i64>(i)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub fn text(row: &QueryResult, i: usize) -> DomainResult<String> {
    Ok(row.try_get_by_index::<String>(i)?)
}

/// A rating column that may be NULL (not assessed).
pub fn rating(row: &QueryResult, i: usize) -> DomainResult<Option<Rating>> {
    let raw = row.try_get_by_index::<Option<String>>(i)?;
    raw.map(|r| parse_stored("assessments.rating", &r)).transpose()
}
