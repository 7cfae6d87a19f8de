//! The overview (coalition, elements, organisations, trend) and the matrix.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::ConnectionTrait;

use super::load;
use super::sql::{self, Scope, A, DE};
use crate::entities::{demand_element, draft, position_signatory};
use crate::error::DomainResult;
use crate::types::{
    ElementScore, MatrixRow, MatrixView, Paged, RatingCounts, ScorecardFilter, ScorecardOverview, TrendPoint, PER_PAGE,
};

/// How the demands the draft counts were rated on it.
pub(super) async fn overall<C: ConnectionTrait>(db: &C, scope: Scope) -> DomainResult<RatingCounts> {
    let mut q = sql::scored_demands(scope);
    sql::rated_on(&mut q, "a", scope);
    q.expr(sql::rating_of("a")).expr(sql::demand_id().count()).group_by_col((Alias::new("a"), A::Rating));
    let mut counts = RatingCounts::default();
    for row in sql::rows(db, &q).await? {
        counts.add(sql::rating(&row, 0)?, sql::count(&row, 1)?);
    }
    Ok(counts)
}

/// The 24 elements: organisations asking something of each, and its demands' ratings.
async fn element_scores<C: ConnectionTrait>(db: &C, scope: Scope) -> DomainResult<Vec<ElementScore>> {
    let mut q = sql::scored_demands(scope);
    sql::mapped(&mut q);
    sql::rated_on(&mut q, "a", scope);
    q.expr(sql::element_id())
        .expr(sql::rating_of("a"))
        .expr(sql::demand_id().count())
        .group_by_col((demand_element::Entity, DE::ElementId))
        .group_by_col((Alias::new("a"), A::Rating));
    let mut counts: HashMap<i32, RatingCounts> = HashMap::new();
    for row in sql::rows(db, &q).await? {
        counts.entry(sql::int(&row, 0)?).or_default().add(sql::rating(&row, 1)?, sql::count(&row, 2)?);
    }
    let mut q = sql::scored_demands(scope);
    sql::mapped(&mut q);
    sql::signed(&mut q);
    q.expr(sql::element_id())
        .expr(sql::signatory().count_distinct())
        .group_by_col((demand_element::Entity, DE::ElementId));
    let mut organisations: HashMap<i32, u32> = HashMap::new();
    for row in sql::rows(db, &q).await? {
        organisations.insert(sql::int(&row, 0)?, sql::count(&row, 1)?);
    }
    Ok(load::elements(db)
        .await?
        .into_iter()
        .map(|(id, e)| ElementScore {
            letter: e.letter,
            text: e.text,
            organisations: organisations.get(&id).copied().unwrap_or(0),
            counts: counts.get(&id).copied().unwrap_or_default(),
        })
        .collect())
}

/// The ratings of the demands (of one organisation, or all) on every draft, each draft
/// counting the demands the scorecard's rule gives it.
pub async fn trend<C: ConnectionTrait>(db: &C, organisation_id: Option<i32>) -> DomainResult<Vec<TrendPoint>> {
    let drafts = load::drafts(db).await?;
    let mut q = sql::published_demands();
    q.inner_join(
        crate::entities::assessment::Entity,
        Expr::col((crate::entities::assessment::Entity, A::DemandId))
            .equals((crate::entities::demand::Entity, sql::D::Id)),
    )
    .inner_join(
        draft::Entity,
        Expr::col((draft::Entity, draft::Column::Id)).equals((crate::entities::assessment::Entity, A::DraftId)),
    )
    .cond_where(sql::scored_on_joined_draft());
    // every draft beside every demand, kept where the draft counts it
    let mut total = sql::published_demands();
    total
        .join(sea_orm::JoinType::InnerJoin, draft::Entity, sql::scored_on_joined_draft())
        .column((draft::Entity, draft::Column::Id))
        .expr(sql::demand_id().count())
        .group_by_col((draft::Entity, draft::Column::Id));
    if let Some(org) = organisation_id {
        sql::signed(&mut q);
        q.and_where(sql::signatory().eq(org));
        sql::signed(&mut total);
        total.and_where(sql::signatory().eq(org));
    }
    q.column((crate::entities::assessment::Entity, A::DraftId))
        .column((crate::entities::assessment::Entity, A::Rating))
        .expr(sql::demand_id().count())
        .group_by_col((crate::entities::assessment::Entity, A::DraftId))
        .group_by_col((crate::entities::assessment::Entity, A::Rating));
    let mut by_draft: HashMap<i32, RatingCounts> = HashMap::new();
    for row in sql::rows(db, &q).await? {
        by_draft.entry(sql::int(&row, 0)?).or_default().add(sql::rating(&row, 1)?, sql::count(&row, 2)?);
    }
    let mut demands: HashMap<i32, u32> = HashMap::new();
    for row in sql::rows(db, &total).await? {
        demands.insert(sql::int(&row, 0)?, sql::count(&row, 1)?);
    }
    Ok(drafts
        .into_iter()
        .map(|(id, draft)| {
            let mut counts = by_draft.get(&id).copied().unwrap_or_default();
            counts.not_assessed = demands.get(&id).copied().unwrap_or(0).saturating_sub(counts.assessed());
            TrendPoint { draft, counts }
        })
        .collect())
}

