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
        moved: get("moved"),
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

/// The comments' Markdown path: whatever the source, the HTML it gives carries nothing that
/// runs (no script or style element, no event-handler attribute, no `javascript:` address).
#[cfg(feature = "ssr")]
pub fn check_markdown(source: &str) {
    assert_inert(&crate::services::markdown::to_safe_html(source), source);
}

/// Fails if `html` (made from `source`) carries anything that runs. Only tags are looked at:
/// in text, "javascript:" or "onclick=" is harmless (and `<` in text is always escaped).
pub fn assert_inert(html: &str, source: &str) {
    let html = html.to_ascii_lowercase();
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').unwrap_or(after.len());
        let tag = &after[..close];
        rest = &after[close..];
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(
            !["script", "style", "iframe", "object", "embed", "form", "base", "meta", "link"].contains(&name.as_str()),
            "a <{name}> element in the HTML of {source:?}"
        );
        for (attribute, value) in attributes(&tag[name.len() + usize::from(tag.starts_with('/'))..]) {
            assert!(
                !(attribute.starts_with("on") && attribute.len() > 2),
                "an event-handler attribute {attribute} in the HTML of {source:?}"
            );
            // An address that runs starts with its scheme (browsers skip spaces and control
            // characters before it; an entity could spell the colon).
            let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            let squeezed = squeezed.replace("&#58;", ":").replace("&#x3a;", ":").replace("&colon;", ":");
            for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                assert!(!squeezed.starts_with(scheme), "a {scheme} address in the HTML of {source:?}");
            }
        }
    }
}

/// The attributes of a tag's inside (after its name): (name, value), as a browser reads them.
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..end].to_string();
        rest = rest[end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let stop = inner.find(q).unwrap_or(inner.len());
                    (&inner[..stop], inner.get(stop + 1..).unwrap_or(""))
                }
                _ => {
                    let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..stop], &after[stop..])
                }
            };
            value = v.to_string();
            rest = tail;
        }
        if name.is_empty() && value.is_empty() {
            // Nothing readable is left (a stray `=`).
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        out.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::assert_inert;

    #[test]
    fn harmless_html_passes() {
        assert_inert("<p>online, <a href=\"https://x.example\" rel=\"noopener\">on=x</a></p>", "");
        assert_inert("<p>[x](javascript:alert(1) and onclick=alert(1)</p>", "text is not a tag");
        assert_inert("<a href=\"1javascript:alert(1)\">x</a>", "a relative address");
        assert_inert("<a href=\"x=javascript:alert(1)\">x</a>", "an = inside a value");
        assert_inert("<a href=\"javascript&amp;1\">x</a>", "no colon, a relative address");
    }

    #[test]
    #[should_panic(expected = "event-handler")]
    fn an_event_handler_is_caught() {
        assert_inert("<img src=x onerror=alert(1)>", "");
    }

    #[test]
    #[should_panic(expected = "javascript")]
    fn a_script_address_is_caught() {
        assert_inert("<a title=x href=\" JavaScript&#58;alert(1)\">x</a>", "");
    }
}
