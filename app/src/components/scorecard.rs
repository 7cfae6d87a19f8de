//! Pieces the scorecard's pages share: a score as text and colour, the counts per rating,
//! the trend chart (SVG rendered on the server, with a table as its text equivalent), the
//! draft chooser, the pager, the method, and the download links.
use domain::types::{DraftRef, EvidenceBasis, Rating, RatingCounts, ScorecardHead, TrendPoint};
use leptos::prelude::*;

use crate::components::date::DayText;
use crate::components::layout::encode_component;
use crate::i18n::*;
use crate::text;

/// A score with the count it rests on; "no score" (in words) when nothing was assessed.
#[component]
pub fn ScoreText(counts: RatingCounts) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    match counts.score() {
        Some(s) => view! {
            <span class=format!("score {}", s.band().class())>
                <strong>{s.display()}</strong>
                " "
                <span class="based-on">{td_string!(l, scorecard.based_on, count = s.based_on).to_string()}</span>
            </span>
        }
        .into_any(),
        None => {
            view! { <span class="score score-none">{td_string!(l, scorecard.no_score).to_string()}</span> }.into_any()
        }
    }
}

/// The table cell of a score: coloured by band, always with the number in text.
#[component]
pub fn ScoreCell(counts: RatingCounts) -> impl IntoView {
    let class = counts.score().map(|s| s.band().class()).unwrap_or("score-none");
    view! { <td class=format!("num score-cell {class}")><ScoreText counts /></td> }
}

/// The header cells for `CountCells`.
#[component]
pub fn CountHeaders() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        {Rating::ALL.iter().map(|r| view! { <th scope="col" class="num">{text::rating(l, *r)}</th> }).collect_view()}
        <th scope="col" class="num">{t!(i18n, scorecard.not_assessed)}</th>
    }
}

/// One cell per rating, then "not assessed".
#[component]
pub fn CountCells(counts: RatingCounts) -> impl IntoView {
    view! {
        {Rating::ALL.iter().map(|r| view! { <td class="num">{counts.get(Some(*r))}</td> }).collect_view()}
        <td class="num">{counts.not_assessed}</td>
    }
}

