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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftComparison {
    pub from: DraftRef,
    pub to: DraftRef,
    pub drafts: Vec<DraftRef>,
    pub tally: ChangeTally,
    pub sections: Vec<SectionComparison>,
}
