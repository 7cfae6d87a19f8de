//! Loads the built-in organisations, positions and demands (`domain/seed/civil_society.toml`,
//! drawn from the source documents, each demand citing its source).
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

const DATA: &str = include_str!("../../seed/civil_society.toml");

#[derive(Debug, Deserialize)]
pub struct CivilSociety {
    pub source: Vec<SourceRow>,
    pub organisation: Vec<OrganisationRow>,
    pub position: Vec<PositionRow>,
}

#[derive(Debug, Deserialize)]
pub struct SourceRow {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    pub published_on: NaiveDate,
    pub precision: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
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
pub struct PositionRow {
    pub slug: String,
    pub title: String,
    pub source: String,
    pub signatories: Vec<String>,
    pub published_on: NaiveDate,
    pub precision: String,
    #[serde(default)]
    pub locator: String,
    #[serde(default)]
    pub presented_at: Option<String>,
    #[serde(default)]
    pub summary: String,
    pub demand: Vec<DemandRow>,
}

#[derive(Debug, Deserialize)]
pub struct DemandRow {
    pub slug: String,
    pub text: String,
    #[serde(default)]
    pub quote: String,
    pub elements: Vec<MappingRow>,
}

#[derive(Debug, Deserialize)]
pub struct MappingRow {
    pub letter: String,
    pub stance: String,
}

pub fn parse() -> DomainResult<CivilSociety> {
    toml::from_str(DATA).map_err(|e| DomainError::Corrupt(format!("built-in civil_society.toml: {e}")))
}

fn corrupt(what: String) -> DomainError {
    DomainError::Corrupt(format!("built-in civil_society.toml: {what}"))
}

fn published(first_day: NaiveDate, precision: &str) -> DomainResult<DateSpan> {
    positions::published_span(first_day, precision)
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
                    published: published(s.published_on, &s.precision)?,
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
        let input = PositionInput {
            slug: p.slug.clone(),
            title: p.title.clone(),
            published: published(p.published_on, &p.precision)?,
            status: PositionStatus::Published,
            source_id: source_ids.get(&p.source).copied(),
            source_locator: p.locator.clone(),
            presented_at_id: p.presented_at.as_ref().and_then(|s| consultation_ids.get(s).copied()),
            summary: p.summary.clone(),
            signatory_ids,
            demands,
        };
        positions::create(db, &audit, input).await?;
        report.count(true);
    }
    Ok(())
}
