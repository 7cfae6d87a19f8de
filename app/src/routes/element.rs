use domain::types::ElementDetail;
use domain::types::FollowKind;
use leptos::prelude::*;

use crate::components::follow::FollowButton;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::elements::get_element;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::loaded::loaded;
use crate::components::scorecard::Pager;
use crate::i18n::*;
use crate::routes::timeline::ConsultationItem;
use crate::text;

#[component]
pub fn ElementPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("letter").unwrap_or_default()), query.with(|q| q.get("page"))),
        |(letter, page)| get_element(letter, page),
    );
    view! {
        {loaded(data, |element| view! { <ElementBody element /> })}
    }
}

#[component]
fn ElementBody(element: ElementDetail) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (page, pages) = (element.page, element.pages());
    let s = element.summary;
    let title = td_string!(l, common.element_label, letter = s.letter).to_string();
    let session = s.thematic_session.clone().map(|t| {
        let label = td_string!(l, elements.session_number, number = t.number).to_string();
        let link = match t.consultation_slug {
            Some(slug) => view! { <a href=format!("/consultations/{slug}")>{label}</a> }.into_any(),
            None => view! { <span>{label}</span> }.into_any(),
        };
        view! {
            <p class="session">
                <span class="label">{t!(i18n, elements.session)} ": "</span>
                {link}
                " · "
                {t.title}
            </p>
        }
    });
    view! {
        <Title text=title.clone() />
        <Breadcrumb parent_href="/elements" parent_label=td_string!(l, nav.elements) current=title.clone() />
        <h1>{title}</h1>
        <FollowButton kind=FollowKind::Element key=s.letter.to_string() back=format!("/elements/{}", s.letter) />
        <blockquote class="element-text" cite="https://undocs.org/A/RES/71/1">
            <p>{s.text.clone()}</p>
        </blockquote>
        {session}
        <p class="summary">
            {td_string!(
                l,
                elements.summary,
                orgs = s.organisation_count,
                demands = s.demand_count,
                advance = s.advance_count,
                limit = s.limit_count
            )
                .to_string()}
        </p>
        <section aria-labelledby="addressed-heading">
            <h2 id="addressed-heading">{t!(i18n, elements.addressed_by)}</h2>
            {if element.organisations.is_empty() {
                view! { <p>{t!(i18n, elements.no_demands)}</p> }.into_any()
            } else {
                view! {
                    <ul class="org-demands">
                        {element
                            .organisations
                            .into_iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        <h3>
                                            <a href=format!("/organisations/{}", o.organisation.slug)>{o.organisation.name.clone()}</a>
                                        </h3>
                                        <ul class="demand-list">
                                            {o
                                                .demands
                                                .into_iter()
                                                .map(|d| {
                                                    let stance_class = format!("badge stance-{}", d.stance);
                                                    let href = format!("/organisations/{}#{}", o.organisation.slug, d.position.slug);
                                                    view! {
                                                        <li>
                                                            <span class=stance_class>
                                                                <span class="visually-hidden">{t!(i18n, common.stance_label)} ": "</span>
                                                                {text::stance(l, d.stance)}
                                                            </span>
                                                            " "
                                                            {d.text}
                                                            " "
                                                            <span class="cite">
                                                                "("
                                                                <a href=href>
                                                                    {td_string!(l, elements.in_position, position = d.position.title.clone()).to_string()}
                                                                </a>
                                                                {d.source_title.map(|t| format!(" · {t}"))}
                                                                ")"
                                                            </span>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <Pager base=String::new() page pages />
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="consultations-heading">
            <h2 id="consultations-heading">{t!(i18n, elements.consultations)}</h2>
            {if element.consultations.is_empty() {
                view! { <p>{t!(i18n, common.none_recorded)}</p> }.into_any()
            } else {
                view! {
                    <ol class="event-list">
                        {element.consultations.into_iter().map(|c| view! { <ConsultationItem c heading_level=3 /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}
