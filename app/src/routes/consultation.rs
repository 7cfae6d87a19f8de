use domain::types::FollowKind;
use domain::types::{ConsultationDetail, FieldChange, RevisionView};
use leptos::prelude::*;

use crate::components::follow::FollowButton;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::timeline::get_consultation;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::date::{DateText, DayText, MaybeDateText};
use crate::components::layout::CoordinatorOnly;
use crate::components::loaded::loaded;
use crate::i18n::*;
use crate::text;

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("key").unwrap_or_default()), get_consultation);
    view! {
        {loaded(data, |c| view! { <ConsultationBody c /> })}
    }
}

#[component]
fn Fact(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}

#[component]
fn ConsultationBody(c: ConsultationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let s = c.summary;
    let venue = [s.venue_city.as_str(), s.venue_country.as_str()]
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let venue = if venue.is_empty() { td_string!(l, consultation.venue_unknown).to_string() } else { venue };
    let phase = c.phase.map(|p| {
        let name = text::phase_name(l, &p);
        view! { <a href=format!("/timeline#phase-{}", p.slug)>{name}</a> }
    });
    let status_class = format!("badge status-{}", s.status);
    let edit_href = format!("/consultations/{}/edit", s.slug);
    view! {
        <Title text=s.title.clone() />
        <Breadcrumb parent_href="/timeline" parent_label=td_string!(l, nav.timeline) current=s.title.clone() />
        <h1>{s.title.clone()}</h1>
        <FollowButton kind=FollowKind::Consultation key=s.slug.clone() back=format!("/consultations/{}", s.slug) />
        <CoordinatorOnly>
            <p><a href=edit_href.clone() class="button">{t!(i18n, subscribe.edit)}</a></p>
        </CoordinatorOnly>
        <dl class="facts" aria-label=td_string!(l, consultation.facts)>
            <Fact label=td_string!(l, consultation.kind)>{text::kind(l, s.kind)}</Fact>
            <Fact label=td_string!(l, consultation.dates)><DateText span=s.span /></Fact>
            <Fact label=td_string!(l, consultation.venue)>{venue}</Fact>
            <Fact label=td_string!(l, consultation.region)>{text::region(l, s.region)}</Fact>
            <Fact label=td_string!(l, consultation.organiser)>{c.organiser.clone()}</Fact>
            <Fact label=td_string!(l, consultation.status)><span class=status_class>{text::status(l, s.status)}</span></Fact>
            <Fact label=td_string!(l, consultation.access)>{text::access(l, c.civil_society_access)}</Fact>
            {phase.map(|p| view! { <Fact label=td_string!(l, consultation.phase)>{p}</Fact> })}
            {c.thematic_session.map(|t| {
                view! {
                    <Fact label=td_string!(l, consultation.thematic_session)>
                        {td_string!(l, elements.session_number, number = t.number).to_string()}
                    </Fact>
                }
            })}
        </dl>
        <section aria-labelledby="elements-heading">
            <h2 id="elements-heading">{t!(i18n, consultation.elements)}</h2>
            {if c.elements.is_empty() {
                view! { <p>{t!(i18n, common.none_recorded)}</p> }.into_any()
            } else {
                view! {
                    <ul class="element-list">
                        {c.elements.into_iter().map(|e| view! {
                            <li>
                                <a href=format!("/elements/{}", e.letter)>{format!("({})", e.letter)}</a>
                                " "
                                {e.text}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="positions-heading">
            <h2 id="positions-heading">{t!(i18n, consultation.positions)}</h2>
            {if c.positions.is_empty() {
                view! { <p>{t!(i18n, common.none_recorded)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {c.positions.into_iter().map(|p| {
                            let first = p.signatories.first().map(|o| o.slug.clone()).unwrap_or_default();
                            let names = p.signatories.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ");
                            view! {
                                <li>
                                    <a href=format!("/organisations/{first}#{}", p.slug)>{p.title}</a>
                                    " · " {names} " · " <MaybeDateText span=p.published />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!c.notes.is_empty()).then(|| view! {
            <section aria-labelledby="notes-heading">
                <h2 id="notes-heading">{t!(i18n, consultation.notes)}</h2>
                <p>{c.notes.clone()}</p>
            </section>
        })}
        {(!c.links.is_empty()).then(|| view! {
            <section aria-labelledby="links-heading">
                <h2 id="links-heading">{t!(i18n, consultation.links)}</h2>
                <ul>
                    {c.links.iter().map(|link| view! { <li><a href=link.url.clone() rel="external noopener">{link.label.clone()}</a></li> }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="history-heading" class="history">
            <h2 id="history-heading">{t!(i18n, consultation.history)}</h2>
            <p>{t!(i18n, consultation.history_intro)}</p>
            <History revisions=c.history />
        </section>
    }
}

/// An item's revisions, oldest first: when, by whom (in role terms), what changed.
#[component]
pub fn History(revisions: Vec<RevisionView>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <ol class="revision-list">
            {revisions
                .into_iter()
                .map(|r| {
                    view! {
                        <li class="revision">
                            <p class="revision-head">
                                <DayText date=r.changed_at.date_naive() />
                                " · "
                                <strong>{text::action(l, r.action)}</strong>
                                " "
                                {td_string!(l, consultation.by, role = text::role(l, &r.actor_role)).to_string()}
                            </p>
                            <ChangeDetails kind=r.entity_type changes=r.changes />
                            {(!r.note.is_empty()).then(|| view! { <p class="note">{r.note.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The fields a revision changed, each "field: from → to" in the reader's terms.
#[component]
pub fn ChangeDetails(kind: domain::types::EntityType, changes: Vec<FieldChange>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    (!changes.is_empty()).then(|| {
        view! {
            <ul class="changes">
                {changes
                    .into_iter()
                    .map(|ch| {
                        let value = |v: &str| text::field_value(l, &ch.field, v);
                        let what = match (&ch.from, &ch.to) {
                            (Some(from), Some(to)) => td_string!(l, history.from_to, from = value(from), to = value(to)).to_string(),
                            (None, Some(to)) => td_string!(l, history.set_to, to = value(to)).to_string(),
                            (Some(from), None) => td_string!(l, history.cleared, from = value(from)).to_string(),
                            (None, None) => String::new(),
                        };
                        view! {
                            <li>
                                <span class="change-field">{crate::field_labels::label_of(l, kind, &ch.field)}</span>
                                ": "
                                {what}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
