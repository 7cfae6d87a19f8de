//! The public scorecard (DOMAIN.md "The scorecard"): the coalition's result on a draft, per
//! element, per organisation, the matrix, the change between two drafts, the gaps, the trend.
//! Every view is a fixed number of queries (aggregations are GROUP BYs in the database) and
//! the scores come from the pure rules of `types::scorecard`; the counts are read from
//! `services::tallies`, kept with every change. `ScorecardCache` keeps computed views until a
//! change to the scores is committed.
mod cache;
mod change;
mod lists;
mod overview;

pub use cache::{CacheCounts, ScorecardCache};
pub use change::change;
pub use lists::{demands, gaps, organisation_ratings};
pub use overview::{matrix, overview, trend};

use std::sync::Arc;

use sea_orm::ConnectionTrait;

use crate::error::DomainResult;
use crate::types::{
    ChangeView, DemandsView, DraftComparison, GapsView, MatrixView, OrganisationRatings, ScorecardFilter,
    ScorecardOverview,
};

/// Each view through the cache: the one place its key is made, for pages and downloads alike.
impl ScorecardCache {
    pub async fn overview<C: ConnectionTrait>(
        &self,
        db: &C,
        f: &ScorecardFilter,
    ) -> DomainResult<Arc<ScorecardOverview>> {
        self.get_or_compute(format!("overview:{f:?}"), || overview(db, f)).await
    }

    pub async fn matrix<C: ConnectionTrait>(&self, db: &C, f: &ScorecardFilter) -> DomainResult<Arc<MatrixView>> {
        self.get_or_compute(format!("matrix:{f:?}"), || matrix(db, f)).await
    }

    pub async fn demands<C: ConnectionTrait>(&self, db: &C, f: &ScorecardFilter) -> DomainResult<Arc<DemandsView>> {
        self.get_or_compute(format!("demands:{f:?}"), || demands(db, f)).await
    }

    pub async fn change<C: ConnectionTrait>(&self, db: &C, f: &ScorecardFilter) -> DomainResult<Arc<ChangeView>> {
        self.get_or_compute(format!("change:{f:?}"), || change(db, f)).await
    }

    pub async fn gaps<C: ConnectionTrait>(&self, db: &C, f: &ScorecardFilter) -> DomainResult<Arc<GapsView>> {
        self.get_or_compute(format!("gaps:{f:?}"), || gaps(db, f)).await
    }

    pub async fn organisation_ratings<C: ConnectionTrait>(
        &self,
        db: &C,
        slug: &str,
    ) -> DomainResult<Arc<OrganisationRatings>> {
        self.get_or_compute(format!("organisation:{slug}"), || organisation_ratings(db, slug)).await
    }

    pub async fn comparison<C: ConnectionTrait>(
        &self,
        db: &C,
        from: Option<&str>,
        to: Option<&str>,
    ) -> DomainResult<Arc<DraftComparison>> {
        self.get_or_compute(format!("compare:{from:?}:{to:?}"), || crate::services::drafts::compare(db, from, to)).await
    }
}
