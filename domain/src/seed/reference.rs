//! Loads the reference facts through the domain functions.
use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::csv_rows::{self, *};
use super::history::{self, noon, Planned};
use super::SeedReport;
use crate::audit::{Actor, Audit};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::services::consultations::{self, ConsultationInput, SaveOutcome};
use crate::services::phases::{self, PhaseInput};
use crate::services::{drafts, elements};
use crate::types::*;

fn audit_at(date: chrono::NaiveDate, note: &str) -> Audit {
    Audit { actor: Actor::System, at: noon(date), note: note.to_string() }
}

fn span_of(table: &str, start: chrono::NaiveDate, end: chrono::NaiveDate, precision: &str) -> DomainResult<DateSpan> {
    let precision = parse_stored(&format!("{table}.precision"), precision)?;
    DateSpan::new(start, end, precision).map_err(|e| DomainError::Corrupt(format!("built-in {table}: {e}")))
}

fn missing(what: &str) -> DomainError {
    DomainError::Corrupt(format!("built-in dataset: {what}"))
}

pub async fn load(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    load_phases(db, report).await?;
    load_elements(db, report).await?;
    load_consultations(db, report).await?;
    load_drafts(db, report).await?;
    Ok(())
}

async fn load_phases(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let plan_day = history::day(history::PLAN_PUBLISHED).ok_or_else(|| missing("plan date"))?;
    for row in csv_rows::parse::<PhaseRow>("phases", csv_rows::PHASES)? {
        if phases::find_by_slug(db, &row.slug).await?.is_some() {
            report.count(false);
            continue;
        }
        let actual = span_of("phases", row.starts_on, row.ends_on, &row.precision)?;
        let input = PhaseInput {
            slug: row.slug.clone(),
            ordinal: row.ordinal,
            name: row.name.clone(),
            span: actual,
            note: row.note,
        };
        if let Some(change) = history::PLANNED_PHASE_CHANGES.iter().find(|c| c.slug == row.slug) {
            let planned = match change.planned {
                history::PlannedSpan::Month(y, m) => {
                    history::month_span(y, m).ok_or_else(|| missing("planned phase month"))?
                }
                history::PlannedSpan::EndingOn(y, m, d) => {
                    let end = history::day((y, m, d)).ok_or_else(|| missing("planned end"))?;
                    DateSpan::new(actual.start, end, actual.precision).map_err(|e| missing(&e.to_string()))?
                }
            };
            let created = phases::create(
                db,
                &audit_at(plan_day, history::PLAN_NOTE),
                PhaseInput { span: planned, ..input.clone() },
            )
            .await?;
            let when = history::day(change.changed_on).ok_or_else(|| missing("phase change day"))?;
            phases::update(db, &audit_at(when, change.note), created.id, 1, input).await?;
        } else if history::PLANNED_PHASES.contains(&row.slug.as_str()) {
            phases::create(db, &audit_at(plan_day, history::PLAN_NOTE), input).await?;
        } else {
            // not in the April 2017 plan: recorded from the sources, dated no later than today
            let when = row.starts_on.min(Utc::now().date_naive());
            phases::create(db, &audit_at(when, "Recorded from the sources"), input).await?;
        }
        report.count(true);
    }
    Ok(())
}

async fn load_elements(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let system = Audit { actor: Actor::System, at: Utc::now(), note: String::new() };
    for row in csv_rows::parse::<ThematicSessionRow>("thematic sessions", csv_rows::THEMATIC_SESSIONS)? {
        let exists = elements::thematic_session_id(db, row.number).await?.is_some();
        if !exists {
            elements::create_thematic_session(db, &system, row.number, &row.title, None).await?;
        }
        report.count(!exists);
    }
    for row in csv_rows::parse::<ElementRow>("elements", csv_rows::ELEMENTS)? {
        let letter = row.letter.parse::<ElementLetter>().map_err(|_| missing(&format!("element {}", row.letter)))?;
        let exists = elements::exists(db, letter).await?;
        if !exists {
            let session = elements::thematic_session_id(db, row.primary_thematic_session).await?;
            elements::create(db, &system, letter, &row.text, session).await?;
        }
        report.count(!exists);
    }
    for row in csv_rows::parse::<ObjectiveRow>("objectives", csv_rows::OBJECTIVES)? {
        drafts::upsert_objective(db, &system, row.number, &row.title).await?;
    }
    Ok(())
}

