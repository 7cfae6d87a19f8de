//! What the scorecard's read side returns: plain, serialisable views, the same for the pages,
//! the downloads and the JSON API.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::drafts::{DraftRef, SectionView};
use super::enums::{OrganisationKind, Rating, Region};
use super::scorecard::{MovementCounts, RatingCounts};
use super::views::{ElementRef, OrganisationRef};

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
    /// Items in the whole list.
    pub total: u32,
}

impl<T> Paged<T> {
    pub fn pages(&self) -> u32 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// The draft a scorecard is for, the drafts to choose from, and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScorecardHead {
    pub draft: DraftRef,
    pub drafts: Vec<DraftRef>,
    /// The last change to the record or the assessments the scorecard reflects.
    pub as_of: Option<DateTime<Utc>>,
    /// How many of this draft's assessments the tracker made from public sources.
    pub by_tracker: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ElementScore {
    pub letter: char,
    pub text: String,
    /// Organisations with at least one demand mapped to the element.
    pub organisations: u32,
    /// The demands mapped to it, by rating.
    pub counts: RatingCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationScore {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub region: Region,
    pub kind: OrganisationKind,
    /// The demands of the published positions it signed, by rating.
    pub counts: RatingCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrendPoint {
    pub draft: DraftRef,
    pub counts: RatingCounts,
}

/// The public scorecard for one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScorecardOverview {
    pub head: ScorecardHead,
    pub overall: RatingCounts,
    pub elements: Vec<ElementScore>,
    pub organisations: Paged<OrganisationScore>,
    /// The coalition's counts on every draft, oldest first.
    pub trend: Vec<TrendPoint>,
    pub region: Option<Region>,
    pub kind: Option<OrganisationKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatrixRow {
    pub organisation: OrganisationScore,
    /// One cell per element, in the order of `MatrixView::elements`; none when the
    /// organisation has no demand mapped to it.
    pub cells: Vec<Option<RatingCounts>>,
}

/// Organisations by elements for one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatrixView {
    pub head: ScorecardHead,
    pub elements: Vec<ElementRef>,
    pub rows: Paged<MatrixRow>,
    pub region: Option<Region>,
    pub kind: Option<OrganisationKind>,
}

/// A demand as the scorecard links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandLink {
    pub slug: String,
    pub text: String,
    pub position_slug: String,
    pub position_title: String,
    /// What its position addresses (the scorecard counts only the negotiation's).
    pub position_addresses: super::enums::Addresses,
    /// The draft (its slug) its position responds to, if any.
    #[serde(default)]
    pub responds_to: Option<String>,
}

/// A rating with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentView {
    pub rating: Rating,
    /// The key of the section cited (`objective-13`), or empty.
    pub section: String,
    pub quote: String,
    /// Why this rating.
    pub note: String,
    /// Rated by the tracker from public sources (the built-in ratings), not by a coordinator.
    pub by_tracker: bool,
    /// The public source documenting the draft's wording, where the draft's text is not held.
    pub source_url: String,
    /// What the evidence rests on: the draft's text, or that public source.
    pub basis: super::scoring_rule::EvidenceBasis,
    pub assessed_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatedDemand {
    pub demand: DemandLink,
    pub organisations: Vec<OrganisationRef>,
    pub elements: Vec<char>,
    pub assessment: Option<AssessmentView>,
}

/// The demands behind a number of the scorecard (a matrix cell, an element, an organisation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandsView {
    pub head: ScorecardHead,
    pub organisation: Option<OrganisationRef>,
    pub element: Option<ElementRef>,
    pub counts: RatingCounts,
    pub demands: Paged<RatedDemand>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MovedDemand {
    pub demand: DemandLink,
    pub organisations: Vec<OrganisationRef>,
    pub from: Rating,
    pub to: Rating,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ElementChange {
    pub letter: char,
    pub text: String,
    pub movements: MovementCounts,
    pub from: RatingCounts,
    pub to: RatingCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationChange {
    pub organisation: OrganisationRef,
    pub movements: MovementCounts,
    pub from: RatingCounts,
    pub to: RatingCounts,
}

/// Which demands improved or regressed between two drafts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangeView {
    pub from: DraftRef,
    pub to: DraftRef,
    pub drafts: Vec<DraftRef>,
    pub as_of: Option<DateTime<Utc>>,
    pub overall: MovementCounts,
    pub from_counts: RatingCounts,
    pub to_counts: RatingCounts,
    /// One page (`moved_page`, `MOVED_PER_PAGE` of each) of the demands that moved, in
    /// record order; `overall` has the full counts.
    pub improved: Vec<MovedDemand>,
    pub regressed: Vec<MovedDemand>,
    pub moved_page: u32,
    pub elements: Vec<ElementChange>,
    pub organisations: Paged<OrganisationChange>,
}

/// How many improved and how many regressed demands a page of a change lists by name.
pub const MOVED_PER_PAGE: usize = 50;
/// How many demands a gaps list shows by name (the count is always complete).
pub const GAPS_LISTED: usize = 500;

/// What the record leaves uncovered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GapsView {
    pub head: ScorecardHead,
    /// Elements no published demand is mapped to.
    pub uncovered_elements: Vec<ElementRef>,
    pub unmapped_demands: Vec<DemandLink>,
    pub unmapped_total: u32,
    pub never_assessed: Vec<DemandLink>,
    pub never_assessed_total: u32,
    /// Demands not assessed against the chosen draft.
    pub not_assessed_here: u32,
}

/// One demand of an organisation, rated draft by draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandRatings {
    pub demand: DemandLink,
    /// One per draft, in the order of `OrganisationRatings::drafts`.
    pub ratings: Vec<Option<Rating>>,
    /// One per draft: whether that draft's scorecard counts the demand (made no later than
    /// its release, or responding to it).
    pub scored: Vec<bool>,
}

/// An organisation's demands rated draft by draft, and its trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationRatings {
    pub drafts: Vec<DraftRef>,
    pub demands: Vec<DemandRatings>,
    pub trend: Vec<TrendPoint>,
}

/// A demand waiting for (or open to) a rating on the assessing page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkItem {
    pub demand: DemandLink,
    pub organisations: Vec<OrganisationRef>,
    pub elements: Vec<char>,
    pub current: Option<AssessmentView>,
    /// The rating on the draft before this one.
    pub previous: Option<AssessmentView>,
}

/// The coordinators' assessing page for one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Worklist {
    pub draft: DraftRef,
    pub previous: Option<DraftRef>,
    pub sections: Vec<SectionView>,
    pub items: Paged<WorkItem>,
    /// Demands (within the filter) not yet assessed against this draft.
    pub pending: u32,
    /// Demands within the filter.
    pub total: u32,
    pub elements: Vec<ElementRef>,
    pub organisations: Vec<OrganisationRef>,
    /// The demand whose rating was just saved (the page says so by its text).
    pub saved: Option<DemandLink>,
}
