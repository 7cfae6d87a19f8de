use domain::types::{
    ConsultationKind, ConsultationStatus, ConsultationSummary, ElementLetter, Region, TimelineFilter, TimelineQuery,
    TimelineView,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use strum::IntoEnumIterator;

use crate::api::timeline::get_timeline;
use crate::components::date::DateText;
use crate::components::layout::{encode_component, CoordinatorOnly};
use crate::components::loaded::loaded;
use crate::i18n::*;
use crate::text;

#[component]
pub fn TimelinePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|q| TimelineQuery {
                kind: q.get("kind"),
                region: q.get("region"),
                status: q.get("status"),
                element: q.get("element"),
            })
        },
        get_timeline,
    );
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), timeline.title).to_string() />
        <h1>{t!(i18n, timeline.title)}</h1>
        <p class="lead">{t!(i18n, timeline.intro)}</p>
        <CoordinatorOnly>
            <p class="actions">
                <a href="/timeline/new" class="button">{t!(i18n, subscribe.add)}</a> " "
                <a href="/phases/new" class="button">{t!(i18n, phases.add)}</a>
            </p>
        </CoordinatorOnly>
        <Subscribe />
        {loaded(data, |timeline| view! { <TimelineBody timeline /> })}
    }
}

/// Links to the calendar (with the kind and region filters in force) and the Atom feed.
#[component]
fn Subscribe() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let calendar = move || {
        let params: Vec<String> = query.with(|q| {
            ["kind", "region"]
                .iter()
                .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| format!("{k}={}", encode_component(&v))))
                .collect()
        });
        if params.is_empty() {
            "/calendar.ics".to_string()
        } else {
            format!("/calendar.ics?{}", params.join("&"))
        }
    };
    view! {
        <aside class="subscribe" aria-labelledby="subscribe-heading">
            <h2 id="subscribe-heading">{t!(i18n, subscribe.heading)}</h2>
            <ul>
                <li><a href=calendar rel="external" type="text/calendar">{t!(i18n, subscribe.calendar)}</a></li>
                <li><a href="/feed.atom" rel="external" type="application/atom+xml">{t!(i18n, subscribe.feed)}</a></li>
            </ul>
        </aside>
    }
}

#[component]
fn TimelineBody(timeline: TimelineView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let total = timeline.total;
    let filtered = !timeline.filter.is_empty();
    view! {
        <Filters filter=timeline.filter />
        <p class="result-count" role="status">{td_string!(l, timeline.shown, count = total).to_string()}</p>
        {timeline
            .phases
            .into_iter()
            .map(|group| {
                let id = format!("phase-{}", group.phase.slug);
                let heading_id = format!("{id}-heading");
                let labelled_by = heading_id.clone();
                let name = text::phase_name(l, &group.phase);
                let empty = group.consultations.is_empty();
                let edit_href = format!("/phases/{}/edit", group.phase.slug);
                view! {
                    <section class="phase" id=id aria-labelledby=labelled_by>
                        <h2 id=heading_id>
                            {name} " " <span class="dates"><DateText span=group.phase.span /></span>
                        </h2>
                        <CoordinatorOnly>
                            <p><a href=edit_href.clone()>{t!(i18n, phases.edit)}</a></p>
                        </CoordinatorOnly>
                        {(!group.phase.note.is_empty()).then(|| view! { <p class="note">{group.phase.note.clone()}</p> })}
                        {if empty && filtered {
                            view! { <p class="empty">{t!(i18n, timeline.none_in_phase)}</p> }.into_any()
                        } else if empty {
                            view! { <p class="empty">{t!(i18n, common.none_recorded)}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="event-list">
                                    {group
                                        .consultations
                                        .into_iter()
                                        .map(|c| view! { <ConsultationItem c heading_level=3 /> })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }}
                    </section>
                }
            })
            .collect_view()}
        {(!timeline.unphased.is_empty()).then(|| {
            view! {
                <section class="phase" aria-labelledby="unphased-heading">
                    <h2 id="unphased-heading">{t!(i18n, timeline.unphased)}</h2>
                    <ol class="event-list">
                        {timeline.unphased.into_iter().map(|c| view! { <ConsultationItem c heading_level=3 /> }).collect_view()}
                    </ol>
                </section>
            }
        })}
    }
}

/// The filter form: a plain GET form, so it works without JavaScript.
#[component]
fn Filters(filter: TimelineFilter) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let kinds = ConsultationKind::iter()
        .map(|k| (k.to_string(), text::kind(l, k).to_string(), filter.kind == Some(k)))
        .collect::<Vec<_>>();
    let regions = Region::iter()
        .map(|r| (r.to_string(), text::region(l, r).to_string(), filter.region == Some(r)))
        .collect::<Vec<_>>();
    let statuses = ConsultationStatus::iter()
        .map(|s| (s.to_string(), text::status(l, s).to_string(), filter.status == Some(s)))
        .collect::<Vec<_>>();
    let elements =
        ElementLetter::all().map(|e| (e.to_string(), format!("({e})"), filter.element == Some(e))).collect::<Vec<_>>();
    view! {
        <form class="filters" method="get" action="/timeline" role="search" aria-label=td_string!(l, timeline.filters)>
            <Select id="f-kind" name="kind" label=td_string!(l, timeline.kind) all=td_string!(l, timeline.all_kinds) options=kinds />
            <Select id="f-region" name="region" label=td_string!(l, timeline.region) all=td_string!(l, timeline.all_regions) options=regions />
            <Select id="f-status" name="status" label=td_string!(l, timeline.status) all=td_string!(l, timeline.all_statuses) options=statuses />
            <Select id="f-element" name="element" label=td_string!(l, timeline.element) all=td_string!(l, timeline.all_elements) options=elements />
            <div class="filter-actions">
                <button type="submit">{t!(i18n, timeline.apply)}</button>
                <a href="/timeline">{t!(i18n, timeline.clear)}</a>
            </div>
        </form>
    }
}

/// A labelled `<select>` with an "all" choice first.
#[component]
pub fn Select(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    options: Vec<(String, String, bool)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{all}</option>
                {options
                    .into_iter()
                    .map(|(value, label, selected)| view! { <option value=value selected=selected>{label}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// One consultation in a list: title (linking to its page), dates, kind, venue, region, status.
#[component]
pub fn ConsultationItem(c: ConsultationSummary, heading_level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let href = format!("/consultations/{}", c.slug);
    let title = view! { <a href=href>{c.title.clone()}</a> };
    let heading = match heading_level {
        2 => view! { <h2>{title}</h2> }.into_any(),
        _ => view! { <h3>{title}</h3> }.into_any(),
    };
    let venue = [c.venue_city.as_str(), c.venue_country.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let status_class = format!("badge status-{}", c.status);
    view! {
        <li class="event">
            <article>
                {heading}
                <p class="meta">
                    <DateText span=c.span />
                    " · "
                    <span>{text::kind(l, c.kind)}</span>
                    {(!venue.is_empty()).then(|| view! { " · " <span>{venue.clone()}</span> })}
                    " · "
                    <span>{text::region(l, c.region)}</span>
                    " · "
                    <span class=status_class>{text::status(l, c.status)}</span>
                </p>
                {(!c.elements.is_empty()).then(|| {
                    view! {
                        <p class="elements">
                            <span class="label">{t!(i18n, timeline.elements_covered)} ": "</span>
                            {c
                                .elements
                                .iter()
                                .map(|e| view! { <a class="element-chip" href=format!("/elements/{e}")>{format!("({e})")}</a> " " })
                                .collect_view()}
                        </p>
                    }
                })}
            </article>
        </li>
    }
}
