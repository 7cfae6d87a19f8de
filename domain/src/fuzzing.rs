//! The checks the fuzz targets (`fuzz/`, cargo-fuzz on nightly) run on every input, kept here
//! so that `domain/tests/fuzz_corpus.rs` replays the kept corpus and every case the fuzzers
//! found through the same code, on stable Rust, in the ordinary test suite. Each check calls a
//! parser that takes user input and asserts what must hold whatever the input: no panic, and
//! what is accepted is consistent.
use std::collections::HashSet;
use std::str::FromStr;

use crate::draft_text::{self, MAX_SECTIONS};
use crate::types::*;

/// `a=1&b=2` into pairs, as a form or a query string arrives (already decoded).
fn pairs(input: &str) -> Vec<(String, String)> {
    input
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (pair.to_string(), String::new()),
        })
        .collect()
}

/// The draft-text splitter: refusals are fine; an accepted split has at least one numbered
/// section, each key once, lines from 1, and every paragraph's objective before it.
pub fn check_draft_text(text: &str) {
    let Ok(sections) = draft_text::split(text) else { return };
    assert!(sections.len() <= MAX_SECTIONS, "at most {MAX_SECTIONS} sections");
    let mut keys = HashSet::new();
    for (i, s) in sections.iter().enumerate() {
        assert!(s.line >= 1, "lines count from 1");
        if let Some(parent) = s.parent {
            assert!(parent < i, "a paragraph's objective comes before it");
            assert_eq!(sections[parent].kind, SectionKind::Objective, "a parent is an objective");
        }
        if let Some(key) = s.key() {
            assert!(keys.insert(key.clone()), "{key} appears once");
        }
    }
    assert!(!keys.is_empty(), "an accepted draft has a numbered section");
}

/// Every form parser of the record and the scorecard on the same fields.
pub fn check_forms(input: &str) {
    let values = FormValues(pairs(input));
    let _ = ConsultationInput::from_form(&values);
    let _ = PhaseInput::from_form(&values);
    let _ = OrganisationInput::from_form(&values);
    let _ = PositionFields::from_form(&values);
    let _ = DemandFields::from_form(&values);
    let _ = DraftFields::from_form(&values);
    let _ = AssessmentFields::from_form(&values);
}

/// The address bar's parameters, dates and page numbers.
pub fn check_queries(input: &str) {
    let pairs = pairs(input);
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let _ = TimelineQuery { kind: get("kind"), region: get("region"), status: get("status"), element: get("element") }
        .parse();
    let _ = CatalogueQuery {
        page: get("page"),
        region: get("region"),
        kind: get("kind"),
        organisation: get("organisation"),
        element: get("element"),
        draft: get("draft"),
        demand: get("demand"),
    }
    .parse();
    let _ = ScorecardQuery {
        draft: get("draft"),
        from: get("from"),
        to: get("to"),
        region: get("region"),
        kind: get("kind"),
        organisation: get("organisation"),
        element: get("element"),
        page: get("page"),
        show: get("show"),
    }
    .parse();
    let today = chrono::NaiveDate::from_ymd_opt(2018, 12, 10).unwrap_or_default();
    for (_, value) in &pairs {
        let _ = AsOf::parse(Some(value), today);
        let _ = ElementLetter::from_str(value);
        let _ = page_number(Some(value));
        if let Ok(span) = DateSpan::from_storage(value) {
            // What is stored reads back the same.
            assert_eq!(DateSpan::from_storage(&span.to_storage()), Ok(span), "{value}");
        }
    }
}
