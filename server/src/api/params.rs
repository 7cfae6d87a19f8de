//! The API's query parameters: one struct per operation, documented in the OpenAPI document
//! (with the vocabulary each accepts), read strictly (an unknown or repeated parameter is a 400
//! naming it) and then validated by the domain's own parsers.
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use domain::types::{
    CatalogueQuery, ConsultationKind, ConsultationStatus, Invalid, InvalidReason, OrganisationKind, Region,
    ScorecardQuery, SearchKind, SearchQuery, TimelineQuery,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::IntoParams;

use super::respond::problem;

/// The query string read into `T`; a malformed one answers 400 with the reason, as JSON.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or_default())
            .map(ApiQuery)
            .map_err(|e| problem(StatusCode::BAD_REQUEST, format!("invalid query: {e}")))
    }
}

/// How a scorecard view is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum Format {
    /// The page's view, paginated like the page.
    Json,
    /// Every page of the view, one row per figure.
    Csv,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// Only consultations of this kind.
    #[param(value_type = Option<ConsultationKind>, example = "thematic")]
    pub kind: Option<String>,
    /// Only consultations in this region.
    #[param(value_type = Option<Region>, example = "global")]
    pub region: Option<String>,
    /// Only consultations with this status.
    #[param(value_type = Option<ConsultationStatus>, example = "held")]
    pub status: Option<String>,
    /// Only consultations covering this element (a letter from a to x).
    #[param(pattern = "^[a-x]$", example = "i")]
    pub element: Option<String>,
}

impl From<TimelineParams> for TimelineQuery {
    fn from(p: TimelineParams) -> Self {
        TimelineQuery { kind: p.kind, region: p.region, status: p.status, element: p.element }
    }
}

