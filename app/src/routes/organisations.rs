use domain::types::{CatalogueQuery, OrganisationKind, OrganisationSummary, Paged, Region};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::organisations::list_organisations;
use crate::components::loaded::loaded;
use crate::components::scorecard::{Pager, RegionKindFields};
use crate::i18n::*;
use crate::text;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| CatalogueQuery {
            page: q.get("page"),
            region: q.get("region"),
            kind: q.get("kind"),
            ..Default::default()
        })
    });
    let data = Resource::new(move || filter.get(), list_organisations);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), organisations.title).to_string() />
        <h1>{t!(i18n, organisations.title)}</h1>
        <p class="lead">{t!(i18n, organisations.intro)}</p>
        <crate::components::layout::CoordinatorOnly>
            <p><a href="/organisations/new" class="button">{t!(i18n, record.new_organisation)}</a></p>
        </crate::components::layout::CoordinatorOnly>
        {loaded(data, move |list| view! { <OrganisationsTable list filter=filter.get_untracked() /> })}
    }
}

#[component]
fn OrganisationsTable(list: Paged<OrganisationSummary>, filter: CatalogueQuery) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let region = filter.region.as_deref().and_then(|r| r.parse::<Region>().ok());
    let kind = filter.kind.as_deref().and_then(|k| k.parse::<OrganisationKind>().ok());
    let base = crate::components::scorecard::query_of(&[
        ("region", region.map(|r| r.to_string())),
        ("kind", kind.map(|k| k.to_string())),
    ]);
    let (page, pages, total) = (list.page, list.pages(), list.total);
    view! {
        <form method="get" class="filters">
            <RegionKindFields region kind />
            <button type="submit">{t!(i18n, scorecard.show)}</button>
        </form>
        <p>{td_string!(l, organisations.count, count = total).to_string()}</p>
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
                        .items
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
        <Pager base page pages />
    }
}
