use domain::types::ElementSummary;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::elements::list_elements;
use crate::components::loaded::loaded;
use crate::i18n::*;

#[component]
pub fn ElementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| list_elements());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), elements.title).to_string() />
        <h1>{t!(i18n, elements.title)}</h1>
        <p class="lead">{t!(i18n, elements.intro)}</p>
        {loaded(data, |list| view! { <ElementsTable list /> })}
    }
}

#[component]
fn ElementsTable(list: Vec<ElementSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="table-wrap">
            <table class="elements-table">
                <caption class="visually-hidden">{t!(i18n, elements.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, elements.letter)}</th>
                        <th scope="col">{t!(i18n, elements.text)}</th>
                        <th scope="col">{t!(i18n, elements.session)}</th>
                        <th scope="col" class="num">{t!(i18n, elements.organisations)}</th>
                        <th scope="col" class="num">{t!(i18n, elements.demands)}</th>
                        <th scope="col">{t!(i18n, elements.stances)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|e| {
                            let session = e.thematic_session.map(|t| {
                                let label = td_string!(l, elements.session_number, number = t.number).to_string();
                                match t.consultation_slug {
                                    Some(slug) => view! { <a href=format!("/consultations/{slug}")>{label}</a> }.into_any(),
                                    None => view! { <span>{label}</span> }.into_any(),
                                }
                            });
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/elements/{}", e.letter)>{format!("({})", e.letter)}</a>
                                    </th>
                                    <td>{e.text}</td>
                                    <td>{session}</td>
                                    <td class="num">{e.organisation_count}</td>
                                    <td class="num">{e.demand_count}</td>
                                    <td>
                                        {td_string!(l, elements.stance_counts, advance = e.advance_count, limit = e.limit_count).to_string()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
