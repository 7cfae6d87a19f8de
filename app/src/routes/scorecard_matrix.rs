//! `/scorecard/matrix`: organisations by elements on one draft, each cell coloured by its score
//! and carrying the number in text, linked to the demands behind it.
use domain::types::MatrixView;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::scorecard::get_matrix;
use crate::components::loaded::loaded;
use crate::components::scorecard::{query_of, Downloads, DraftChooser, HeadNotes, Method, Pager, ScoreCell};
use crate::i18n::*;
use crate::routes::scorecard::{scorecard_query, ScorecardNav};

#[component]
pub fn MatrixPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = scorecard_query();
    let data = Resource::new(move || query.get(), get_matrix);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), scorecard.matrix_title).to_string() />
        <h1>{t!(i18n, scorecard.matrix_title)}</h1>
        <p class="lead">{t!(i18n, scorecard.matrix_intro)}</p>
        {loaded(data, |view| view! { <Matrix view /> })}
    }
}

#[component]
fn Matrix(view: MatrixView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let draft = view.head.draft.slug.clone();
    let base = query_of(&[
        ("draft", Some(draft.clone())),
        ("region", view.region.map(|r| r.to_string())),
        ("kind", view.kind.map(|k| k.to_string())),
    ]);
    let pages = view.rows.pages();
    let page = view.rows.page;
    let total = view.rows.total;
    let letters: Vec<char> = view.elements.iter().map(|e| e.letter).collect();
    let no_demands = td_string!(l, scorecard.no_demands);
    view! {
        <ScorecardNav draft=draft.clone() />
        <DraftChooser drafts=view.head.drafts.clone() current=draft.clone() filters=(view.region, view.kind) />
        <HeadNotes head=view.head.clone() />
        <p>{td_string!(l, scorecard.organisations_count, count = total).to_string()}</p>
        <Downloads view_name="matrix" query=base.clone() />
        <div class="table-wrap matrix-wrap">
            <table class="matrix">
                <caption>{td_string!(l, scorecard.matrix_caption, draft = view.head.draft.label.clone()).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, scorecard.organisation)}</th>
                        <th scope="col" class="num">{t!(i18n, scorecard.all_elements)}</th>
                        {view.elements.iter().map(|e| view! {
                            <th scope="col" class="num"><abbr title=e.text.clone()>{format!("({})", e.letter)}</abbr></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {view.rows.items.into_iter().map(|row| {
                        let org = row.organisation.slug.clone();
                        let draft = draft.clone();
                        let letters = letters.clone();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/organisations/{org}")>{row.organisation.name.clone()}</a></th>
                                <ScoreCell counts=row.organisation.counts />
                                {row.cells.into_iter().zip(letters).map(|(cell, letter)| match cell {
                                    Some(counts) => {
                                        let href = format!("/scorecard/demands?draft={draft}&organisation={org}&element={letter}");
                                        let class = counts.score().map(|s| s.band().class()).unwrap_or("score-none");
                                        let shown = counts.score().map(|s| s.display()).unwrap_or_else(|| "?".into());
                                        let label = td_string!(l, scorecard.cell_label, letter = letter.to_string(), count = counts.demands()).to_string();
                                        Either::Left(view! {
                                            <td class=format!("num cell {class}")>
                                                <a href=href aria-label=format!("{shown}, {label}")>{shown.clone()}</a>
                                            </td>
                                        })
                                    }
                                    None => Either::Right(view! {
                                        <td class="num cell empty"><span aria-hidden="true">"·"</span>
                                            <span class="visually-hidden">{no_demands}</span></td>
                                    }),
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint">{t!(i18n, scorecard.matrix_legend)}</p>
        <Pager base page pages />
        <Method />
    }
}
