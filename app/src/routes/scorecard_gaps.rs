//! `/scorecard/gaps`: elements no demand addresses, demands mapped to no element, demands never
//! assessed, and how many are not assessed against the chosen draft.
use domain::types::{DemandLink, GapsView};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::scorecard::get_gaps;
use crate::components::loaded::loaded;
use crate::components::scorecard::{query_of, Downloads, DraftChooser, HeadNotes, Method};
use crate::i18n::*;
use crate::routes::scorecard::{scorecard_query, ScorecardNav};

#[component]
pub fn GapsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = scorecard_query();
    let data = Resource::new(move || query.get(), get_gaps);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), scorecard.gaps_title).to_string() />
        <h1>{t!(i18n, scorecard.gaps_title)}</h1>
        <p class="lead">{t!(i18n, scorecard.gaps_intro)}</p>
        {loaded(data, |view| view! { <Gaps view /> })}
    }
}

#[component]
fn Links(items: Vec<DemandLink>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p>{t!(i18n, scorecard.none)}</p> }.into_any();
    }
    view! {
        <ul>
            {items.into_iter().map(|d| view! {
                <li><a href=format!("/positions/{}#{}", d.position_slug, d.slug)>{d.text}</a>
                    <span class="meta">" · " {d.position_title}</span></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Gaps(view: GapsView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let draft = view.head.draft.slug.clone();
    view! {
        <ScorecardNav draft=draft.clone() />
        <DraftChooser drafts=view.head.drafts.clone() current=draft.clone() />
        <HeadNotes head=view.head.clone() />
        <Downloads view_name="gaps" query=query_of(&[("draft", Some(draft.clone()))]) />
        <section aria-labelledby="uncovered-heading">
            <h2 id="uncovered-heading">{t!(i18n, scorecard.uncovered)} " (" {view.uncovered_elements.len()} ")"</h2>
            {if view.uncovered_elements.is_empty() {
                view! { <p>{t!(i18n, scorecard.none)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {view.uncovered_elements.into_iter().map(|e| view! {
                            <li><a href=format!("/elements/{}", e.letter)>{format!("({}) ", e.letter)}</a>{e.text}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="unmapped-heading">
            <h2 id="unmapped-heading">{t!(i18n, scorecard.unmapped)} " (" {view.unmapped_total} ")"</h2>
            <Links items=view.unmapped_demands />
        </section>
        <section aria-labelledby="never-heading">
            <h2 id="never-heading">{t!(i18n, scorecard.never_assessed)} " (" {view.never_assessed_total} ")"</h2>
            <Links items=view.never_assessed />
        </section>
        <p>{td_string!(l, scorecard.not_assessed_here, count = view.not_assessed_here, draft = view.head.draft.label.clone()).to_string()}</p>
        <Method />
    }
}
