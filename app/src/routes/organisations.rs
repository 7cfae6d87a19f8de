use domain::types::OrganisationSummary;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::organisations::list_organisations;
use crate::components::loaded::loaded;
use crate::i18n::*;
use crate::text;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| list_organisations());
    view! {
        <Title text=move || td_string!(i18n.get_locale(), organisations.title).to_string() />
        <h1>{t!(i18n, organisations.title)}</h1>
        <p class="lead">{t!(i18n, organisations.intro)}</p>
        <crate::components::layout::CoordinatorOnly>
            <p><a href="/organisations/new" class="button">{t!(i18n, record.new_organisation)}</a></p>
        </crate::components::layout::CoordinatorOnly>
        {loaded(data, |list| view! { <OrganisationsTable list /> })}
    }
}

#[component]
fn OrganisationsTable(list: Vec<OrganisationSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{t!(i18n, organisations.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, organisations.name)}</th>
                        <th scope="col">{t!(i18n, organisations.kind)}</th>
                        <th scope="col">{t!(i18n, organisations.region)}</th>
                        <th scope="col">{t!(i18n, organisations.country)}</th>
                        <th scope="col" class="num">{t!(i18n, organisations.positions)}</th>
                        <th scope="col" class="num">{t!(i18n, organisations.demands)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|o| {
                            let name = if o.acronym.is_empty() { o.name.clone() } else { format!("{} ({})", o.name, o.acronym) };
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/organisations/{}", o.slug)>{name}</a></th>
                                    <td>{text::org_kind(l, o.kind)}</td>
                                    <td>{text::region(l, o.region)}</td>
                                    <td>{o.country}</td>
                                    <td class="num">{o.position_count}</td>
                                    <td class="num">{o.demand_count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
