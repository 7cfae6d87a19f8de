//! Drafts of the compact, their sections, and how two drafts compare.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::enums::SectionKind;

/// A draft as lists, choosers and links name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftRef {
    pub slug: String,
    pub label: String,
    pub released_on: NaiveDate,
}

/// One numbered section of a draft's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SectionView {
    pub kind: SectionKind,
    /// The draft's own number; empty for unnumbered parts.
    pub number: String,
    /// What assessments cite it by (`objective-13`, `paragraph-29`); none for parts.
    pub key: Option<String>,
    pub heading: String,
    pub body: String,
    /// The key of the objective a paragraph belongs to.
    pub parent: Option<String>,
    /// Where the heading, as worded in this draft, was read (a draft whose text is not held).
    #[serde(default)]
    pub source_url: String,
}

/// A change documented between drafts: where, what, the wording before and after where a
/// source quotes it, and the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DocumentedChange {
    pub id: i32,
    /// The draft in which the change is first documented.
    pub draft: DraftRef,
    /// The latest draft documented with the earlier wording, where known.
    pub earlier: Option<DraftRef>,
    /// The section of `draft` it concerns (`objective-13`), or empty.
    pub section: String,
    /// Where, in words ("Objective 13, paragraph 29(h)").
    pub locator: String,
    pub summary: String,
    pub before: String,
    pub after: String,
    pub source_url: String,
    pub version: i32,
}

/// A draft with its text, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftDetail {
    pub slug: String,
    pub label: String,
    pub released_on: NaiveDate,
    pub objective_count: Option<i32>,
    pub source_url: String,
    pub note: String,
    pub version: i32,
    pub sections: Vec<SectionView>,
    /// Whether the sections were split from a full text (rather than only the objectives known).
    pub has_full_text: bool,
    pub drafts: Vec<DraftRef>,
    /// The changes first documented in this draft.
    #[serde(default)]
    pub changes: Vec<DocumentedChange>,
}

/// A run of words in a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Segment {
    Same(String),
    Added(String),
    Removed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum SectionChange {
    Added,
    Removed,
    Reworded,
    Unchanged,
    /// The wording is not held for one of the two drafts: whether it changed is not known.
    NotHeld,
}

/// One section compared across two drafts (matched by kind and number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SectionComparison {
    pub kind: SectionKind,
    pub number: String,
    pub change: SectionChange,
    pub heading: Vec<Segment>,
    pub body: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangeTally {
    pub added: u32,
    pub removed: u32,
    pub reworded: u32,
    pub unchanged: u32,
    #[serde(default)]
    pub not_held: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftComparison {
    pub from: DraftRef,
    pub to: DraftRef,
    pub drafts: Vec<DraftRef>,
    pub tally: ChangeTally,
    pub sections: Vec<SectionComparison>,
    /// The changes documented after `from` up to `to` (first documented in a draft released
    /// after `from` and no later than `to`), oldest first.
    #[serde(default)]
    pub documented: Vec<DocumentedChange>,
}
