//! The public scorecard (DOMAIN.md "The scorecard"): the coalition's result on a draft, per
//! element, per organisation, the matrix, the change between two drafts, the gaps, the trend.
//! Every view is a fixed number of queries (aggregations are GROUP BYs in the database) and
//! the scores come from the pure rules of `types::scorecard`. `ScorecardCache` keeps computed
//! views until the record changes.
mod cache;
mod change;
mod lists;
pub(crate) mod load;
mod overview;
pub(crate) mod sql;

pub use cache::{stamp, ScorecardCache};
pub use change::change;
pub use lists::{demands, gaps, organisation_ratings};
pub use overview::{matrix, overview, trend};