/// The public scorecard for the draft chosen (the latest by default).
pub async fn overview<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<ScorecardOverview> {
    let (scope, head) = load::head(db, filter.draft.as_deref()).await?;
    let (orgs, total) =
        load::organisation_page(db, &[scope], filter.region, filter.kind, filter.page, PER_PAGE).await?;
    let ids: Vec<i32> = orgs.iter().map(|o| o.id).collect();
    let counts = load::counts_by_organisation(db, scope, &ids).await?;
    let items = orgs
        .iter()
        .map(|o| load::organisation_score(o, counts.get(&o.id).copied().unwrap_or_default()))
        .collect::<DomainResult<Vec<_>>>()?;
    Ok(ScorecardOverview {
        head,
        overall: overall(db, scope).await?,
        elements: element_scores(db, scope).await?,
        organisations: Paged { items, page: filter.page, per_page: PER_PAGE, total },
        trend: trend(db, None).await?,
        region: filter.region,
        kind: filter.kind,
    })
}

/// Organisations by elements on one draft, one page of organisations at a time.
pub async fn matrix<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<MatrixView> {
    let (scope, head) = load::head(db, filter.draft.as_deref()).await?;
    let elements = load::elements(db).await?;
    let (orgs, total) =
        load::organisation_page(db, &[scope], filter.region, filter.kind, filter.page, PER_PAGE).await?;
    let ids: Vec<i32> = orgs.iter().map(|o| o.id).collect();
    let totals = load::counts_by_organisation(db, scope, &ids).await?;
    let mut cells: HashMap<(i32, i32), RatingCounts> = HashMap::new();
    if !ids.is_empty() {
        let mut q = sql::scored_demands(scope);
        sql::signed(&mut q);
        sql::mapped(&mut q);
        sql::rated_on(&mut q, "a", scope);
        q.expr(sql::signatory())
            .expr(sql::element_id())
            .expr(sql::rating_of("a"))
            .expr(sql::demand_id().count())
            .and_where(sql::signatory().is_in(ids.iter().copied()))
            .group_by_col((position_signatory::Entity, sql::PS::OrganisationId))
            .group_by_col((demand_element::Entity, DE::ElementId))
            .group_by_col((Alias::new("a"), A::Rating));
        for row in sql::rows(db, &q).await? {
            let key = (sql::int(&row, 0)?, sql::int(&row, 1)?);
            cells.entry(key).or_default().add(sql::rating(&row, 2)?, sql::count(&row, 3)?);
        }
    }
    let items = orgs
        .iter()
        .map(|o| {
            Ok(MatrixRow {
                organisation: load::organisation_score(o, totals.get(&o.id).copied().unwrap_or_default())?,
                cells: elements.iter().map(|(eid, _)| cells.get(&(o.id, *eid)).copied()).collect(),
            })
        })
        .collect::<DomainResult<Vec<_>>>()?;
    Ok(MatrixView {
        head,
        elements: elements.into_iter().map(|(_, e)| e).collect(),
        rows: Paged { items, page: filter.page, per_page: PER_PAGE, total },
        region: filter.region,
        kind: filter.kind,
    })
}
