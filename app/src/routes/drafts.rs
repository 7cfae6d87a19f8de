use domain::types::DraftView;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::drafts::list_drafts;
use crate::components::date::DayText;
use crate::components::loaded::loaded;
use crate::i18n::*;

#[component]
pub fn DraftsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| list_drafts());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), drafts.title).to_string() />
        <h1>{t!(i18n, drafts.title)}</h1>
        <p class="lead">{t!(i18n, drafts.intro)}</p>
        <crate::components::layout::CoordinatorOnly>
            <p class="actions"><a href="/drafts/new">{t!(i18n, drafts.new_link)}</a></p>
        </crate::components::layout::CoordinatorOnly>
        {loaded(data, |list| view! { <DraftsTable list /> })}
    }
}

#[component]
fn DraftsTable(list: Vec<DraftView>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{t!(i18n, drafts.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, drafts.label)}</th>
                        <th scope="col">{t!(i18n, drafts.released)}</th>
                        <th scope="col" class="num">{t!(i18n, drafts.objectives)}</th>
                        <th scope="col">{t!(i18n, drafts.note)}</th>
                        <th scope="col">{t!(i18n, drafts.text)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|d| {
                            let text = if d.section_count == 0 {
                                td_string!(l, drafts.no_text).to_string()
                            } else if d.has_full_text {
                                td_string!(l, drafts.sections, count = d.section_count).to_string()
                            } else {
                                td_string!(l, drafts.known_sections_count, count = d.section_count).to_string()
                            };
                            view! {
                                <tr id=d.slug.clone()>
                                    <th scope="row"><a href=format!("/drafts/{}", d.slug)>{d.label}</a></th>
                                    <td><DayText date=d.released_on /></td>
                                    <td class="num">{d.objective_count.map(|n| n.to_string()).unwrap_or_else(|| td_string!(l, common.unknown).to_string())}</td>
                                    <td>{d.note}</td>
                                    <td>{text}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
