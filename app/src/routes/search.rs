//! `/search?q=`: the record searched, with filters by kind, element, organisation and draft,
//! the matching words marked, page by page. A plain GET form, so it works without JavaScript.
use domain::types::{
    ElementLetter, Fragment, SearchFilter, SearchHit, SearchKind, SearchPage, SearchQuery, SEARCH_MAX_CHARS,
    SEARCH_RANKED,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use strum::IntoEnumIterator;

use crate::api::search::search;
use crate::components::loading::Loading;
use crate::components::scorecard::{query_of, Pager};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::timeline::Select;

/// The label of a kind of result.
pub fn kind_label(l: Locale, k: SearchKind) -> &'static str {
    match k {
        SearchKind::Organisation => td_string!(l, search.kind_organisation),
        SearchKind::Position => td_string!(l, search.kind_position),
        SearchKind::Demand => td_string!(l, search.kind_demand),
        SearchKind::Consultation => td_string!(l, search.kind_consultation),
        SearchKind::Section => td_string!(l, search.kind_section),
        SearchKind::Change => td_string!(l, search.kind_change),
        SearchKind::Comment => td_string!(l, search.kind_comment),
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| SearchQuery {
            q: q.get("q"),
            kind: q.get("kind"),
            element: q.get("element"),
            organisation: q.get("organisation"),
            draft: q.get("draft"),
            page: q.get("page"),
        })
    });
    let data = Resource::new(move || asked.get(), search);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), search.title).to_string() />
        <h1>{t!(i18n, search.title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let asked = asked.get_untracked();
                match data.await {
                    Ok(page) => {
                        let filter = asked.parse().unwrap_or_default();
                        view! { <SearchForm asked=asked.clone() page=Some(page.clone()) error=None /> <Results page filter /> }.into_any()
                    }
                    Err(AppError::BadRequest(invalid)) => {
                        #[cfg(feature = "ssr")]
                        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                            response.set_status(AppError::BadRequest(invalid.clone()).status());
                        }
                        view! { <SearchForm asked page=None error=Some(invalid) /> }.into_any()
                    }
                    Err(error) => view! { <crate::components::error_view::ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The search box and the filters, holding what was asked (also when it was refused).
#[component]
fn SearchForm(asked: SearchQuery, page: Option<SearchPage>, error: Option<domain::types::Invalid>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let filter = asked.parse().unwrap_or_default();
    let kinds = SearchKind::iter()
        .map(|k| (k.to_string(), kind_label(l, k).to_string(), filter.kind == Some(k)))
        .collect::<Vec<_>>();
    let elements =
        ElementLetter::all().map(|e| (e.to_string(), format!("({e})"), filter.element == Some(e))).collect::<Vec<_>>();
    let drafts = page
        .as_ref()
        .map(|p| {
            p.drafts
                .iter()
                .map(|d| (d.slug.clone(), d.label.clone(), filter.draft.as_deref() == Some(d.slug.as_str())))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let organisation = page.as_ref().and_then(|p| p.organisation.clone());
    let q_error = error.as_ref().filter(|e| e.field == "q").map(|e| crate::text::reason(l, &e.reason));
    let other_error = error.as_ref().filter(|e| e.field != "q").map(|e| crate::text::invalid(l, e));
    let without_organisation = {
        let mut rest = filter.clone();
        rest.organisation = None;
        format!("/search?{}", query_of(&pairs(&rest)))
    };
    view! {
        <form class="filters search-form" method="get" action="/search" role="search" aria-label=td_string!(l, search.title)>
            {other_error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="field search-field">
                <label for="f-q">{t!(i18n, search.label)}</label>
                <input
                    type="search"
                    id="f-q"
                    name="q"
                    value=asked.q.clone().unwrap_or_default()
                    aria-invalid=q_error.is_some().then_some("true")
                    aria-describedby=if q_error.is_some() { "e-q h-q" } else { "h-q" }
                />
                <p class="hint" id="h-q">{td_string!(l, search.hint, max = SEARCH_MAX_CHARS).to_string()}</p>
                {q_error.map(|e| view! { <p class="field-error" id="e-q">{e}</p> })}
            </div>
            <Select id="f-kind" name="kind" label=td_string!(l, search.kind) all=td_string!(l, search.all_kinds) options=kinds />
            <Select id="f-element" name="element" label=td_string!(l, search.element) all=td_string!(l, search.all_elements) options=elements />
            <Select id="f-draft" name="draft" label=td_string!(l, search.draft) all=td_string!(l, search.all_drafts) options=drafts />
            {organisation.map(|o| {
                let name = if o.acronym.is_empty() { o.name.clone() } else { o.acronym.clone() };
                view! {
                    <input type="hidden" name="organisation" value=o.slug.clone() />
                    <p class="only-organisation">
                        {td_string!(l, search.only_organisation, name = name).to_string()} " "
                        <a href=without_organisation.clone()>{t!(i18n, search.every_organisation)}</a>
                    </p>
                }
            })}
            <div class="filter-actions">
                <button type="submit">{t!(i18n, search.button)}</button>
            </div>
        </form>
    }
}

fn pairs(f: &SearchFilter) -> Vec<(&'static str, Option<String>)> {
    f.to_query().into_iter().map(|(k, v)| (k, Some(v))).collect()
}

#[component]
fn Results(page: SearchPage, filter: SearchFilter) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let results = page.results;
    let (number, pages, total, more) = (results.page, results.pages(), results.total, results.more);
    let base = query_of(&pairs(&filter));
    if filter.text.is_empty() {
        return view! { <p>{t!(i18n, search.empty)}</p> }.into_any();
    }
    if total == 0 {
        return view! {
            <p role="status">{td_string!(l, search.no_results, query = filter.text.clone()).to_string()}</p>
        }
        .into_any();
    }
    view! {
        <p role="status">
            {if more {
                td_string!(l, search.count_more, ranked = SEARCH_RANKED).to_string()
            } else {
                td_string!(l, search.count, count = total).to_string()
            }}
        </p>
        <ol class="search-results">
            {results.items.into_iter().map(|hit| view! { <Hit hit /> }).collect_view()}
        </ol>
        <Pager base page=number pages />
    }
    .into_any()
}

#[component]
fn Hit(hit: SearchHit) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <li class="search-result">
            <p class="result-kind">
                {kind_label(l, hit.kind)}
                {hit.context.map(|c| view! { " · " {c} })}
            </p>
            <h2 class="result-title"><a href=hit.href>{hit.title}</a></h2>
            <p class="snippet"><Marked fragments=hit.snippet /></p>
        </li>
    }
}

/// A passage with its matching words in `<mark>`.
#[component]
pub fn Marked(fragments: Vec<Fragment>) -> impl IntoView {
    fragments
        .into_iter()
        .map(|f| if f.matched { view! { <mark>{f.text}</mark> }.into_any() } else { f.text.into_any() })
        .collect_view()
}
