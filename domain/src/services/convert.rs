//! Turning stored rows into the shared views.
use crate::entities::{consultation, organisation, phase};
use crate::error::{parse_stored, DomainError, DomainResult};
use crate::types::{ConsultationSummary, DatePrecision, DateSpan, OrganisationRef, PhaseView};

pub(crate) fn span(
    table: &str,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    precision: DatePrecision,
) -> DomainResult<DateSpan> {
    DateSpan::new(start, end, precision).map_err(|e| DomainError::Corrupt(format!("{table} dates: {e}")))
}

pub(crate) fn phase_view(p: phase::Model) -> DomainResult<PhaseView> {
    Ok(PhaseView {
        span: span("phases", p.starts_on, p.ends_on, p.date_precision)?,
        id: p.id,
        slug: p.slug,
        ordinal: p.ordinal,
        name: p.name,
        note: p.note,
        version: p.version,
    })
}

pub(crate) fn consultation_summary(c: consultation::Model, elements: Vec<char>) -> DomainResult<ConsultationSummary> {
    Ok(ConsultationSummary {
        span: span("consultations", c.starts_on, c.ends_on, c.date_precision)?,
        kind: c.kind,
        region: c.region,
        status: c.status,
        id: c.id,
        slug: c.slug,
        title: c.title,
        phase_id: c.phase_id,
        venue_city: c.venue_city,
        venue_country: c.venue_country,
        elements,
    })
}

pub(crate) fn organisation_ref(o: &organisation::Model) -> OrganisationRef {
    OrganisationRef { slug: o.slug.clone(), name: o.name.clone(), acronym: o.acronym.clone() }
}

/// A position's date as stored: its first day, its precision and its last day (the day the
/// scorecard's rule compares with a draft's release); all empty when it is undated.
pub(crate) struct DateColumns {
    pub first: Option<chrono::NaiveDate>,
    pub precision: String,
    pub latest: Option<chrono::NaiveDate>,
}

impl DateColumns {
    pub fn of(published: Option<DateSpan>) -> Self {
        match published {
            Some(span) => {
                DateColumns { first: Some(span.start), precision: span.precision.to_string(), latest: Some(span.end) }
            }
            None => DateColumns { first: None, precision: String::new(), latest: None },
        }
    }
}

/// A position's date as stored (first day and precision), or `None` when undated.
pub(crate) fn stored_span(first_day: Option<chrono::NaiveDate>, precision: &str) -> DomainResult<Option<DateSpan>> {
    first_day.map(|d| published_span(d, precision)).transpose()
}

/// A position's publication date, stored as its first day plus a precision.
pub fn published_span(first_day: chrono::NaiveDate, precision: &str) -> DomainResult<DateSpan> {
    let precision: DatePrecision = parse_stored("positions.date_precision", precision)?;
    DateSpan::containing(first_day, precision).map_err(|e| DomainError::Corrupt(format!("positions date: {e}")))
}
