//! The scorecard's query parameters as they arrive (strings) and once validated.
use serde::{Deserialize, Serialize};

use super::enums::{OrganisationKind, Region};
use super::filters::ElementLetter;
use super::validation::{Invalid, InvalidReason};

/// Organisations per page of the scorecard's lists and of the matrix.
pub const PER_PAGE: u32 = 50;
/// Demands per page of a drill-down list and of the assessing page.
pub const DEMANDS_PER_PAGE: u32 = 100;
pub const WORK_PER_PAGE: u32 = 20;
/// The highest page number accepted (beyond any real list; refuses absurd offsets).
pub const MAX_PAGE: u32 = 100_000;

/// Every scorecard parameter as typed in the address bar; empty means "the default".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardQuery {
    pub draft: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub region: Option<String>,
    pub kind: Option<String>,
    pub organisation: Option<String>,
    pub element: Option<String>,
    pub page: Option<String>,
    /// The change's page of moved demands.
    pub moved: Option<String>,
    /// The assessing page: "pending" (default) or "all".
    pub show: Option<String>,
}

/// The parameters once validated. Drafts and organisations stay slugs (looked up later: an
/// unknown one is a 404 naming it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardFilter {
    pub draft: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub region: Option<Region>,
    pub kind: Option<OrganisationKind>,
    pub organisation: Option<String>,
    pub element: Option<ElementLetter>,
    pub page: u32,
    /// The change's page of moved demands (0 or 1: the first).
    pub moved_page: u32,
    pub pending_only: bool,
}

pub(crate) fn slug(field: &str, raw: &Option<String>) -> Result<Option<String>, Invalid> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.len() <= 120 && v.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') => {
            Ok(Some(v.to_string()))
        }
        Some(v) => Err(Invalid::new(field, InvalidReason::UnknownValue(v.chars().take(80).collect()))),
    }
}

pub(crate) fn choice<T: std::str::FromStr>(field: &str, raw: &Option<String>) -> Result<Option<T>, Invalid> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v
            .parse::<T>()
            .map(Some)
            .map_err(|_| Invalid::new(field, InvalidReason::UnknownValue(v.chars().take(80).collect()))),
    }
}

/// A page number from a query string: 1 when absent, else 1 to `MAX_PAGE`.
pub fn page_number(page: Option<&str>) -> Result<u32, Invalid> {
    page_number_of("page", page)
}

/// The same for the parameter `field`.
pub fn page_number_of(field: &str, page: Option<&str>) -> Result<u32, Invalid> {
    match page.map(str::trim) {
        None | Some("") => Ok(1),
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
            _ => Err(Invalid::new(field, InvalidReason::NotANumber(v.chars().take(40).collect()))),
        },
    }
}

impl ScorecardQuery {
    pub fn parse(&self) -> Result<ScorecardFilter, Invalid> {
        let page = page_number(self.page.as_deref())?;
        let pending_only = match self.show.as_deref().map(str::trim) {
            None | Some("") | Some("pending") => true,
            Some("all") => false,
            Some(v) => return Err(Invalid::new("show", InvalidReason::UnknownValue(v.chars().take(40).collect()))),
        };
        Ok(ScorecardFilter {
            draft: slug("draft", &self.draft)?,
            from: slug("from", &self.from)?,
            to: slug("to", &self.to)?,
            region: choice("region", &self.region)?,
            kind: choice("kind", &self.kind)?,
            organisation: slug("organisation", &self.organisation)?,
            element: choice("element", &self.element)?,
            page,
            moved_page: page_number_of("moved", self.moved.as_deref())?,
            pending_only,
        })
    }
}

impl ScorecardFilter {
    /// The query string that gives this filter back (for links and downloads), without `page`.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                parts.push(format!("{k}={v}"));
            }
        };
        add("draft", self.draft.clone());
        add("from", self.from.clone());
        add("to", self.to.clone());
        add("region", self.region.map(|r| r.to_string()));
        add("kind", self.kind.map(|k| k.to_string()));
        add("organisation", self.organisation.clone());
        add("element", self.element.map(|e| e.to_string()));
        if !self.pending_only {
            add("show", Some("all".into()));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses_with_the_field_named() {
        let q = ScorecardQuery {
            draft: Some("agreed-text".into()),
            region: Some("africa".into()),
            element: Some("H".into()),
            page: Some("3".into()),
            ..Default::default()
        };
        let f = q.parse().expect("valid");
        assert_eq!((f.page, f.region, f.element.map(|e| e.as_char())), (3, Some(Region::Africa), Some('h')));
        assert_eq!(f.to_query(), "draft=agreed-text&region=africa&element=h");
        for (field, bad) in [
            ("page", ScorecardQuery { page: Some("0".into()), ..Default::default() }),
            ("page", ScorecardQuery { page: Some("-1".into()), ..Default::default() }),
            ("page", ScorecardQuery { page: Some("1e9".into()), ..Default::default() }),
            ("draft", ScorecardQuery { draft: Some("x' OR 1=1 --".into()), ..Default::default() }),
            ("kind", ScorecardQuery { kind: Some("bank".into()), ..Default::default() }),
            ("element", ScorecardQuery { element: Some("z".into()), ..Default::default() }),
            ("show", ScorecardQuery { show: Some("some".into()), ..Default::default() }),
        ] {
            assert_eq!(bad.parse().map_err(|e| e.field), Err(field.to_string()));
        }
    }
}
