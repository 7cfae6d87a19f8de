//! Loads the built-in organisations, positions and demands: `domain/seed/civil_society.toml`
//! (the five source documents), `responses.toml` (organisations' responses to specific
//! drafts) and `review.toml` (positions addressed to the follow-up and review), in that
//! order; each position says what it addresses and when, each demand cites its source.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::SeedReport;
use crate::audit::{Actor, Audit};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::services::consultations;
use crate::services::organisations::{self, OrganisationInput};
use crate::services::positions::{self, DemandInput, PositionInput};
use crate::services::sources::{self, SourceInput};
use crate::types::*;

/// The files, by name, in the order they are loaded.
const FILES: [(&str, &str); 3] = [
    ("civil_society.toml", include_str!("../../seed/civil_society.toml")),
    ("responses.toml", include_str!("../../seed/responses.toml")),
    ("review.toml", include_str!("../../seed/review.toml")),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CivilSociety {
    #[serde(default)]
    pub source: Vec<SourceRow>,
    #[serde(default)]
    pub organisation: Vec<OrganisationRow>,
    #[serde(default)]
    pub position: Vec<PositionRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRow {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    #[serde(default)]
    pub precision: Option<String>,
    /// The file of `shared/sources` it was read from (a note for maintainers; not stored).
    #[serde(default)]
    #[allow(dead_code)]
    pub file: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRow {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub acronym: String,
    pub kind: String,
    #[serde(default)]
    pub country: String,
    pub region: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub member_of: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionRow {
    pub slug: String,
    pub title: String,
    pub source: String,
    pub signatories: Vec<String>,
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    #[serde(default)]
    pub precision: Option<String>,
    pub addresses: String,
    #[serde(default)]
    pub addressee: String,
    #[serde(default)]
    pub responds_to: Option<String>,
    #[serde(default)]
    pub locator: String,
    #[serde(default)]
    pub presented_at: Option<String>,
    #[serde(default)]
    pub summary: String,
    pub demand: Vec<DemandRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandRow {
    pub slug: String,
    pub text: String,
    #[serde(default)]
    pub quote: String,
    pub elements: Vec<MappingRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingRow {
    pub letter: String,
    pub stance: String,
}

/// The three files as one list of sources, organisations and positions, in loading order.
pub fn parse() -> DomainResult<CivilSociety> {
    let mut all = CivilSociety::default();
    for (name, text) in FILES {
        let one: CivilSociety =
            toml::from_str(text).map_err(|e| DomainError::Corrupt(format!("built-in {name}: {e}")))?;
        all.source.extend(one.source);
        all.organisation.extend(one.organisation);
        all.position.extend(one.position);
    }
    Ok(all)
}

fn corrupt(what: String) -> DomainError {
    DomainError::Corrupt(format!("built-in civil-society data: {what}"))
}

/// A date as the files give it: both the day and the precision, or neither (undated).
fn published(first_day: Option<NaiveDate>, precision: Option<&str>, what: &str) -> DomainResult<Option<DateSpan>> {
    match (first_day, precision) {
        (Some(day), Some(p)) => crate::services::convert::published_span(day, p).map(Some),
        (None, None) => Ok(None),
        _ => Err(corrupt(format!("{what}: a date needs both published_on and precision"))),
    }
}

pub async fn load(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let data = parse()?;
    let audit = Audit { actor: Actor::System, at: Utc::now(), note: "Built-in dataset".to_string() };

    let mut source_ids = HashMap::new();
    for s in &data.source {
        let id = match sources::id_by_slug(db, &s.slug).await? {
            Some(id) => {
                report.count(false);
                id
            }
            None => {
                report.count(true);
                let input = SourceInput {
                    slug: s.slug.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    published: published(s.published_on, s.precision.as_deref(), &s.slug)?,
                    url: s.url.clone(),
                    description: s.description.clone(),
                };
                sources::create(db, &audit, input).await?
            }
        };
        source_ids.insert(s.slug.clone(), id);
    }

    let mut org_ids = organisations::ids_by_slug(db).await?;
    for o in &data.organisation {
        if org_ids.contains_key(&o.slug) {
            report.count(false);
            continue;
        }
        let input = OrganisationInput {
            slug: o.slug.clone(),
            name: o.name.clone(),
            acronym: o.acronym.clone(),
            kind: parse_stored("organisation.kind", &o.kind)?,
            country: o.country.clone(),
            region: parse_stored("organisation.region", &o.region)?,
            website: o.website.clone(),
            description: o.description.clone(),
        };
        let id = organisations::create(db, &audit, input).await?;
        org_ids.insert(o.slug.clone(), id);
        report.count(true);
    }
    for o in &data.organisation {
        let member = org_ids[&o.slug];
        for c in &o.member_of {
            let coalition = *org_ids.get(c).ok_or_else(|| corrupt(format!("unknown coalition {c}")))?;
            organisations::add_to_coalition(db, &audit, coalition, member).await?;
        }
    }

    let consultation_ids = consultations::ids_by_slug(db).await?;
    let draft_ids: HashMap<String, i32> =
        crate::services::query::load::drafts(db).await?.into_iter().map(|(id, d)| (d.slug, id)).collect();
    for p in &data.position {
        if positions::exists(db, &p.slug).await? {
            report.count(false);
            continue;
        }
        let signatory_ids = p
            .signatories
            .iter()
            .map(|s| org_ids.get(s).copied().ok_or_else(|| corrupt(format!("unknown signatory {s}"))))
            .collect::<DomainResult<Vec<_>>>()?;
        let demands = p
            .demand
            .iter()
            .map(|d| {
                let elements = d
                    .elements
                    .iter()
                    .map(|m| {
                        let letter =
                            m.letter.parse::<ElementLetter>().map_err(|_| corrupt(format!("element {}", m.letter)))?;
                        Ok((letter, parse_stored::<Stance>("demand.stance", &m.stance)?))
                    })
                    .collect::<DomainResult<Vec<_>>>()?;
                Ok(DemandInput { slug: d.slug.clone(), text: d.text.clone(), quote: d.quote.clone(), elements })
            })
            .collect::<DomainResult<Vec<_>>>()?;
        let presented_at_id = match &p.presented_at {
            None => None,
            Some(s) => Some(*consultation_ids.get(s).ok_or_else(|| corrupt(format!("unknown consultation {s}")))?),
        };
        let responds_to_id = match &p.responds_to {
            None => None,
            Some(s) => Some(*draft_ids.get(s).ok_or_else(|| corrupt(format!("unknown draft {s}")))?),
        };
        let input = PositionInput {
            slug: p.slug.clone(),
            title: p.title.clone(),
            published: published(p.published_on, p.precision.as_deref(), &p.slug)?,
            addresses: parse_stored("position.addresses", &p.addresses)?,
            addressee: p.addressee.clone(),
            responds_to_id,
            status: PositionStatus::Published,
            source_id: Some(
                *source_ids
                    .get(&p.source)
                    .ok_or_else(|| corrupt(format!("{}: unknown source {}", p.slug, p.source)))?,
            ),
            source_locator: p.locator.clone(),
            presented_at_id,
            summary: p.summary.clone(),
            signatory_ids,
            demands,
        };
        positions::create(db, &audit, input).await.map_err(|e| corrupt(format!("position {}: {e:?}", p.slug)))?;
        report.count(true);
    }
    Ok(())
}
