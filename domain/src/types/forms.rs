//! Forms as posted (name/value pairs) and their parsing into the domain's inputs. Shared by
//! the server, which validates, and the pages, which fill fields back with what was typed.
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::{DatePrecision, DateSpan, DateSpanError};
use super::enums::*;
use super::filters::ElementLetter;
use super::validation::{Invalid, InvalidReason};
use super::views::LinkView;

/// The fields of a posted form, in order, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    /// The first value of `name`, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// Every value of `name` (checkboxes, multiple selects).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Adds `name = value` (a repeated name for checkboxes and multiple selects).
    pub fn push(&mut self, name: &str, value: impl ToString) {
        self.0.push((name.to_string(), value.to_string()));
    }

    /// A form from `name = value` pairs.
    pub fn of(pairs: &[(&str, &str)]) -> Self {
        FormValues(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    /// Drops secrets, so a form re-shown after an error never echoes a password.
    pub fn without_secrets(mut self) -> Self {
        self.0.retain(|(k, _)| !k.contains("password") && k != "confirmation" && k != "token");
        self
    }
}

/// Parses a vocabulary value posted in `field`.
pub fn parse_choice<T: FromStr>(values: &FormValues, field: &str) -> Result<T, Invalid> {
    let raw = values.get(field).trim();
    if raw.is_empty() {
        return Err(Invalid::new(field, InvalidReason::Required));
    }
    raw.parse().map_err(|_| Invalid::new(field, InvalidReason::UnknownValue(raw.to_string())))
}

/// Parses a whole number posted in `field`.
pub fn parse_number(values: &FormValues, field: &str) -> Result<i32, Invalid> {
    let raw = values.get(field).trim();
    if raw.is_empty() {
        return Err(Invalid::new(field, InvalidReason::Required));
    }
    raw.parse().map_err(|_| Invalid::new(field, InvalidReason::NotANumber(raw.to_string())))
}

pub fn parse_date(values: &FormValues, field: &str) -> Result<NaiveDate, Invalid> {
    let raw = values.get(field).trim();
    if raw.is_empty() {
        return Err(Invalid::new(field, InvalidReason::Required));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| Invalid::new(field, InvalidReason::NotADate(raw.to_string())))
}

/// Parses `starts_on`, `ends_on` (empty: same as the start) and `precision` into a span.
pub fn parse_span(values: &FormValues) -> Result<DateSpan, Invalid> {
    let start = parse_date(values, "starts_on")?;
    let end = if values.get("ends_on").trim().is_empty() { start } else { parse_date(values, "ends_on")? };
    let precision: DatePrecision = parse_choice(values, "precision")?;
    DateSpan::new(start, end, precision).map_err(|e| match e {
        DateSpanError::EndBeforeStart => Invalid::new("ends_on", InvalidReason::EndBeforeStart),
        DateSpanError::NotAligned => Invalid::new("starts_on", InvalidReason::PrecisionMismatch),
        DateSpanError::Malformed => Invalid::new("starts_on", InvalidReason::BadDateSpan),
    })
}

/// A span as the form's three inputs (`starts_on`, `ends_on`, `precision`).
pub fn push_span(form: &mut FormValues, span: &DateSpan) {
    form.push("starts_on", span.start);
    form.push("ends_on", span.end);
    form.push("precision", span.precision);
}

/// Links typed one per line as `label | https://…` (a bare address is its own label).
pub fn parse_links(raw: &str) -> Vec<LinkView> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.rsplit_once('|') {
            Some((label, url)) => LinkView { label: label.trim().to_string(), url: url.trim().to_string() },
            None => LinkView { label: line.to_string(), url: line.to_string() },
        })
        .collect()
}

/// Links as the form's textarea shows them.
pub fn links_to_text(links: &[LinkView]) -> String {
    links.iter().map(|l| format!("{} | {}", l.label, l.url)).collect::<Vec<_>>().join("\n")
}

/// Everything a coordinator enters for a consultation.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsultationInput {
    pub slug: String,
    pub kind: ConsultationKind,
    pub title: String,
    pub phase_id: Option<i32>,
    pub span: DateSpan,
    pub venue_city: String,
    pub venue_country: String,
    pub region: Region,
    pub organiser: String,
    pub civil_society_access: CivilSocietyAccess,
    pub status: ConsultationStatus,
    pub notes: String,
    pub elements: Vec<ElementLetter>,
    pub links: Vec<LinkView>,
}