/// No parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NoParams {}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ElementParams {
    /// The page of the organisations addressing the element, from 1 (50 a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrganisationsParams {
    /// The page, from 1 (100 items a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
    /// Only organisations in this region.
    #[param(value_type = Option<Region>, example = "europe")]
    pub region: Option<String>,
    /// Only organisations of this kind.
    #[param(value_type = Option<OrganisationKind>, example = "ngo")]
    pub kind: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PositionsParams {
    /// The page, from 1 (100 items a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
    /// Only the positions this organisation signed (its address, e.g. `picum`).
    #[param(example = "picum")]
    pub organisation: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DemandsParams {
    /// The page, from 1 (100 items a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
    /// Only the demands this organisation signed.
    #[param(example = "picum")]
    pub organisation: Option<String>,
    /// Only the demands mapped to this element (a letter from a to x).
    #[param(pattern = "^[a-x]$", example = "i")]
    pub element: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AssessmentsParams {
    /// The page, from 1 (100 items a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
    /// Only the assessments against this draft (its address).
    #[param(example = "agreed-text")]
    pub draft: Option<String>,
    /// Only the assessments of this demand (its address).
    #[param(example = "coalition-faq-mobility-options")]
    pub demand: Option<String>,
    /// Only the demands this organisation signed.
    #[param(example = "global-coalition-on-migration")]
    pub organisation: Option<String>,
    /// Only the demands mapped to this element.
    #[param(pattern = "^[a-x]$", example = "e")]
    pub element: Option<String>,
}

macro_rules! into_catalogue {
    ($name:ident { $($field:ident),* }) => {
        impl From<$name> for CatalogueQuery {
            fn from(p: $name) -> Self {
                CatalogueQuery { $($field: p.$field,)* ..Default::default() }
            }
        }
    };
}
into_catalogue!(OrganisationsParams { page, region, kind });
into_catalogue!(PositionsParams { page, organisation });
into_catalogue!(DemandsParams { page, organisation, element });
into_catalogue!(AssessmentsParams { page, draft, demand, organisation, element });

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OverviewParams {
    /// `json` (the default) or `csv`.
    #[param(value_type = Option<Format>, example = "json")]
    pub format: Option<String>,
    /// The draft (its address); the latest by default.
    #[param(example = "agreed-text")]
    pub draft: Option<String>,
    /// Only organisations in this region (the organisations' list).
    #[param(value_type = Option<Region>, example = "europe")]
    pub region: Option<String>,
    /// Only organisations of this kind (the organisations' list).
    #[param(value_type = Option<OrganisationKind>, example = "ngo")]
    pub kind: Option<String>,
    /// The page of the organisations' list, from 1 (50 a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScorecardDemandsParams {
    /// `json` (the default) or `csv`.
    #[param(value_type = Option<Format>, example = "json")]
    pub format: Option<String>,
    /// The draft (its address); the latest by default.
    #[param(example = "agreed-text")]
    pub draft: Option<String>,
    /// Only the demands this organisation signed.
    #[param(example = "picum")]
    pub organisation: Option<String>,
    /// Only the demands mapped to this element.
    #[param(pattern = "^[a-x]$", example = "m")]
    pub element: Option<String>,
    /// The page, from 1 (100 demands a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChangeParams {
    /// `json` (the default) or `csv`.
    #[param(value_type = Option<Format>, example = "json")]
    pub format: Option<String>,
    /// The earlier draft; the one before `to` by default.
    #[param(example = "zero-draft")]
    pub from: Option<String>,
    /// The later draft; the latest by default.
    #[param(example = "agreed-text")]
    pub to: Option<String>,
    /// Only organisations in this region (the organisations' list).
    #[param(value_type = Option<Region>, example = "europe")]
    pub region: Option<String>,
    /// Only organisations of this kind (the organisations' list).
    #[param(value_type = Option<OrganisationKind>, example = "ngo")]
    pub kind: Option<String>,
    /// The page of the organisations' list, from 1 (50 a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
    /// The page of the lists of improved and regressed demands, from 1 (50 of each a page, in
    /// record order).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub moved: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GapsParams {
    /// `json` (the default) or `csv`.
    #[param(value_type = Option<Format>, example = "json")]
    pub format: Option<String>,
    /// The draft (its address); the latest by default.
    #[param(example = "agreed-text")]
    pub draft: Option<String>,
}

fn format(raw: Option<String>) -> Result<Format, Invalid> {
    match raw.as_deref().map(str::trim) {
        None | Some("") | Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some(other) => Err(Invalid::new("format", InvalidReason::UnknownValue(other.chars().take(40).collect()))),
    }
}

/// A scorecard view's parameters: how to deliver it, and the scorecard's filter.
pub trait ScorecardParams {
    fn split(self) -> Result<(Format, ScorecardQuery), Invalid>;
}

impl ScorecardParams for OverviewParams {
    fn split(self) -> Result<(Format, ScorecardQuery), Invalid> {
        let q = ScorecardQuery {
            draft: self.draft,
            region: self.region,
            kind: self.kind,
            page: self.page,
            ..Default::default()
        };
        Ok((format(self.format)?, q))
    }
}

impl ScorecardParams for ScorecardDemandsParams {
    fn split(self) -> Result<(Format, ScorecardQuery), Invalid> {
        let q = ScorecardQuery {
            draft: self.draft,
            organisation: self.organisation,
            element: self.element,
            page: self.page,
            ..Default::default()
        };
        Ok((format(self.format)?, q))
    }
}

impl ScorecardParams for ChangeParams {
    fn split(self) -> Result<(Format, ScorecardQuery), Invalid> {
        let q = ScorecardQuery {
            from: self.from,
            to: self.to,
            region: self.region,
            kind: self.kind,
            page: self.page,
            moved: self.moved,
            ..Default::default()
        };
        Ok((format(self.format)?, q))
    }
}

impl ScorecardParams for GapsParams {
    fn split(self) -> Result<(Format, ScorecardQuery), Invalid> {
        Ok((format(self.format)?, ScorecardQuery { draft: self.draft, ..Default::default() }))
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The words to look for: words, "a phrase in quotes", -a word to leave out, `or` between
    /// two alternatives; at most 200 characters. Empty finds nothing.
    #[param(max_length = 200, example = "firewalls")]
    pub q: Option<String>,
    /// Only results of this kind.
    #[param(value_type = Option<SearchKind>, example = "demand")]
    pub kind: Option<String>,
    /// Only demands mapped to this element (a letter from a to x), the positions holding them
    /// and the consultations on it.
    #[param(pattern = "^[a-x]$", example = "i")]
    pub element: Option<String>,
    /// Only this organisation (its address) and its published positions, their demands and comments.
    #[param(example = "picum")]
    pub organisation: Option<String>,
    /// Only this draft's sections and documented changes (its address), and the positions responding to it.
    #[param(example = "zero-draft")]
    pub draft: Option<String>,
    /// The page, from 1 (20 results a page).
    #[param(minimum = 1, maximum = 100000, example = "1")]
    pub page: Option<String>,
}

impl From<SearchParams> for SearchQuery {
    fn from(p: SearchParams) -> Self {
        SearchQuery {
            q: p.q,
            kind: p.kind,
            element: p.element,
            organisation: p.organisation,
            draft: p.draft,
            page: p.page,
        }
    }
}
