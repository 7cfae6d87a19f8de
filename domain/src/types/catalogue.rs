//! The open-data catalogue: the public record as lists, page by page, the way the JSON API
//! serves it (published positions and their demands only; nothing a member drafted).
use serde::{Deserialize, Serialize};

use super::drafts::DraftRef;
use super::enums::{OrganisationKind, Region};
use super::filters::ElementLetter;
use super::scorecard_query::{choice, page_number, slug};
use super::scorecard_views::{AssessmentView, DemandLink};
use super::validation::Invalid;
use super::views::{DemandElementView, OrganisationRef};

/// Items per page of the catalogue's lists.
pub const CATALOGUE_PER_PAGE: u32 = 100;

/// A published demand, who signed it and the elements it addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandSummary {
    pub demand: DemandLink,
    pub organisations: Vec<OrganisationRef>,
    /// The letters of the elements it is mapped to, (a) to (x).
    pub elements: Vec<char>,
}

/// A demand's rating against one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftAssessment {
    pub draft: DraftRef,
    pub assessment: AssessmentView,
}

/// One published demand in full, with its stance on each element and its ratings draft by draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DemandRecord {
    pub demand: DemandLink,
    /// The few words of the source the demand rests on.
    pub quote: String,
    pub organisations: Vec<OrganisationRef>,
    pub elements: Vec<DemandElementView>,
    /// What its position addresses and when: the drafts whose scorecards count it follow from
    /// this by the scorecard's rule.
    pub addressing: super::scoring_rule::Addressing,
    /// Oldest draft first; drafts it was not assessed against (or that do not count it) are
    /// absent.
    pub assessments: Vec<DraftAssessment>,
}

/// One assessment: a demand rated against a draft, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentRecord {
    pub draft: DraftRef,
    pub demand: DemandLink,
    pub assessment: AssessmentView,
}

/// The catalogue's query parameters as they arrive; empty means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    pub page: Option<String>,
    pub region: Option<String>,
    pub kind: Option<String>,
    pub organisation: Option<String>,
    pub element: Option<String>,
    pub draft: Option<String>,
    pub demand: Option<String>,
}

/// The catalogue's parameters once validated. Slugs are looked up later: an unknown one is a
/// 404 naming what was not found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueFilter {
    pub page: u32,
    pub region: Option<Region>,
    pub kind: Option<OrganisationKind>,
    pub organisation: Option<String>,
    pub element: Option<ElementLetter>,
    pub draft: Option<String>,
    pub demand: Option<String>,
}

impl CatalogueQuery {
    pub fn parse(&self) -> Result<CatalogueFilter, Invalid> {
        let page = page_number(self.page.as_deref())?;
        Ok(CatalogueFilter {
            page,
            region: choice("region", &self.region)?,
            kind: choice("kind", &self.kind)?,
            organisation: slug("organisation", &self.organisation)?,
            element: choice("element", &self.element)?,
            draft: slug("draft", &self.draft)?,
            demand: slug("demand", &self.demand)?,
        })
    }
}

impl CatalogueFilter {
    /// The offset of the filter's page in a list.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(CATALOGUE_PER_PAGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses_naming_the_parameter() {
        let q = CatalogueQuery { page: Some("3".into()), element: Some("I".into()), ..Default::default() };
        let f = q.parse().expect("valid");
        assert_eq!((f.page, f.element.map(ElementLetter::as_char)), (3, Some('i')));
        assert_eq!(f.offset(), 200);
        for (q, field) in [
            (CatalogueQuery { page: Some("0".into()), ..Default::default() }, "page"),
            (CatalogueQuery { page: Some("x".into()), ..Default::default() }, "page"),
            (CatalogueQuery { region: Some("mars".into()), ..Default::default() }, "region"),
            (CatalogueQuery { element: Some("z".into()), ..Default::default() }, "element"),
            (CatalogueQuery { demand: Some("A'; DROP".into()), ..Default::default() }, "demand"),
        ] {
            assert_eq!(q.parse().map_err(|e| e.field), Err(field.to_string()));
        }
    }
}