impl ConsultationInput {
    /// Reads the consultation form; every field that does not parse is reported.
    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let mut errors = Vec::new();
        let mut take = |r: Result<(), Invalid>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        let kind = parse_choice(values, "kind");
        let region = parse_choice(values, "region");
        let access = parse_choice(values, "civil_society_access");
        let status = parse_choice(values, "status");
        let span = parse_span(values);
        let phase_raw = values.get("phase_id").trim();
        let phase_id = if phase_raw.is_empty() { Ok(None) } else { parse_number(values, "phase_id").map(Some) };
        let mut elements = Vec::new();
        for raw in values.all("elements") {
            match raw.parse::<ElementLetter>() {
                Ok(l) => elements.push(l),
                Err(()) => take(Err(Invalid::new("elements", InvalidReason::UnknownValue(raw.to_string())))),
            }
        }
        take(kind.as_ref().map(|_| ()).map_err(Clone::clone));
        take(span.as_ref().map(|_| ()).map_err(Clone::clone));
        take(region.as_ref().map(|_| ()).map_err(Clone::clone));
        take(access.as_ref().map(|_| ()).map_err(Clone::clone));
        take(status.as_ref().map(|_| ()).map_err(Clone::clone));
        take(phase_id.as_ref().map(|_| ()).map_err(Clone::clone));
        match (kind, span, region, access, status, phase_id) {
            (Ok(kind), Ok(span), Ok(region), Ok(access), Ok(status), Ok(phase_id)) if errors.is_empty() => {
                let input = ConsultationInput {
                    slug: values.get("slug").trim().to_string(),
                    kind,
                    title: values.get("title").trim().to_string(),
                    phase_id,
                    span,
                    venue_city: values.get("venue_city").trim().to_string(),
                    venue_country: values.get("venue_country").trim().to_string(),
                    region,
                    organiser: values.get("organiser").trim().to_string(),
                    civil_society_access: access,
                    status,
                    notes: values.get("notes").trim().to_string(),
                    elements,
                    links: parse_links(values.get("links")),
                };
                match input.validate() {
                    Ok(()) => Ok(input),
                    Err(e) => Err(vec![e]),
                }
            }
            _ => Err(errors),
        }
    }

    /// The form's fields filled with this consultation (the inverse of `from_form`).
    pub fn to_form(&self) -> FormValues {
        // Every field named, so a new one does not compile until the form carries it.
        let ConsultationInput {
            slug,
            kind,
            title,
            phase_id,
            span,
            venue_city,
            venue_country,
            region,
            organiser,
            civil_society_access,
            status,
            notes,
            elements,
            links,
        } = self;
        let mut f = FormValues::default();
        f.push("title", title);
        f.push("slug", slug);
        f.push("kind", kind);
        f.push("phase_id", phase_id.map(|p| p.to_string()).unwrap_or_default());
        push_span(&mut f, span);
        f.push("venue_city", venue_city);
        f.push("venue_country", venue_country);
        f.push("region", region);
        f.push("organiser", organiser);
        f.push("civil_society_access", civil_society_access);
        f.push("status", status);
        f.push("notes", notes);
        f.push("links", links_to_text(links));
        elements.iter().for_each(|e| f.push("elements", e));
        f
    }

    /// A new consultation's form: the vocabularies' usual first choices.
    pub fn new_form() -> FormValues {
        FormValues::of(&[
            ("kind", "thematic"),
            ("precision", "day"),
            ("region", "global"),
            ("civil_society_access", "unknown"),
            ("status", "planned"),
        ])
    }

    /// What a coordinator entered, as the consultation's page shows it.
    pub fn of(c: &super::views::ConsultationDetail) -> Self {
        let s = &c.summary;
        ConsultationInput {
            slug: s.slug.clone(),
            kind: s.kind,
            title: s.title.clone(),
            phase_id: s.phase_id,
            span: s.span,
            venue_city: s.venue_city.clone(),
            venue_country: s.venue_country.clone(),
            region: s.region,
            organiser: c.organiser.clone(),
            civil_society_access: c.civil_society_access,
            status: s.status,
            notes: c.notes.clone(),
            elements: s.elements.iter().filter_map(|&l| ElementLetter::new(l)).collect(),
            links: c.links.clone(),
        }
    }

    /// Checks lengths, the slug's alphabet and the links' schemes.
    pub fn validate(&self) -> Result<(), Invalid> {
        check_slug(&self.slug)?;
        check_len("title", &self.title, 300, true)?;
        check_len("venue_city", &self.venue_city, 120, false)?;
        check_len("venue_country", &self.venue_country, 120, false)?;
        check_len("organiser", &self.organiser, 300, false)?;
        check_len("notes", &self.notes, 5000, false)?;
        for l in &self.links {
            check_len("links", &l.url, 2000, true)?;
            if !(l.url.starts_with("https://") || l.url.starts_with("http://")) {
                return Err(Invalid::new("links", InvalidReason::UnknownValue(l.url.clone())));
            }
        }
        Ok(())
    }
}

/// Everything a coordinator enters for a phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseInput {
    pub slug: String,
    pub ordinal: i32,
    pub name: String,
    pub span: DateSpan,
    pub note: String,
}

