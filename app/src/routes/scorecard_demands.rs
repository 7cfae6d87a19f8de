//! `/scorecard/demands`: the demands behind a number of the scorecard (an organisation, an
//! element, or a matrix cell), each with its rating and evidence on the draft.
use domain::types::DemandsView;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::scorecard::get_demands;
use crate::components::loaded::loaded;
use crate::components::scorecard::{
    query_of, CountCells, CountHeaders, Downloads, DraftChooser, EvidenceBasisLine, HeadNotes, Method, Pager, ScoreText,
};
use crate::i18n::*;
use crate::routes::scorecard::{scorecard_query, ScorecardNav};
use crate::text;

#[component]
pub fn ScorecardDemandsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = scorecard_query();
    let data = Resource::new(move || query.get(), get_demands);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), scorecard.demands_title).to_string() />
        {loaded(data, |view| view! { <Demands view /> })}
    }
}

#[component]
fn Demands(view: DemandsView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let draft = view.head.draft.slug.clone();
    let heading = match (&view.organisation, &view.element) {
        (Some(o), Some(e)) => {
            td_string!(l, scorecard.demands_of_cell, organisation = o.name.clone(), letter = e.letter.to_string())
                .to_string()
        }
        (Some(o), None) => td_string!(l, scorecard.demands_of_organisation, organisation = o.name.clone()).to_string(),
        (None, Some(e)) => td_string!(l, scorecard.demands_of_element, letter = e.letter.to_string()).to_string(),
        (None, None) => td_string!(l, scorecard.demands_title).to_string(),
    };
    let base = query_of(&[
        ("draft", Some(draft.clone())),
        ("organisation", view.organisation.as_ref().map(|o| o.slug.clone())),
        ("element", view.element.as_ref().map(|e| e.letter.to_string())),
    ]);
    let pages = view.demands.pages();
    view! {
        <h1>{heading}</h1>
        {view.element.clone().map(|e| view! { <p class="lead">{e.text}</p> })}
        <ScorecardNav draft=draft.clone() />
        <DraftChooser drafts=view.head.drafts.clone() current=draft.clone() />
        <HeadNotes head=view.head.clone() />
        <p class="big-score"><ScoreText counts=view.counts /></p>
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{t!(i18n, scorecard.counts)}</caption>
                <thead><tr><CountHeaders /></tr></thead>
                <tbody><tr><CountCells counts=view.counts /></tr></tbody>
            </table>
        </div>
        <Downloads view_name="demands" query=base.clone() />
        <ol class="rated-demands">
            {view.demands.items.into_iter().map(|d| {
                let rating = d.assessment.as_ref().map(|a| text::rating(l, a.rating).to_string())
                    .unwrap_or_else(|| td_string!(l, scorecard.not_assessed).to_string());
                let class = d.assessment.as_ref().map(|a| a.rating.to_string()).unwrap_or_else(|| "none".into());
                view! {
                    <li class="rated-demand">
                        <p class=format!("rating rating-{class}")>{rating}</p>
                        <p class="demand-text">
                            <a href=format!("/positions/{}#{}", d.demand.position_slug, d.demand.slug)>{d.demand.text}</a>
                        </p>
                        <p class="meta">
                            {d.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ")}
                            " · " {d.demand.position_title} " · "
                            {d.elements.iter().map(|c| format!("({c})")).collect::<Vec<_>>().join(" ")}
                        </p>
                        {d.assessment.map(|a| view! {
                            <blockquote class="evidence">
                                {(!a.section.is_empty()).then(|| view! {
                                    <p><a href=format!("/drafts/{}#{}", draft, a.section)>{text::section(l, &a.section)}</a></p>
                                })}
                                <p>"\u{201c}" {a.quote} "\u{201d}"</p>
                                <EvidenceBasisLine basis=a.basis source_url=a.source_url.clone() />
                                {(!a.note.is_empty()).then(|| view! { <p class="note">{a.note}</p> })}
                                {a.by_tracker.then(|| view! { <p class="by-tracker-tag">{t!(i18n, scorecard.by_tracker)}</p> })}
                            </blockquote>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
        <Pager base page=view.demands.page pages />
        <Method />
    }
}