/// The score on each draft as a line chart, drawn on the server (no JavaScript needed), with
/// the same figures in a table beside it for screen readers and for reading exact values.
#[component]
pub fn TrendChart(points: Vec<TrendPoint>, #[prop(into)] caption: String) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (width, height, pad) = (560.0_f64, 180.0_f64, 28.0_f64);
    let n = points.len().max(2) as f64 - 1.0;
    let x = |i: usize| pad + (width - 2.0 * pad) * (i as f64) / n;
    let y = |v: f64| pad + (height - 2.0 * pad) * (1.0 - v) / 2.0;
    let scored: Vec<(usize, f64)> =
        points.iter().enumerate().filter_map(|(i, p)| p.counts.score().map(|s| (i, s.value()))).collect();
    let line = scored.iter().map(|(i, v)| format!("{:.1},{:.1}", x(*i), y(*v))).collect::<Vec<_>>().join(" ");
    let id = format!("trend-{}", caption.len());
    let grid = [1.0, 0.5, 0.0, -0.5, -1.0];
    let labels = points.clone();
    view! {
        <figure class="trend">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=id.clone() class="trend-chart">
                <title id=id.clone()>{caption.clone()}</title>
                {grid.iter().map(|g| view! {
                    <line x1=pad y1=y(*g) x2=width - pad y2=y(*g) class=if *g == 0.0 { "axis zero" } else { "axis" } />
                    <text x=4 y=y(*g) + 4.0 class="tick">{format!("{g:+.1}")}</text>
                }).collect_view()}
                <polyline points=line class="trend-line" fill="none" />
                {scored.iter().map(|(i, v)| view! {
                    <circle cx=x(*i) cy=y(*v) r=4 class="trend-point">
                        <title>{format!("{}: {v:+.2}", labels[*i].draft.label)}</title>
                    </circle>
                }).collect_view()}
                {labels.iter().enumerate().map(|(i, p)| view! {
                    <text x=x(i) y=height - 6.0 class="tick" text-anchor="middle">{short_label(&p.draft.label)}</text>
                }).collect_view()}
            </svg>
            <figcaption>
                <details>
                    <summary>{t!(i18n, scorecard.trend_table)}</summary>
                    <table>
                        <caption class="visually-hidden">{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, drafts.label)}</th>
                                <th scope="col" class="num">{t!(i18n, scorecard.score)}</th>
                                <th scope="col" class="num">{t!(i18n, scorecard.not_assessed)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {points.into_iter().map(|p| view! {
                                <tr>
                                    <th scope="row">{p.draft.label}</th>
                                    <td class="num"><ScoreText counts=p.counts /></td>
                                    <td class="num">{p.counts.not_assessed}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </details>
                {td_string!(l, scorecard.trend_hint).to_string()}
            </figcaption>
        </figure>
    }
}

/// A short label for the chart's axis ("Zero draft" → "Zero", "Revision 2" → "Rev 2").
fn short_label(label: &str) -> String {
    let s = label.replace("Revision", "Rev").replace(" draft", "").replace(" Draft", "").replace(" text", "");
    s.chars().take(10).collect()
}

/// The draft chooser (a plain GET form) with the region and kind filters when wanted.
#[component]
pub fn DraftChooser(
    drafts: Vec<DraftRef>,
    current: String,
    #[prop(optional)] filters: Option<(Option<domain::types::Region>, Option<domain::types::OrganisationKind>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" class="filters draft-chooser">
            <div class="field">
                <label for="f-draft">{t!(i18n, scorecard.draft)}</label>
                <select id="f-draft" name="draft">
                    {drafts.into_iter().map(|d| {
                        let selected = d.slug == current;
                        view! { <option value=d.slug selected=selected>{d.label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {filters.map(|(region, kind)| view! { <RegionKindFields region kind /> })}
            <button type="submit">{t!(i18n, scorecard.show)}</button>
        </form>
    }
}

/// The region and kind-of-organisation selects of a filter form ("All" when none is chosen).
#[component]
pub fn RegionKindFields(
    region: Option<domain::types::Region>,
    kind: Option<domain::types::OrganisationKind>,
) -> impl IntoView {
    use strum::IntoEnumIterator;
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="field">
            <label for="f-region">{t!(i18n, scorecard.region)}</label>
            <select id="f-region" name="region">
                <option value="">{t!(i18n, common.all)}</option>
                {domain::types::Region::iter().map(|r| view! {
                    <option value=r.to_string() selected=region == Some(r)>{text::region(l, r)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="f-kind">{t!(i18n, scorecard.org_kind)}</label>
            <select id="f-kind" name="kind">
                <option value="">{t!(i18n, common.all)}</option>
                {domain::types::OrganisationKind::iter().map(|k| view! {
                    <option value=k.to_string() selected=kind == Some(k)>{text::org_kind(l, k)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// "Previous / page N of M / next" links, keeping the other parameters (`base`); the page
/// is the parameter `param` (`page` unless told).
#[component]
pub fn Pager(base: String, page: u32, pages: u32, #[prop(default = "page")] param: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let link = move |p: u32| {
        if base.is_empty() {
            format!("?{param}={p}")
        } else {
            format!("?{base}&{param}={p}")
        }
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=td_string!(l, scorecard.pages).to_string()>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t!(i18n, scorecard.previous)}</a> })}
                <span>{td_string!(l, scorecard.page_of, page = page, pages = pages).to_string()}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t!(i18n, scorecard.next)}</a> })}
            </nav>
        }
    })
}

/// The scorecard's head: which draft, as of when, and how many ratings the tracker made.
#[component]
pub fn HeadNotes(head: ScorecardHead) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <p class="as-of">
            {td_string!(l, scorecard.for_draft, draft = head.draft.label.clone()).to_string()} " "
            "(" <DayText date=head.draft.released_on /> "). "
            {head.as_of.map(|at| view! { {t!(i18n, scorecard.as_of)} " " <DayText date=at.date_naive() /> "." })}
        </p>
        {(head.by_tracker > 0).then(|| view! {
            <p class="notice by-tracker" role="note">
                {td_string!(l, scorecard.by_tracker_notice, count = head.by_tracker).to_string()}
            </p>
        })}
    }
}

/// How the scores are computed (DOMAIN.md's method, stated on every scorecard page).
#[component]
pub fn Method() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="method" aria-labelledby="method-heading">
            <h2 id="method-heading">{t!(i18n, scorecard.method_heading)}</h2>
            <p>{t!(i18n, scorecard.method_rule)}</p>
            <p>{t!(i18n, scorecard.method_ratings)}</p>
            <ul>
                <li>{t!(i18n, scorecard.method_met)}</li>
                <li>{t!(i18n, scorecard.method_partly)}</li>
                <li>{t!(i18n, scorecard.method_not_addressed)}</li>
                <li>{t!(i18n, scorecard.method_contradicted)}</li>
            </ul>
            <p>{t!(i18n, scorecard.method_score)}</p>
            <p>{t!(i18n, scorecard.method_not_assessed)}</p>
            <p>{t!(i18n, scorecard.method_evidence)}</p>
            <p>{t!(i18n, scorecard.method_colour)}</p>
        </section>
    }
}

/// What a rating's evidence rests on: the draft's text the tracker holds, or the public source
/// that documents the draft's wording (linked).
#[component]
pub fn EvidenceBasisLine(basis: EvidenceBasis, source_url: String) -> impl IntoView {
    let i18n = use_i18n();
    match basis {
        EvidenceBasis::DraftText => view! { <p class="basis">{t!(i18n, scorecard.basis_draft_text)}</p> }.into_any(),
        EvidenceBasis::PublicSource => view! {
            <p class="basis">
                {t!(i18n, scorecard.basis_public_source)} " "
                <a href=source_url.clone() rel="external noopener">{source_url.clone()}</a>
            </p>
        }
        .into_any(),
    }
}

/// Download links for a view: CSV and JSON with the same parameters.
#[component]
pub fn Downloads(view_name: &'static str, query: String) -> impl IntoView {
    let i18n = use_i18n();
    let q = if query.is_empty() { String::new() } else { format!("&{query}") };
    view! {
        <p class="downloads">
            {t!(i18n, scorecard.download)} " "
            <a href=format!("/api/v1/scorecard/{view_name}?format=csv{q}") download="">"CSV"</a> " · "
            <a href=format!("/api/v1/scorecard/{view_name}?format=json{q}")>"JSON"</a>
        </p>
    }
}

/// `key=value` pairs as a query string, values encoded.
pub fn query_of(pairs: &[(&str, Option<String>)]) -> String {
    pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().filter(|v| !v.is_empty()).map(|v| format!("{k}={}", encode_component(v))))
        .collect::<Vec<_>>()
        .join("&")
}
