//! The overview (coalition, elements, organisations, trend) and the matrix.
use sea_orm::ConnectionTrait;

use crate::error::DomainResult;
use crate::services::query::load;
use crate::services::query::sql::Scope;
use crate::services::tallies;
use crate::types::{
    ElementScore, MatrixRow, MatrixView, Paged, RatingCounts, ScorecardFilter, ScorecardOverview, TrendPoint, PER_PAGE,
};

/// How the demands the draft counts were rated on it.
pub(super) async fn overall<C: ConnectionTrait>(db: &C, scope: Scope) -> DomainResult<RatingCounts> {
    tallies::read::one(db, scope.id, 0, 0).await
}

/// The 24 elements: organisations asking something of each, and its demands' ratings.
async fn element_scores<C: ConnectionTrait>(db: &C, scope: Scope) -> DomainResult<Vec<ElementScore>> {
    let rows = tallies::read::elements(db, scope.id).await?;
    Ok(load::elements(db)
        .await?
        .into_iter()
        .map(|(id, e)| {
            let row = rows.get(&id);
            ElementScore {
                letter: e.letter,
                text: e.text,
                organisations: row.map(|m| u32::try_from(m.organisations).unwrap_or(0)).unwrap_or(0),
                counts: row.map(tallies::read::rating_counts).unwrap_or_default(),
            }
        })
        .collect())
}

/// The ratings of the demands (of one organisation, or all) on every draft, each draft
/// counting the demands the scorecard's rule gives it.
pub async fn trend<C: ConnectionTrait>(db: &C, organisation_id: Option<i32>) -> DomainResult<Vec<TrendPoint>> {
    let drafts = load::drafts(db).await?;
    let ids: Vec<i32> = drafts.iter().map(|(id, _)| *id).collect();
    let rows = tallies::read::per_draft(db, &ids, organisation_id.unwrap_or(0), 0).await?;
    Ok(drafts
        .into_iter()
        .map(|(id, draft)| TrendPoint {
            draft,
            counts: rows.get(&id).map(tallies::read::rating_counts).unwrap_or_default(),
        })
        .collect())
}

/// The public scorecard for the draft chosen (the latest by default).
pub async fn overview<C: ConnectionTrait>(db: &C, filter: &ScorecardFilter) -> DomainResult<ScorecardOverview> {
    let (scope, head) = load::head(db, filter.draft.as_deref()).await?;
    let (orgs, total) =
        load::organisation_page(db, &[scope], filter.region, filter.kind, filter.page, PER_PAGE).await?;
    let ids: Vec<i32> = orgs.iter().map(|o| o.id).collect();
    let counts = tallies::read::organisations(db, scope.id, &ids).await?;
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
    let totals = tallies::read::organisations(db, scope.id, &ids).await?;
    let cells = tallies::read::cells(db, scope.id, &ids).await?;
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
