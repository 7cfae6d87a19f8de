//! The tracker's own ratings of the built-in demands (`domain/seed/assessments.toml`): each
//! rates one demand against one draft on what public sources document of that draft's
//! wording, citing the section and the source. They are labelled in the product as the
//! tracker's, not a coalition's; a coordinator's rating replaces one. Each goes through the
//! same domain function as a coordinator's, so the scorecard's rule refuses a rating of a
//! demand against a draft released before it was made.
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::SeedReport;
use crate::audit::{Actor, Audit};
use crate::error::{DomainError, DomainResult};
use crate::services::assessments;
use crate::types::{AssessmentFields, Rating};

const DATA: &str = include_str!("../../seed/assessments.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Assessments {
    assessment: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    demand: String,
    draft: String,
    rating: String,
    section: String,
    quote: String,
    source_url: String,
    #[serde(default)]
    note: String,
}

fn rows() -> DomainResult<Vec<Row>> {
    toml::from_str::<Assessments>(DATA)
        .map(|a| a.assessment)
        .map_err(|e| DomainError::Corrupt(format!("built-in assessments: {e}")))
}

/// Records every built-in rating not yet recorded (one transaction).
pub async fn load(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let rows = rows()?;
    let system = Audit::now(Actor::System).with_note("Rated by the tracker from public sources (built-in dataset)");
    let txn = crate::db::begin_write(db).await?;
    for row in &rows {
        let exists = assessments::get(&txn, &row.draft, &row.demand).await?.is_some();
        if !exists {
            let rating: Rating = row
                .rating
                .parse()
                .map_err(|_| DomainError::Corrupt(format!("built-in assessment rating {:?}", row.rating)))?;
            let fields = AssessmentFields {
                rating,
                section: row.section.clone(),
                quote: row.quote.clone(),
                note: row.note.clone(),
                source_url: row.source_url.clone(),
            };
            assessments::assess_in(&txn, &system, &row.draft, &row.demand, 0, fields, true).await.map_err(|e| {
                DomainError::Corrupt(format!("built-in assessment of {} on {}: {e:?}", row.demand, row.draft))
            })?;
        }
        report.count(!exists);
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_rating_cites_a_section_and_a_public_source_and_quotes_briefly() {
        let rows = rows().expect("parses");
        assert!(rows.len() >= 40, "{}", rows.len());
        for r in &rows {
            assert!(r.rating.parse::<Rating>().is_ok(), "{}", r.rating);
            assert!(r.section.starts_with("objective-") || r.section.starts_with("paragraph-"), "{}", r.demand);
            assert!(r.source_url.starts_with("http"), "{} on {}", r.demand, r.draft);
            assert!(!r.quote.is_empty() && r.quote.split_whitespace().count() <= 30, "{}", r.demand);
        }
    }
}