async fn consultation_input(db: &DatabaseConnection, row: &ConsultationRow) -> DomainResult<ConsultationInput> {
    let phase_id = phases::find_by_slug(db, &row.phase).await?.map(|p| p.id);
    let elements = match row.slug.strip_prefix("thematic-session-").and_then(|n| n.parse::<i32>().ok()) {
        Some(n) => elements_of_session(n)?,
        None => Vec::new(),
    };
    Ok(ConsultationInput {
        slug: row.slug.clone(),
        kind: parse_stored("consultations.kind", &row.kind)?,
        title: row.title.clone(),
        phase_id,
        span: span_of("consultations", row.starts_on, row.ends_on, &row.precision)?,
        venue_city: row.venue_city.clone(),
        venue_country: row.venue_country.clone(),
        region: parse_stored("consultations.region", &row.region)?,
        organiser: row.organiser.clone(),
        civil_society_access: parse_stored("consultations.civil_society_access", &row.civil_society_access)?,
        status: parse_stored("consultations.status", &row.status)?,
        notes: row.note.clone(),
        elements,
        links: Vec::new(),
    })
}

/// The elements a thematic session consolidated, from the reference mapping.
fn elements_of_session(number: i32) -> DomainResult<Vec<ElementLetter>> {
    Ok(csv_rows::parse::<ElementRow>("elements", csv_rows::ELEMENTS)?
        .into_iter()
        .filter(|e| e.primary_thematic_session == number)
        .filter_map(|e| e.letter.parse().ok())
        .collect())
}

async fn load_consultations(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    let existing = consultations::ids_by_slug(db).await?;
    for row in csv_rows::parse::<ConsultationRow>("consultations", csv_rows::CONSULTATIONS)? {
        if existing.contains_key(&row.slug) {
            report.count(false);
            continue;
        }
        let actual = consultation_input(db, &row).await?;
        let id = match history::PLANNED_CONSULTATIONS.iter().find(|p| p.slug == row.slug) {
            Some(plan) => create_as_planned(db, plan, actual).await?,
            None => {
                let when = row.starts_on.min(Utc::now().date_naive());
                let at = audit_at(when, "Recorded from the sources; the day it was first announced is not known");
                consultations::create(db, &at, actual).await?.summary.id
            }
        };
        if let Some(n) = row.slug.strip_prefix("thematic-session-").and_then(|n| n.parse::<i32>().ok()) {
            let system = Audit { actor: Actor::System, at: Utc::now(), note: String::new() };
            elements::link_thematic_session(db, &system, n, id).await?;
        }
        report.count(true);
    }
    Ok(())
}

/// Enters the item as the April 2017 plan had it, then the change to what happened, then "held".
async fn create_as_planned(db: &DatabaseConnection, plan: &Planned, actual: ConsultationInput) -> DomainResult<i32> {
    let plan_day = history::day(history::PLAN_PUBLISHED).ok_or_else(|| missing("plan date"))?;
    let planned = ConsultationInput {
        venue_city: plan.city.to_string(),
        venue_country: plan.country.to_string(),
        span: history::planned_span(plan, actual.span),
        status: ConsultationStatus::Planned,
        ..actual.clone()
    };
    let created = consultations::create(db, &audit_at(plan_day, history::PLAN_NOTE), planned.clone()).await?;
    let id = created.summary.id;
    let mut version = created.version;
    let confirmed = ConsultationInput { status: ConsultationStatus::Confirmed, ..actual.clone() };
    // an item held as the plan said has no confirmation to record (no source dates one)
    let only_confirmed = ConsultationInput { status: ConsultationStatus::Planned, ..confirmed.clone() } == planned;
    if !only_confirmed {
        let when = history::day(plan.changed_on).ok_or_else(|| missing("change day"))?;
        version =
            saved_version(consultations::update(db, &audit_at(when, plan.change_note), id, version, confirmed).await?)?;
    }
    let held_note = "Held as scheduled";
    saved_version(consultations::update(db, &audit_at(actual.span.end, held_note), id, version, actual).await?)?;
    Ok(id)
}

fn saved_version(outcome: SaveOutcome) -> DomainResult<i32> {
    match outcome {
        SaveOutcome::Saved(d) => Ok(d.version),
        SaveOutcome::Conflict { theirs } => Err(DomainError::Conflict { current_version: theirs.version }),
    }
}

async fn load_drafts(db: &DatabaseConnection, report: &mut SeedReport) -> DomainResult<()> {
    for row in csv_rows::parse::<DraftRow>("drafts", csv_rows::DRAFTS)? {
        let exists = drafts::exists(db, &row.slug).await?;
        if !exists {
            let fields = DraftFields {
                slug: row.slug,
                label: row.label,
                released_on: row.released_on,
                objective_count: row.objectives,
                source_url: String::new(),
                note: row.note,
                format: TextFormat::Markdown,
                text: String::new(),
            };
            drafts::create(db, &audit_at(row.released_on, "Recorded from the sources"), fields).await?;
        }
        report.count(!exists);
    }
    Ok(())
}
