//! The built-in drafts' known objectives, and the illustrative assessments of the built-in
//! demands (`domain/seed/assessments.toml`): each rests on one objective of the compact,
//! judged from its title, and is applied to every draft that contains that objective. They
//! are marked illustrative in the product.
use std::collections::HashSet;

use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::SeedReport;
use crate::audit::{Actor, Audit};
use crate::error::{DomainError, DomainResult};
use crate::services::{assessments, drafts};
use crate::types::{AssessmentFields, Rating};

const DATA: &str = include_str!("../../seed/assessments.toml");

#[derive(Debug, Deserialize)]
struct Assessments {
    assessment: Vec<Row>,
}

#[derive(Debug, Deserialize)]
struct Row {
    demand: String,
    objective: i32,
    rating: String,
    quote: String,
    #[serde(default)]
    reason: String,
}

fn rows() -> DomainResult<Vec<Row>> {
    toml::from_str::<Assessments>(DATA)
        .map(|a| a.assessment)
        .map_err(|e| DomainError::Corrupt(format!("built-in assessments: {e}")))
}

/// Gives each built-in draft the objectives it is known to contain: the first
/// `objective_count` objectives of the final text, with their final headings.
pub async fn load_objectives(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let system = Audit::now(Actor::System);
    let objectives = drafts::objectives(db).await?;
    for d in drafts::list(db).await? {
        let Some(count) = d.objective_count else { continue };
        let known: Vec<(i32, String)> = objectives.iter().filter(|(n, _)| *n <= count).cloned().collect();
        let added = drafts::set_known_objectives(db, &system, &d.slug, &known).await?;
        report.count(added > 0);
    }
    Ok(())
}

/// Rates every built-in demand against every draft holding its objective (one transaction).
pub async fn load(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let rows = rows()?;
    let system = Audit::now(Actor::System).with_note("Illustrative assessment from the built-in dataset");
    let txn = crate::db::begin_write(db).await?;
    for d in drafts::list(&txn).await? {
        let detail = drafts::get(&txn, &d.slug).await?;
        let keys: HashSet<String> = detail.sections.iter().filter_map(|s| s.key.clone()).collect();
        for row in &rows {
            let section = format!("objective-{}", row.objective);
            if !keys.contains(&section) {
                continue;
            }
            let exists = assessments::get(&txn, &d.slug, &row.demand).await?.is_some();
            if !exists {
                let rating: Rating = row
                    .rating
                    .parse()
                    .map_err(|_| DomainError::Corrupt(format!("built-in assessment rating {:?}", row.rating)))?;
                let fields = AssessmentFields { rating, section, quote: row.quote.clone(), note: row.reason.clone() };
                assessments::assess_in(&txn, &system, &d.slug, &row.demand, 0, fields, true).await?;
            }
            report.count(!exists);
        }
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_assessment_parses_and_quotes_briefly() {
        let rows = rows().expect("parses");
        assert!(rows.len() >= 100, "{}", rows.len());
        for r in &rows {
            assert!(r.rating.parse::<Rating>().is_ok(), "{}", r.rating);
            assert!((1..=23).contains(&r.objective), "{}", r.demand);
            assert!(!r.quote.is_empty() && r.quote.chars().count() <= 120, "{}", r.demand);
        }
    }
}
