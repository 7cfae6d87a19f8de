//! The reference CSV files, embedded in the binary (the product never reads `../shared`).
use serde::Deserialize;

use crate::error::{DomainError, DomainResult};

pub const PHASES: &str = include_str!("data/phases.csv");
pub const CONSULTATIONS: &str = include_str!("data/consultations.csv");
pub const THEMATIC_SESSIONS: &str = include_str!("data/thematic_sessions.csv");
pub const ELEMENTS: &str = include_str!("data/elements.csv");
pub const OBJECTIVES: &str = include_str!("data/objectives.csv");
pub const DRAFTS: &str = include_str!("data/drafts.csv");

pub fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> DomainResult<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| DomainError::Corrupt(format!("built-in {name}: {e}")))
}

#[derive(Debug, Deserialize)]
pub struct PhaseRow {
    pub slug: String,
    pub ordinal: i32,
    pub name: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub precision: String,
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct ConsultationRow {
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub phase: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub precision: String,
    pub venue_city: String,
    pub venue_country: String,
    pub region: String,
    pub organiser: String,
    pub civil_society_access: String,
    pub status: String,
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct ThematicSessionRow {
    pub number: i32,
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct ElementRow {
    pub letter: String,
    pub text: String,
    pub primary_thematic_session: i32,
}

#[derive(Debug, Deserialize)]
pub struct ObjectiveRow {
    pub number: i32,
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct DraftRow {
    pub slug: String,
    pub label: String,
    pub released_on: chrono::NaiveDate,
    pub objectives: Option<i32>,
    pub note: String,
}
