//! `/scorecard/change?from=..&to=..`: which demands improved and which regressed between two
//! drafts, per element and per organisation.
use domain::types::{ChangeView, DraftRef, MovedDemand, MovementCounts, RatingCounts, MOVED_PER_PAGE};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::scorecard::get_change;
use crate::components::loaded::loaded;
use crate::components::scorecard::{query_of, Downloads, Method, Pager, ScoreText};
use crate::i18n::*;
use crate::routes::scorecard::{scorecard_query, ScorecardNav};
use crate::text;

#[component]
pub fn ChangePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = scorecard_query();
    let data = Resource::new(move || query.get(), get_change);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), scorecard.change_title).to_string() />
        <h1>{t!(i18n, scorecard.change_title)}</h1>
        <p class="lead">{t!(i18n, scorecard.change_intro)}</p>
        {loaded(data, |view| view! { <Change view /> })}
    }
}

/// Two draft selects in a GET form (`from`, `to`).
#[component]
pub fn FromTo(drafts: Vec<DraftRef>, from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    let options = move |current: String| {
        drafts
            .iter()
            .map(|d| view! { <option value=d.slug.clone() selected=d.slug == current>{d.label.clone()}</option> })
            .collect_view()
    };
    let (a, b) = (options(from), options(to));
    view! {
        <form method="get" class="filters">
            <div class="field">
                <label for="f-from">{t!(i18n, scorecard.from)}</label>
                <select id="f-from" name="from">{a}</select>
            </div>
            <div class="field">
                <label for="f-to">{t!(i18n, scorecard.to)}</label>
                <select id="f-to" name="to">{b}</select>
            </div>
            <button type="submit">{t!(i18n, scorecard.compare)}</button>
        </form>
    }
}

#[component]
fn Movements(m: MovementCounts) -> impl IntoView {
    view! {
        <td class="num">{m.improved}</td>
        <td class="num">{m.regressed}</td>
        <td class="num">{m.unchanged}</td>
        <td class="num">{m.not_comparable}</td>
    }
}

#[component]
fn MovementHeaders() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col" class="num">{t!(i18n, scorecard.improved)}</th>
        <th scope="col" class="num">{t!(i18n, scorecard.regressed)}</th>
        <th scope="col" class="num">{t!(i18n, scorecard.unchanged)}</th>
        <th scope="col" class="num">{t!(i18n, scorecard.not_comparable)}</th>
    }
}

#[component]
fn MovedList(items: Vec<MovedDemand>, total: u32, id: &'static str, heading: String) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading} " (" {total} ")"</h2>
            {if items.is_empty() {
                view! { <p>{t!(i18n, scorecard.none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="moved">
                        {items.into_iter().map(|m| view! {
                            <li>
                                <a href=format!("/positions/{}#{}", m.demand.position_slug, m.demand.slug)>{m.demand.text}</a>
                                <span class="meta">
                                    " · " {m.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ")}
                                    " · " {text::rating(l, m.from)} " \u{2192} " {text::rating(l, m.to)}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One row of a change table: what it is about, how its demands moved, its two scores.
struct ChangeRow {
    label: AnyView,
    movements: MovementCounts,
    from: RatingCounts,
    to: RatingCounts,
}

#[component]
fn ChangeTable(caption: String, first: String, from: String, to: String, rows: Vec<ChangeRow>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="scores">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        <MovementHeaders />
                        <th scope="col">{from}</th>
                        <th scope="col">{to}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.label}</th>
                            <Movements m=r.movements />
                            <td><ScoreText counts=r.from /></td>
                            <td><ScoreText counts=r.to /></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Change(view: ChangeView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let base = query_of(&[("from", Some(view.from.slug.clone())), ("to", Some(view.to.slug.clone()))]);
    let pages = view.organisations.pages();
    // each pager keeps the other's page
    let keep = |name: &str, page: u32| if page > 1 { format!("&{name}={page}") } else { String::new() };
    let organisations_base = format!("{base}{}", keep("moved", view.moved_page));
    let moved_base = format!("{base}{}", keep("page", view.organisations.page));
    let most_moved = view.overall.improved.max(view.overall.regressed) as usize;
    let moved_pages = u32::try_from(most_moved.div_ceil(MOVED_PER_PAGE)).unwrap_or(u32::MAX);
    view! {
        <ScorecardNav draft=view.to.slug.clone() />
        <FromTo drafts=view.drafts.clone() from=view.from.slug.clone() to=view.to.slug.clone() />
        <p class="as-of">
            {td_string!(l, scorecard.change_between, from = view.from.label.clone(), to = view.to.label.clone()).to_string()}
        </p>
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{t!(i18n, scorecard.coalition)}</caption>
                <thead>
                    <tr>
                        <MovementHeaders />
                        <th scope="col">{view.from.label.clone()}</th>
                        <th scope="col">{view.to.label.clone()}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <Movements m=view.overall />
                        <td><ScoreText counts=view.from_counts /></td>
                        <td><ScoreText counts=view.to_counts /></td>
                    </tr>
                </tbody>
            </table>
        </div>
        <Downloads view_name="change" query=base.clone() />
        <MovedList items=view.improved total=view.overall.improved id="improved-heading" heading=td_string!(l, scorecard.improved_demands).to_string() />
        <MovedList items=view.regressed total=view.overall.regressed id="regressed-heading" heading=td_string!(l, scorecard.regressed_demands).to_string() />
        <Pager base=moved_base page=view.moved_page pages=moved_pages param="moved" />
        <section aria-labelledby="change-elements-heading">
            <h2 id="change-elements-heading">{t!(i18n, scorecard.per_element)}</h2>
            <ChangeTable
                caption=td_string!(l, scorecard.per_element).to_string()
                first=td_string!(l, scorecard.element).to_string()
                from=view.from.label.clone()
                to=view.to.label.clone()
                rows=view.elements.into_iter().map(|e| ChangeRow {
                    label: view! { <abbr title=e.text>{format!("({})", e.letter)}</abbr> }.into_any(),
                    movements: e.movements,
                    from: e.from,
                    to: e.to,
                }).collect()
            />
        </section>
        <section aria-labelledby="change-orgs-heading">
            <h2 id="change-orgs-heading">{t!(i18n, scorecard.per_organisation)}</h2>
            <ChangeTable
                caption=td_string!(l, scorecard.per_organisation).to_string()
                first=td_string!(l, scorecard.organisation).to_string()
                from=view.from.label.clone()
                to=view.to.label.clone()
                rows=view.organisations.items.into_iter().map(|o| ChangeRow {
                    label: view! { <a href=format!("/organisations/{}", o.organisation.slug)>{o.organisation.name}</a> }.into_any(),
                    movements: o.movements,
                    from: o.from,
                    to: o.to,
                }).collect()
            />
            <Pager base=organisations_base page=view.organisations.page pages />
        </section>
        <Method />
    }
}
