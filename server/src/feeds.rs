//! Subscriptions: the Atom feed of timeline changes (`/feed.atom`) and the iCalendar feed of
//! consultations (`/calendar.ics`, filtered like the timeline: `?kind=…&region=…`). Both are
//! public, in the language asked for with `?lang=fr|es` (English otherwise).
use app::i18n::Locale;
use app::text;
use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use domain::services::{consultations, revisions};
use domain::types::{ConsultationStatus, DatePrecision, RevisionView, TimelineQuery};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use serde::Deserialize;

use crate::state::AppState;

/// Entries in the Atom feed.
pub const FEED_ENTRIES: u64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    lang: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CalendarQuery {
    lang: Option<String>,
    kind: Option<String>,
    region: Option<String>,
}

fn locale(lang: Option<&str>) -> Locale {
    match lang {
        Some("fr") => Locale::fr,
        Some("es") => Locale::es,
        _ => Locale::en,
    }
}

fn failure(e: domain::DomainError) -> Response {
    let status = if e.is_unavailable() { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::INTERNAL_SERVER_ERROR };
    tracing::error!(error = %e, "a feed could not be built");
    (status, "the feed is not available right now").into_response()
}

fn entry_link(base: &str, r: &RevisionView) -> String {
    match &r.entity_slug {
        Some(slug) => format!("{base}/consultations/{slug}"),
        None => format!("{base}/timeline"),
    }
}

fn entry(l: Locale, base: &str, r: &RevisionView) -> Entry {
    let changes: Vec<String> = r
        .changes
        .iter()
        .map(|c| {
            let from = c.from.as_deref().map(|v| text::field_value(l, &c.field, v)).unwrap_or_default();
            let to = c.to.as_deref().map(|v| text::field_value(l, &c.field, v)).unwrap_or_default();
            format!("{}: {from} → {to}", app::field_labels::label_of(l, r.entity_type, &c.field))
        })
        .collect();
    let mut summary = format!("{} — {}", text::action(l, r.action), text::role(l, &r.actor_role));
    if !r.note.is_empty() {
        summary.push_str(&format!(" ({})", r.note));
    }
    summary.push('\n');
    summary.push_str(&changes.join("\n"));
    let at = r.changed_at.fixed_offset();
    Entry {
        title: Text::plain(format!("{}: {}", r.entity_label, text::action(l, r.action))),
        id: format!("{base}/revisions/{}", r.id),
        updated: at,
        published: Some(at),
        authors: vec![Person { name: text::role(l, &r.actor_role).to_string(), ..Default::default() }],
        links: vec![Link { href: entry_link(base, r), rel: "alternate".into(), ..Default::default() }],
        summary: Some(Text::plain(summary)),
        ..Default::default()
    }
}

/// GET /feed.atom
pub async fn atom(State(state): State<AppState>, Query(q): Query<FeedQuery>) -> Response {
    let l = locale(q.lang.as_deref());
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    let changes = match revisions::latest_timeline_changes(&state.db, Utc::now(), FEED_ENTRIES).await {
        Ok(c) => c,
        Err(e) => return failure(e),
    };
    let words = text::feed_words(l);
    let updated = changes.first().map(|r| r.changed_at).unwrap_or_else(Utc::now).fixed_offset();
    let feed = Feed {
        title: Text::plain(words.atom_title),
        subtitle: Some(Text::plain(words.atom_subtitle)),
        id: format!("{base}/feed.atom"),
        updated,
        links: vec![
            Link { href: format!("{base}/feed.atom"), rel: "self".into(), ..Default::default() },
            Link { href: format!("{base}/timeline"), rel: "alternate".into(), ..Default::default() },
        ],
        lang: Some(l.to_string()),
        entries: changes.iter().map(|r| entry(l, &base, r)).collect(),
        ..Default::default()
    };
    match feed.write_to(Vec::new()) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], bytes).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not write the Atom feed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// GET /calendar.ics
pub async fn calendar(State(state): State<AppState>, Query(q): Query<CalendarQuery>) -> Response {
    let l = locale(q.lang.as_deref());
    let base = state.settings.public_url.trim_end_matches('/').to_string();
    let filter = match (TimelineQuery { kind: q.kind, region: q.region, ..Default::default() }).parse() {
        Ok(f) => f,
        Err(invalid) => return (StatusCode::BAD_REQUEST, text::invalid(l, &invalid)).into_response(),
    };
    let list = match consultations::list(&state.db, &filter).await {
        Ok(list) => list,
        Err(e) => return failure(e),
    };
    let host = base.split("://").nth(1).unwrap_or("gcm-tracker").to_string();
    let mut cal = Calendar::new();
    cal.name(text::feed_words(l).calendar_name);
    let stamp = Utc::now();
    for c in &list {
        let url = format!("{base}/consultations/{}", c.slug);
        let venue = [c.venue_city.as_str(), c.venue_country.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let mut description =
            format!("{} · {} · {}", text::kind(l, c.kind), text::span(l, &c.span), text::status(l, c.status));
        let note = text::precision_note(l, c.span.precision);
        if !note.is_empty() {
            description.push_str(&format!("\n{note}"));
        }
        description.push_str(&format!("\n{url}"));
        let mut event = Event::new();
        event
            .uid(&format!("consultation-{}@{host}", c.id))
            .timestamp(stamp)
            .summary(&c.title)
            .description(&description)
            .url(&url)
            .starts(c.span.start)
            .ends(c.span.end + Duration::days(1))
            .status(match c.status {
                ConsultationStatus::Cancelled => EventStatus::Cancelled,
                ConsultationStatus::Confirmed | ConsultationStatus::Held => EventStatus::Confirmed,
                ConsultationStatus::Planned | ConsultationStatus::Postponed => EventStatus::Tentative,
            });
        if !venue.is_empty() {
            event.location(&venue);
        }
        if c.span.precision != DatePrecision::Day {
            // A meeting known only to the month does not fill the month in anyone's diary.
            event.add_property("TRANSP", "TRANSPARENT");
        }
        cal.push(event.done());
    }
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "inline; filename=\"gcm-consultations.ics\""),
        ],
        cal.done().to_string(),
    )
        .into_response()
}
