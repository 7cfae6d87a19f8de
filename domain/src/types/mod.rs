//! Types shared by every layer, compiled for the server and for the browser alike.
pub mod accounts;
pub mod catalogue;
pub mod dates;
pub mod drafts;
pub mod enums;
pub mod fields;
pub mod filters;
pub mod following;
pub mod forms;
pub mod record_forms;
pub mod scorecard;
pub mod scorecard_forms;
pub mod scorecard_query;
pub mod scorecard_views;
pub mod scoring_rule;
pub mod search;
pub mod validation;
pub mod views;

pub use accounts::{
    AccountView, CommentView, InvitationView, ReportView, Viewer, INVITATION_VALID_DAYS, MIN_PASSWORD_CHARS,
};
pub use catalogue::{
    AssessmentRecord, CatalogueFilter, CatalogueQuery, DemandRecord, DemandSummary, DraftAssessment, CATALOGUE_PER_PAGE,
};
pub use dates::{DateLabel, DatePrecision, DateSpan, DateSpanError};
pub use drafts::{
    ChangeTally, DocumentedChange, DraftComparison, DraftDetail, DraftRef, SectionChange, SectionComparison,
    SectionView, Segment,
};
pub use enums::*;
pub use filters::{AsOf, ElementLetter, TimelineFilter, TimelineQuery};
pub use following::{NotificationView, NotificationsPage};
pub use forms::{ConsultationInput, FormValues, PhaseInput};
pub use record_forms::{DemandFields, OrganisationInput, PositionFields};
pub use scorecard::{movement, Movement, MovementCounts, RatingCounts, Score, ScoreBand};
pub use scorecard_forms::{AssessmentFields, DraftChangeFields, DraftFields, MAX_QUOTE_CHARS};
pub use scorecard_query::{page_number, ScorecardFilter, ScorecardQuery, DEMANDS_PER_PAGE, PER_PAGE, WORK_PER_PAGE};
pub use scorecard_views::*;
pub use scoring_rule::{Addressing, EvidenceBasis, NotScored};
pub use search::{
    Fragment, SearchFilter, SearchHit, SearchPage, SearchQuery, SearchResults, SEARCH_MAX_CHARS, SEARCH_PER_PAGE,
    SEARCH_RANKED,
};
pub use validation::{Invalid, InvalidReason};
pub use views::*;