impl PhaseInput {
    /// Reads the phase form; every field that does not parse is reported.
    pub fn from_form(values: &FormValues) -> Result<Self, Vec<Invalid>> {
        let span = parse_span(values);
        let ordinal = parse_number(values, "ordinal");
        match (span, ordinal) {
            (Ok(span), Ok(ordinal)) => {
                let input = PhaseInput {
                    slug: values.get("slug").trim().to_string(),
                    ordinal,
                    name: values.get("name").trim().to_string(),
                    span,
                    note: values.get("note").trim().to_string(),
                };
                input.validate().map(|()| input).map_err(|e| vec![e])
            }
            (span, ordinal) => Err([span.err(), ordinal.err()].into_iter().flatten().collect()),
        }
    }

    /// The form's fields filled with this phase (the inverse of `from_form`).
    pub fn to_form(&self) -> FormValues {
        let mut f = FormValues::default();
        f.push("name", &self.name);
        f.push("slug", &self.slug);
        f.push("ordinal", self.ordinal);
        push_span(&mut f, &self.span);
        f.push("note", &self.note);
        f
    }

    /// What a coordinator entered, as the timeline shows it.
    pub fn of(p: &super::views::PhaseView) -> Self {
        PhaseInput {
            slug: p.slug.clone(),
            ordinal: p.ordinal,
            name: p.name.clone(),
            span: p.span,
            note: p.note.clone(),
        }
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        check_slug(&self.slug)?;
        check_len("name", &self.name, 200, true)?;
        check_len("note", &self.note, 2000, false)?;
        if !(0..=99).contains(&self.ordinal) {
            return Err(Invalid::new("ordinal", InvalidReason::NotANumber(self.ordinal.to_string())));
        }
        Ok(())
    }
}

/// A slug: lower-case letters, digits and hyphens, 1 to 120 characters.
pub fn check_slug(slug: &str) -> Result<(), Invalid> {
    check_len("slug", slug, 120, true)?;
    if !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(Invalid::new("slug", InvalidReason::UnknownValue(slug.to_string())));
    }
    Ok(())
}

/// Refuses an empty required value or one longer than `max` characters.
pub fn check_len(field: &str, value: &str, max: usize, required: bool) -> Result<(), Invalid> {
    if required && value.trim().is_empty() {
        return Err(Invalid::new(field, InvalidReason::Required));
    }
    if value.chars().count() > max {
        return Err(Invalid::new(field, InvalidReason::TooLong { max }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormValues {
        FormValues(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn valid() -> Vec<(&'static str, &'static str)> {
        vec![
            ("slug", "stocktaking"),
            ("kind", "stocktaking"),
            ("title", "Stocktaking meeting"),
            ("phase_id", "2"),
            ("starts_on", "2017-12-04"),
            ("ends_on", "2017-12-06"),
            ("precision", "day"),
            ("region", "global"),
            ("civil_society_access", "accredited"),
            ("status", "held"),
            ("elements", "a"),
            ("elements", "x"),
            ("links", "Report | https://example.org/r\nhttps://example.org/b"),
        ]
    }

    #[test]
    fn a_complete_form_parses() {
        let input = ConsultationInput::from_form(&form(&valid())).expect("valid");
        assert_eq!(input.span.start, NaiveDate::from_ymd_opt(2017, 12, 4).expect("date"));
        assert_eq!(input.elements.len(), 2);
        assert_eq!(input.links[0].label, "Report");
        assert_eq!(input.links[1].url, "https://example.org/b");
    }

    #[test]
    fn bad_dates_are_reported_on_their_field() {
        let mut f = valid();
        f.retain(|(k, _)| *k != "ends_on");
        f.push(("ends_on", "2017-12-01"));
        let errors = ConsultationInput::from_form(&form(&f)).expect_err("end before start");
        assert_eq!(errors, vec![Invalid::new("ends_on", InvalidReason::EndBeforeStart)]);

        let mut f = valid();
        f.retain(|(k, _)| *k != "precision");
        f.push(("precision", "month"));
        let errors = ConsultationInput::from_form(&form(&f)).expect_err("month starting on the 4th");
        assert_eq!(errors, vec![Invalid::new("starts_on", InvalidReason::PrecisionMismatch)]);

        let mut f = valid();
        f.retain(|(k, _)| *k != "starts_on" && *k != "kind");
        f.push(("starts_on", "4 December"));
        let errors = ConsultationInput::from_form(&form(&f)).expect_err("two errors");
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn javascript_links_are_refused() {
        let mut f = valid();
        f.retain(|(k, _)| *k != "links");
        f.push(("links", "x | javascript:alert(1)"));
        assert!(ConsultationInput::from_form(&form(&f)).is_err());
    }

    #[test]
    fn secrets_are_not_echoed() {
        let f = form(&[("email", "a@b.c"), ("password", "secret"), ("new_password", "x"), ("confirmation", "x")]);
        assert_eq!(f.without_secrets().0, vec![("email".to_string(), "a@b.c".to_string())]);
    }
}
