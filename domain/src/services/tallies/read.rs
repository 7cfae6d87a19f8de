//! Reading the counts for the scorecard's views: each an indexed lookup of the rows the page
//! shows (`score_tallies`' key is draft, organisation, element; a second index is draft,
//! element, organisation).
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::score_tally::{self, Column as T};
use crate::error::DomainResult;
use crate::types::RatingCounts;

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A row's ratings (the demands not rated are the rest).
pub fn rating_counts(m: &score_tally::Model) -> RatingCounts {
    let rated = m.met + m.partly_met + m.not_addressed + m.contradicted;
    RatingCounts {
        met: count(m.met),
        partly_met: count(m.partly_met),
        not_addressed: count(m.not_addressed),
        contradicted: count(m.contradicted),
        not_assessed: count(m.demands - rated),
    }
}

/// A draft's row: every demand it counts, and the organisations that signed one.
pub async fn draft<C: ConnectionTrait>(db: &C, draft_id: i32) -> DomainResult<Option<score_tally::Model>> {
    Ok(score_tally::Entity::find_by_id((draft_id, 0, 0)).one(db).await?)
}

/// A draft's row per element (by element id).
pub async fn elements<C: ConnectionTrait>(db: &C, draft_id: i32) -> DomainResult<HashMap<i32, score_tally::Model>> {
    Ok(score_tally::Entity::find()
        .filter(T::DraftId.eq(draft_id))
        .filter(T::OrganisationId.eq(0))
        .filter(T::ElementId.ne(0))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.element_id, m))
        .collect())
}

/// The ratings per organisation on a draft, for the organisations listed.
pub async fn organisations<C: ConnectionTrait>(
    db: &C,
    draft_id: i32,
    ids: &[i32],
) -> DomainResult<HashMap<i32, RatingCounts>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(score_tally::Entity::find()
        .filter(T::DraftId.eq(draft_id))
        .filter(T::ElementId.eq(0))
        .filter(T::OrganisationId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .iter()
        .map(|m| (m.organisation_id, rating_counts(m)))
        .collect())
}

/// The ratings per organisation and element on a draft (the matrix's cells), for the
/// organisations listed.
pub async fn cells<C: ConnectionTrait>(
    db: &C,
    draft_id: i32,
    ids: &[i32],
) -> DomainResult<HashMap<(i32, i32), RatingCounts>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(score_tally::Entity::find()
        .filter(T::DraftId.eq(draft_id))
        .filter(T::OrganisationId.is_in(ids.iter().copied()))
        .filter(T::ElementId.ne(0))
        .all(db)
        .await?
        .iter()
        .map(|m| ((m.organisation_id, m.element_id), rating_counts(m)))
        .collect())
}

/// One row per draft listed: of an organisation, of an element, of both, or of all (0 for
/// "all").
pub async fn per_draft<C: ConnectionTrait>(
    db: &C,
    drafts: &[i32],
    organisation_id: i32,
    element_id: i32,
) -> DomainResult<HashMap<i32, score_tally::Model>> {
    Ok(score_tally::Entity::find()
        .filter(T::DraftId.is_in(drafts.iter().copied()))
        .filter(T::OrganisationId.eq(organisation_id))
        .filter(T::ElementId.eq(element_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.draft_id, m))
        .collect())
}

/// One row: a draft's, for an organisation and an element (0 for "all").
pub async fn one<C: ConnectionTrait>(
    db: &C,
    draft_id: i32,
    organisation_id: i32,
    element_id: i32,
) -> DomainResult<RatingCounts> {
    Ok(score_tally::Entity::find_by_id((draft_id, organisation_id, element_id))
        .one(db)
        .await?
        .map(|m| rating_counts(&m))
        .unwrap_or_default())
}

/// Whether the organisation of the enclosing query (`organisations.id`) signed a demand one of
/// `drafts` counts: a correlated `EXISTS`, one indexed lookup per organisation, so a page of
/// organisations by name is found by walking the names' index until the page is full.
pub fn counted(drafts: &[i32]) -> SimpleExpr {
    use crate::entities::organisation;
    let mut q = Query::select();
    q.expr(Expr::val(1))
        .from(score_tally::Entity)
        .and_where(Expr::col((score_tally::Entity, T::DraftId)).is_in(drafts.iter().copied()))
        .and_where(Expr::col((score_tally::Entity, T::ElementId)).eq(0))
        .and_where(
            Expr::col((score_tally::Entity, T::OrganisationId))
                .equals((organisation::Entity, organisation::Column::Id)),
        );
    Expr::exists(q)
}

/// How many organisations have a demand counted on one of `drafts`: their rows read from the
/// index of draft, element and organisation, rather than each organisation looked up.
pub async fn organisations_counted<C: ConnectionTrait>(db: &C, drafts: &[i32]) -> DomainResult<u64> {
    let mut q = Query::select();
    q.expr_as(Expr::col(T::OrganisationId).count_distinct(), "n")
        .from(score_tally::Entity)
        .and_where(Expr::col(T::DraftId).is_in(drafts.iter().copied()))
        .and_where(Expr::col(T::ElementId).eq(0))
        .and_where(Expr::col(T::OrganisationId).gt(0));
    use crate::services::query::sql;
    Ok(u64::from(sql::to_u32(sql::count(db, &q).await?)))
}

/// The ids of the organisations counted on a draft's element (a subquery).
pub fn organisations_on_element(draft_id: i32, element_id: i32) -> SelectStatement {
    let mut q = Query::select();
    q.column(T::OrganisationId)
        .from(score_tally::Entity)
        .and_where(Expr::col(T::DraftId).eq(draft_id))
        .and_where(Expr::col(T::ElementId).eq(element_id))
        .and_where(Expr::col(T::OrganisationId).ne(0));
    q
}
