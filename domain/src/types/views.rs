//! What the read side of the domain returns: plain, serialisable views of the record.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::dates::DateSpan;
use super::enums::*;
use super::filters::TimelineFilter;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhaseView {
    pub id: i32,
    pub slug: String,
    pub ordinal: i32,
    pub name: String,
    pub span: DateSpan,
    pub note: String,
    pub version: i32,
}

/// A consultation as listed on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsultationSummary {
    pub id: i32,
    pub slug: String,
    pub kind: ConsultationKind,
    pub title: String,
    pub phase_id: Option<i32>,
    pub span: DateSpan,
    pub venue_city: String,
    pub venue_country: String,
    pub region: Region,
    pub status: ConsultationStatus,
    pub elements: Vec<char>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LinkView {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ElementRef {
    pub letter: char,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationRef {
    pub slug: String,
    pub name: String,
    pub acronym: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsultationRef {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PositionRef {
    pub slug: String,
    pub title: String,
    /// `None` when no source dates it.
    pub published: Option<DateSpan>,
    pub signatories: Vec<OrganisationRef>,
}

/// One field's change in a revision, with the stored values before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RevisionView {
    pub id: i32,
    pub entity_type: EntityType,
    pub entity_id: i32,
    /// Where the item's page is, if it has one (a consultation's slug, say).
    pub entity_slug: Option<String>,
    pub entity_label: String,
    pub action: RevisionAction,
    pub changes: Vec<FieldChange>,
    /// Who made the change, in role terms ("coordinator"), never a person's name.
    pub actor_role: String,
    pub note: String,
    pub changed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ThematicSessionRef {
    pub number: i32,
    pub title: String,
    pub consultation_slug: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConsultationDetail {
    pub summary: ConsultationSummary,
    pub organiser: String,
    pub civil_society_access: CivilSocietyAccess,
    pub notes: String,
    pub links: Vec<LinkView>,
    pub phase: Option<PhaseView>,
    pub thematic_session: Option<ThematicSessionRef>,
    pub elements: Vec<ElementRef>,
    pub positions: Vec<PositionRef>,
    pub history: Vec<RevisionView>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhaseWithConsultations {
    pub phase: PhaseView,
    pub consultations: Vec<ConsultationSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineView {
    pub filter: TimelineFilter,
    pub phases: Vec<PhaseWithConsultations>,
    /// Consultations attached to no phase.
    pub unphased: Vec<ConsultationSummary>,
    pub total: usize,
}

/// Where the process stands on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum ProcessStatus {
    NotStarted {
        next: PhaseView,
    },
    InProgress {
        phase: PhaseView,
    },
    Between {
        previous: PhaseView,
        next: PhaseView,
    },
    Concluded {
        last: PhaseView,
    },
    /// No phases are recorded.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HomeView {
    pub as_of: NaiveDate,
    pub status: ProcessStatus,
    pub phases: Vec<PhaseView>,
    pub next_events: Vec<ConsultationSummary>,
    pub latest_changes: Vec<RevisionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ElementSummary {
    pub letter: char,
    pub text: String,
    pub thematic_session: Option<ThematicSessionRef>,
    pub organisation_count: usize,
    pub demand_count: usize,
    pub advance_count: usize,
    pub limit_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandOnElement {
    pub slug: String,
    pub text: String,
    pub stance: Stance,
    pub position: ConsultationRef,
    pub source_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationOnElement {
    pub organisation: OrganisationRef,
    pub demands: Vec<DemandOnElement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ElementDetail {
    pub summary: ElementSummary,
    /// One page of the organisations addressing the element (by name), with their demands on
    /// it; `summary.organisation_count` is how many there are in all.
    pub organisations: Vec<OrganisationOnElement>,
    /// The page shown, from 1, and how many organisations a page holds.
    pub page: u32,
    pub per_page: u32,
    pub consultations: Vec<ConsultationSummary>,
}

impl ElementDetail {
    pub fn pages(&self) -> u32 {
        u32::try_from(self.summary.organisation_count).unwrap_or(u32::MAX).div_ceil(self.per_page.max(1)).max(1)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationSummary {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub region: Region,
    pub position_count: usize,
    pub demand_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SourceView {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    /// `None` when the source gives no date.
    pub published: Option<DateSpan>,
    pub url: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandElementView {
    pub letter: char,
    pub stance: Stance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandView {
    pub slug: String,
    pub text: String,
    pub quote: String,
    pub elements: Vec<DemandElementView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PositionView {
    pub slug: String,
    pub title: String,
    /// `None` when no source dates it.
    pub published: Option<DateSpan>,
    /// What it addresses: the negotiation (scored against drafts), the follow-up and review,
    /// or another addressee (context).
    pub addresses: Addresses,
    /// Who it is addressed to, for `other`.
    pub addressee: String,
    /// The draft it responds to, if any.
    pub responds_to: Option<super::drafts::DraftRef>,
    pub status: PositionStatus,
    pub source: Option<SourceView>,
    pub source_locator: String,
    pub presented_at: Option<ConsultationRef>,
    pub summary: String,
    pub signatories: Vec<OrganisationRef>,
    pub demands: Vec<DemandView>,
}

impl PositionView {
    /// What it addresses and when, as the scorecard's rule reads it.
    pub fn addressing(&self) -> super::scoring_rule::Addressing {
        super::scoring_rule::Addressing {
            addresses: self.addresses,
            addressee: self.addressee.clone(),
            published: self.published,
            responds_to: self.responds_to.as_ref().map(|d| d.slug.clone()),
        }
    }
}

/// One position's page: the position, its comments as the reader may see them, and what the
/// reader may do there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionPage {
    pub position: PositionView,
    pub comments: Vec<super::accounts::CommentView>,
    pub can_comment: bool,
    pub can_moderate: bool,
    /// Whether the reader may edit the position and its demands.
    pub can_edit: bool,
    /// Whether the reader may publish it (or take it back to draft).
    pub can_publish: bool,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrganisationDetail {
    pub summary: OrganisationSummary,
    pub website: String,
    pub description: String,
    pub member_of: Vec<OrganisationRef>,
    pub members: Vec<OrganisationRef>,
    pub positions: Vec<PositionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftView {
    pub slug: String,
    pub label: String,
    pub released_on: NaiveDate,
    pub objective_count: Option<i32>,
    pub section_count: usize,
    /// Whether its sections were split from a full text, rather than only those known for it.
    pub has_full_text: bool,
    pub source_url: String,
    pub note: String,
}
