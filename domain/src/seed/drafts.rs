//! The built-in drafts as they were (`domain/seed/drafts.toml`): each draft's known sections,
//! with titles as worded in that draft where a source gives them, and the changes documented
//! between drafts, each with its source.
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::SeedReport;
use crate::audit::{Actor, Audit};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::services::draft_changes;
use crate::services::drafts::{self, KnownSection};
use crate::types::{DraftChangeFields, SectionKind};

const DATA: &str = include_str!("../../seed/drafts.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drafts {
    pub section: Vec<SectionRow>,
    pub change: Vec<ChangeRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRow {
    pub draft: String,
    pub kind: String,
    pub number: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub source_url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRow {
    pub draft: String,
    #[serde(default)]
    pub earlier: String,
    #[serde(default)]
    pub section: String,
    pub locator: String,
    pub summary: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    pub source_url: String,
}

pub fn parse() -> DomainResult<Drafts> {
    toml::from_str(DATA).map_err(|e| DomainError::Corrupt(format!("built-in drafts.toml: {e}")))
}

/// Gives each built-in draft its known sections (a draft that has sections keeps them), then
/// records the documented changes not yet recorded (one transaction).
pub async fn load(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let data = parse()?;
    let system = Audit::now(Actor::System).with_note("Built-in dataset");
    let txn = crate::db::begin_write(db).await?;
    let mut slugs: Vec<&str> = data.section.iter().map(|s| s.draft.as_str()).collect();
    slugs.dedup();
    for slug in slugs {
        let known = data
            .section
            .iter()
            .filter(|s| s.draft == slug)
            .map(|s| {
                Ok(KnownSection {
                    kind: parse_stored::<SectionKind>("drafts.toml kind", &s.kind)?,
                    number: s.number.clone(),
                    parent: Some(s.parent.clone()).filter(|p| !p.is_empty()),
                    heading: s.heading.clone(),
                    source_url: s.source_url.clone(),
                })
            })
            .collect::<DomainResult<Vec<_>>>()?;
        let added = drafts::set_known_sections(&txn, &system, slug, &known).await?;
        report.count(added > 0);
    }
    for (slug, rows) in by_draft(&data.change) {
        let recorded = draft_changes::of_draft(&txn, drafts::id_of(&txn, slug).await?).await?;
        for c in rows {
            if recorded.iter().any(|r| r.locator == c.locator && r.summary == c.summary) {
                report.count(false);
                continue;
            }
            let fields = DraftChangeFields {
                earlier: Some(c.earlier.clone()).filter(|e| !e.is_empty()),
                section: c.section.clone(),
                locator: c.locator.clone(),
                summary: c.summary.clone(),
                before: c.before.clone(),
                after: c.after.clone(),
                source_url: c.source_url.clone(),
            };
            draft_changes::create_in(&txn, &system, slug, fields).await.map_err(|e| {
                DomainError::Corrupt(format!("built-in drafts.toml, change on {slug} ({}): {e}", c.locator))
            })?;
            report.count(true);
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The change rows grouped by draft, in the file's order.
fn by_draft(rows: &[ChangeRow]) -> Vec<(&str, Vec<&ChangeRow>)> {
    let mut out: Vec<(&str, Vec<&ChangeRow>)> = Vec::new();
    for r in rows {
        match out.iter_mut().find(|(d, _)| *d == r.draft) {
            Some((_, list)) => list.push(r),
            None => out.push((r.draft.as_str(), vec![r])),
        }
    }
    out
}
