//! Query parameters as they arrive (strings) and as the domain uses them (typed, validated).
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::enums::{ConsultationKind, ConsultationStatus, Region};
use super::validation::{Invalid, InvalidReason};

/// One of the 24 elements, (a) to (x).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(value_type = String, example = "i"))]
pub struct ElementLetter(char);

impl ElementLetter {
    pub fn new(c: char) -> Option<Self> {
        let c = c.to_ascii_lowercase();
        ('a'..='x').contains(&c).then_some(ElementLetter(c))
    }
    pub fn as_char(self) -> char {
        self.0
    }
    pub fn all() -> impl Iterator<Item = ElementLetter> {
        ('a'..='x').map(ElementLetter)
    }
}

impl FromStr for ElementLetter {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let mut chars = s.trim().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => ElementLetter::new(c).ok_or(()),
            _ => Err(()),
        }
    }
}

impl std::fmt::Display for ElementLetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The timeline's filters as typed in the address bar: every field optional, empty means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineQuery {
    pub kind: Option<String>,
    pub region: Option<String>,
    pub status: Option<String>,
    pub element: Option<String>,
}

/// The timeline's filters once validated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineFilter {
    pub kind: Option<ConsultationKind>,
    pub region: Option<Region>,
    pub status: Option<ConsultationStatus>,
    pub element: Option<ElementLetter>,
}

fn parse_opt<T: FromStr>(field: &str, raw: &Option<String>) -> Result<Option<T>, Invalid> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v
            .parse::<T>()
            .map(Some)
            .map_err(|_| Invalid::new(field, InvalidReason::UnknownValue(v.chars().take(80).collect()))),
    }
}

impl TimelineQuery {
    pub fn parse(&self) -> Result<TimelineFilter, Invalid> {
        Ok(TimelineFilter {
            kind: parse_opt("kind", &self.kind)?,
            region: parse_opt("region", &self.region)?,
            status: parse_opt("status", &self.status)?,
            element: parse_opt("element", &self.element)?,
        })
    }
}

impl TimelineFilter {
    pub fn is_empty(&self) -> bool {
        *self == TimelineFilter::default()
    }
}

/// The "as of" date of the home page: given, or today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOf(pub NaiveDate);

impl AsOf {
    pub fn parse(raw: Option<&str>, today: NaiveDate) -> Result<AsOf, Invalid> {
        match raw.map(str::trim) {
            None | Some("") => Ok(AsOf(today)),
            Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(AsOf)
                .map_err(|_| Invalid::new("as_of", InvalidReason::NotADate(v.chars().take(40).collect()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_mean_all_and_unknown_values_are_refused() {
        let q = TimelineQuery {
            kind: Some(String::new()),
            region: Some("africa".into()),
            status: None,
            element: Some("I".into()),
        };
        let f = q.parse().expect("valid");
        assert_eq!(f.kind, None);
        assert_eq!(f.region, Some(Region::Africa));
        assert_eq!(f.element.map(ElementLetter::as_char), Some('i'));
        let bad = TimelineQuery { element: Some("z".into()), ..Default::default() };
        assert_eq!(bad.parse().map_err(|e| e.field), Err("element".to_string()));
        let bad = TimelineQuery { region: Some("mars".into()), ..Default::default() };
        assert_eq!(bad.parse().map_err(|e| e.field), Err("region".to_string()));
    }

    #[test]
    fn as_of_defaults_to_today_and_refuses_garbage() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(AsOf::parse(None, today), Ok(AsOf(today)));
        assert!(AsOf::parse(Some("2017-10-01"), today).is_ok());
        assert!(AsOf::parse(Some("2017-13-01"), today).is_err());
        assert!(AsOf::parse(Some("'; drop table"), today).is_err());
    }
}
