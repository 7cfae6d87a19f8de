//! `/scorecard`: the coalition's result on a draft (the latest by default), per element, per
//! organisation, the trend across drafts, the method and the downloads.
use domain::types::{ScorecardOverview, ScorecardQuery};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::scorecard::get_scorecard;
use crate::components::loaded::loaded;
use crate::components::scorecard::{
    query_of, CountCells, CountHeaders, Downloads, DraftChooser, HeadNotes, Method, Pager, ScoreCell, ScoreText,
    TrendChart,
};
use crate::i18n::*;
use crate::text;

/// The scorecard's parameters from the address bar.
pub fn scorecard_query() -> Memo<ScorecardQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| ScorecardQuery {
            draft: q.get("draft"),
            from: q.get("from"),
            to: q.get("to"),
            region: q.get("region"),
            kind: q.get("kind"),
            organisation: q.get("organisation"),
            element: q.get("element"),
            page: q.get("page"),
            moved: q.get("moved"),
            show: q.get("show"),
        })
    })
}

/// The links between the scorecard's views.
#[component]
pub fn ScorecardNav(draft: String) -> impl IntoView {
    let i18n = use_i18n();
    let q = query_of(&[("draft", Some(draft.clone()))]);
    view! {
        <nav class="subnav" aria-label=move || td_string!(i18n.get_locale(), scorecard.views)>
            <ul>
                <li><a href=format!("/scorecard?{q}")>{t!(i18n, scorecard.overview)}</a></li>
                <li><a href=format!("/scorecard/matrix?{q}")>{t!(i18n, scorecard.matrix)}</a></li>
                <li><a href=format!("/scorecard/change?to={}", draft)>{t!(i18n, scorecard.change)}</a></li>
                <li><a href=format!("/scorecard/gaps?{q}")>{t!(i18n, scorecard.gaps)}</a></li>
            </ul>
        </nav>
    }
}

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = scorecard_query();
    let data = Resource::new(move || query.get(), get_scorecard);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), scorecard.title).to_string() />
        <h1>{t!(i18n, scorecard.title)}</h1>
        <p class="lead">{t!(i18n, scorecard.intro)}</p>
        {loaded(data, |view| view! { <Overview view /> })}
    }
}

#[component]
fn Overview(view: ScorecardOverview) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let draft = view.head.draft.slug.clone();
    let filter_query = query_of(&[
        ("draft", Some(draft.clone())),
        ("region", view.region.map(|r| r.to_string())),
        ("kind", view.kind.map(|k| k.to_string())),
    ]);
    let orgs = view.organisations.clone();
    let pages = orgs.pages();
    let overall = view.overall;
    let trend_caption = td_string!(l, scorecard.trend_caption).to_string();
    view! {
        <ScorecardNav draft=draft.clone() />
        <DraftChooser drafts=view.head.drafts.clone() current=draft.clone() filters=(view.region, view.kind) />
        <HeadNotes head=view.head.clone() />
        <section aria-labelledby="overall-heading" class="overall">
            <h2 id="overall-heading">{t!(i18n, scorecard.coalition)}</h2>
            <p class="big-score"><ScoreText counts=overall /></p>
            <p>{td_string!(l, scorecard.demands_counted, total = overall.demands(), not_assessed = overall.not_assessed).to_string()}</p>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{t!(i18n, scorecard.coalition)}</caption>
                    <thead><tr><CountHeaders /></tr></thead>
                    <tbody><tr><CountCells counts=overall /></tr></tbody>
                </table>
            </div>
            <Downloads view_name="overview" query=filter_query.clone() />
        </section>
        <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">{t!(i18n, scorecard.trend)}</h2>
            <TrendChart points=view.trend.clone() caption=trend_caption />
        </section>
        <section aria-labelledby="elements-heading">
            <h2 id="elements-heading">{t!(i18n, scorecard.per_element)}</h2>
            <div class="table-wrap">
                <table class="scores">
                    <caption class="visually-hidden">{t!(i18n, scorecard.per_element)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, scorecard.element)}</th>
                            <th scope="col" class="num">{t!(i18n, scorecard.organisations)}</th>
                            <th scope="col" class="num">{t!(i18n, scorecard.demands)}</th>
                            <CountHeaders />
                            <th scope="col" class="num">{t!(i18n, scorecard.score)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {view.elements.into_iter().map(|e| {
                            let href = format!("/scorecard/demands?draft={}&element={}", draft, e.letter);
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=href>{format!("({}) ", e.letter)}</a>
                                        <span class="row-text">{e.text}</span>
                                    </th>
                                    <td class="num">{e.organisations}</td>
                                    <td class="num">{e.counts.demands()}</td>
                                    <CountCells counts=e.counts />
                                    <ScoreCell counts=e.counts />
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="organisations-heading">
            <h2 id="organisations-heading">{t!(i18n, scorecard.per_organisation)}</h2>
            <p>{td_string!(l, scorecard.organisations_count, count = orgs.total).to_string()}</p>
            <div class="table-wrap">
                <table class="scores">
                    <caption class="visually-hidden">{t!(i18n, scorecard.per_organisation)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, scorecard.organisation)}</th>
                            <th scope="col">{t!(i18n, scorecard.region)}</th>
                            <th scope="col" class="num">{t!(i18n, scorecard.demands)}</th>
                            <th scope="col" class="num">{t!(i18n, scorecard.score)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {orgs.items.into_iter().map(|o| {
                            let drill = format!("/scorecard/demands?draft={}&organisation={}", draft, o.slug);
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/organisations/{}", o.slug)>{o.name}</a></th>
                                    <td>{text::region(l, o.region)}</td>
                                    <td class="num"><a href=drill>{o.counts.demands()}</a></td>
                                    <ScoreCell counts=o.counts />
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Pager base=filter_query page=orgs.page pages />
        </section>
        <Method />
    }
}
