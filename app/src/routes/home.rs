use domain::types::{ConsultationSummary, HomeView, PhaseView, ProcessStatus, RevisionAction, RevisionView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::timeline::get_home;
use crate::components::date::{DateText, DayText};
use crate::components::loaded::loaded;
use crate::i18n::*;
use crate::routes::timeline::ConsultationItem;
use crate::text;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let data = Resource::new(move || query.with(|q| q.get("as_of")), get_home);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), nav.home).to_string() />
        <h1>{t!(i18n, home.title)}</h1>
        <p class="lead">{t!(i18n, home.intro)}</p>
        {loaded(data, |home| view! { <HomeBody home /> })}
    }
}

#[component]
fn HomeBody(home: HomeView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let as_of = home.as_of.format("%Y-%m-%d").to_string();
    let current_id = match &home.status {
        ProcessStatus::InProgress { phase } => Some(phase.id),
        _ => None,
    };
    view! {
        <form class="as-of" method="get" action="/">
            <label for="as_of">{t!(i18n, home.as_of_label)}</label>
            <input type="date" id="as_of" name="as_of" value=as_of min="2016-01-01" max="2030-12-31" />
            <button type="submit">{t!(i18n, home.show)}</button>
        </form>
        <section aria-labelledby="status-heading" class="status-panel">
            <h2 id="status-heading">
                {t!(i18n, home.status_heading)} " · " <DayText date=home.as_of />
            </h2>
            <p class="process-status">{status_sentence(l, &home.status)}</p>
        </section>
        <section aria-labelledby="phases-heading">
            <h2 id="phases-heading">{t!(i18n, home.phases_heading)}</h2>
            <ol class="phase-list">
                {home.phases.into_iter().map(|p| view! { <PhaseItem phase=p current=current_id /> }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="next-heading">
            <h2 id="next-heading">{t!(i18n, home.next_heading)}</h2>
            <NextEvents events=home.next_events />
        </section>
        <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t!(i18n, home.changes_heading)}</h2>
            <ChangeList changes=home.latest_changes />
        </section>
        <p>
            <a href="/timeline">{t!(i18n, home.see_timeline)}</a>
        </p>
    }
}

fn status_sentence(l: Locale, status: &ProcessStatus) -> String {
    match status {
        ProcessStatus::NotStarted { next } => {
            td_string!(l, home.not_started, phase = text::phase_name(l, next), date = text::span(l, &next.span))
                .to_string()
        }
        ProcessStatus::InProgress { phase } => {
            td_string!(l, home.in_progress, phase = text::phase_name(l, phase), date = text::span(l, &phase.span))
                .to_string()
        }
        ProcessStatus::Between { previous, next } => td_string!(
            l,
            home.between,
            previous = text::phase_name(l, previous),
            next = text::phase_name(l, next),
            date = text::span(l, &next.span)
        )
        .to_string(),
        ProcessStatus::Concluded { last } => {
            td_string!(l, home.concluded, phase = text::phase_name(l, last), date = text::day(l, last.span.end))
                .to_string()
        }
        ProcessStatus::Unknown => td_string!(l, home.no_phases).to_string(),
    }
}

#[component]
fn PhaseItem(phase: PhaseView, current: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    let is_current = current == Some(phase.id);
    let name = text::phase_name(i18n.get_locale_untracked(), &phase);
    view! {
        <li class:current=is_current aria-current=is_current.then_some("step")>
            <a href=format!("/timeline#phase-{}", phase.slug)>{name}</a>
            " "
            <DateText span=phase.span />
            {is_current.then(|| view! { <strong class="badge">{t!(i18n, home.current)}</strong> })}
        </li>
    }
}

#[component]
fn NextEvents(events: Vec<ConsultationSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if events.is_empty() {
        return view! { <p>{t!(i18n, home.no_next)}</p> }.into_any();
    }
    view! {
        <ol class="event-list">
            {events.into_iter().map(|c| view! { <ConsultationItem c heading_level=3 /> }).collect_view()}
        </ol>
    }
    .into_any()
}

/// A list of revisions, newest first, each linking to its item.
#[component]
pub fn ChangeList(changes: Vec<RevisionView>) -> impl IntoView {
    let i18n = use_i18n();
    if changes.is_empty() {
        return view! { <p>{t!(i18n, home.no_changes)}</p> }.into_any();
    }
    view! {
        <ol class="change-list">
            {changes
                .into_iter()
                .map(|r| {
                    let label = match &r.entity_slug {
                        Some(slug) => view! { <a href=format!("/consultations/{slug}")>{r.entity_label.clone()}</a> }.into_any(),
                        None => view! { <span>{r.entity_label.clone()}</span> }.into_any(),
                    };
                    view! {
                        <li>
                            <DayText date=r.changed_at.date_naive() />
                            " · "
                            {label}
                            " · "
                            {move || text::action(i18n.get_locale(), r.action)}
                            {(r.action == RevisionAction::Updated)
                                .then(|| view! { <crate::routes::consultation::ChangeDetails kind=r.entity_type changes=r.changes.clone() /> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
