use domain::types::FollowKind;
use domain::types::{OrganisationDetail, OrganisationRef, PositionView};
use leptos::prelude::*;

use crate::components::follow::FollowButton;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::organisations::get_organisation;
use crate::api::record_editors::get_unpublished_positions;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::date::MaybeDateText;
use crate::components::loaded::loaded;
use crate::i18n::*;
use crate::text;

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("slug").unwrap_or_default()), get_organisation);
    let ratings = Resource::new(
        move || params.with(|p| p.get("slug").unwrap_or_default()),
        crate::api::scorecard::get_organisation_ratings,
    );
    view! {
        {loaded(data, |org| view! { <OrganisationBody org /> })}
        {loaded(ratings, |ratings| view! { <Ratings ratings /> })}
    }
}

/// The organisation's demands rated draft by draft (the scorecard), and its trend.
#[component]
fn Ratings(ratings: domain::types::OrganisationRatings) -> impl IntoView {
    use crate::components::scorecard::TrendChart;
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    if ratings.demands.is_empty() {
        return ().into_any();
    }
    let caption = td_string!(l, scorecard.organisation_trend_caption).to_string();
    view! {
        <section aria-labelledby="ratings-heading" class="organisation-ratings">
            <h2 id="ratings-heading">{t!(i18n, scorecard.ratings_heading)}</h2>
            <p>{t!(i18n, scorecard.ratings_intro)} " " <a href="/scorecard#method-heading">{t!(i18n, scorecard.method_heading)}</a></p>
            <TrendChart points=ratings.trend.clone() caption />
            <div class="table-wrap">
                <table class="ratings">
                    <caption class="visually-hidden">{t!(i18n, scorecard.ratings_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, scorecard.demand)}</th>
                            {ratings.drafts.iter().map(|d| view! {
                                <th scope="col"><a href=format!("/scorecard?draft={}", d.slug)>{d.label.clone()}</a></th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {ratings.demands.into_iter().map(|d| view! {
                            <tr>
                                <th scope="row"><a href=format!("/positions/{}#{}", d.demand.position_slug, d.demand.slug)>{d.demand.text}</a></th>
                                {d.ratings.into_iter().zip(d.scored).map(|(r, scored)| {
                                    let (label, class) = match (r, scored) {
                                        (_, false) => (td_string!(l, scorecard.not_scored).to_string(), "rating rating-not-counted".to_string()),
                                        (Some(r), true) => (text::rating(l, r).to_string(), format!("rating rating-{r}")),
                                        (None, true) => (td_string!(l, scorecard.not_assessed_short).to_string(), "rating rating-none".to_string()),
                                    };
                                    view! { <td class=class>{label}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="hint">{t!(i18n, scorecard.not_scored_hint)}</p>
        </section>
    }
    .into_any()
}

fn org_links(orgs: Vec<OrganisationRef>) -> impl IntoView {
    orgs.into_iter()
        .enumerate()
        .map(|(i, o)| {
            view! {
                {(i > 0).then_some(", ")}
                <a href=format!("/organisations/{}", o.slug)>{o.name}</a>
            }
        })
        .collect_view()
}

/// For its members and coordinators: the organisation's draft positions and the links to
/// start one (and, for coordinators, to edit the organisation). Nothing for the public.
#[component]
fn OrganisationDrafts(slug: String) -> impl IntoView {
    let key = slug.clone();
    let data = Resource::new(move || Some(key.clone()), get_unpublished_positions);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    let l = use_i18n().get_locale_untracked();
                    let d = data.await.unwrap_or_default();
                    (d.can_draft || d.can_edit_organisation).then(|| view! {
                        <div class="record-actions">
                            {d.can_edit_organisation.then(|| view! {
                                <a href=format!("/organisations/{slug}/edit") class="button">{td_string!(l, record.edit_organisation)}</a> " "
                            })}
                            {d.can_draft.then(|| view! {
                                <a href=format!("/organisations/{slug}/positions/new") class="button">{td_string!(l, record.new_position)}</a>
                            })}
                        </div>
                        <DraftList drafts=d.drafts />
                    })
                })
            }}
        </Suspense>
    }
}

/// Draft positions, linked, for the people who may see them.
#[component]
pub fn DraftList(drafts: Vec<domain::types::PositionRef>) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    view! {
        <section class="drafts-private" aria-labelledby="drafts-private-heading">
            <h2 id="drafts-private-heading">{td_string!(l, record.drafts_heading)}</h2>
            {if drafts.is_empty() {
                view! { <p>{td_string!(l, record.no_drafts)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {drafts.into_iter().map(|p| view! {
                            <li>
                                <a href=format!("/positions/{}", p.slug)>{p.title}</a>
                                " (" {td_string!(l, record.draft_badge)} ") · "
                                {org_links(p.signatories)}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn OrganisationBody(org: OrganisationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let s = org.summary;
    let title = if s.acronym.is_empty() { s.name.clone() } else { format!("{} ({})", s.name, s.acronym) };
    view! {
        <Title text=s.name.clone() />
        <Breadcrumb parent_href="/organisations" parent_label=td_string!(l, nav.organisations) current=s.name.clone() />
        <h1>{title}</h1>
        <FollowButton kind=FollowKind::Organisation key=s.slug.clone() back=format!("/organisations/{}", s.slug) />
        <OrganisationDrafts slug=s.slug.clone() />
        {(!org.description.is_empty()).then(|| view! { <p class="lead">{org.description.clone()}</p> })}
        <dl class="facts">
            <div class="fact"><dt>{t!(i18n, organisations.kind)}</dt><dd>{text::org_kind(l, s.kind)}</dd></div>
            <div class="fact"><dt>{t!(i18n, organisations.region)}</dt><dd>{text::region(l, s.region)}</dd></div>
            {(!s.country.is_empty()).then(|| view! {
                <div class="fact"><dt>{t!(i18n, organisations.country)}</dt><dd>{s.country.clone()}</dd></div>
            })}
            {(!org.website.is_empty()).then(|| view! {
                <div class="fact"><dt>{t!(i18n, organisations.website)}</dt><dd><a href=org.website.clone() rel="external noopener">{org.website.clone()}</a></dd></div>
            })}
            {(!org.member_of.is_empty()).then(|| view! {
                <div class="fact"><dt>{t!(i18n, organisations.member_of)}</dt><dd>{org_links(org.member_of.clone())}</dd></div>
            })}
            {(!org.members.is_empty()).then(|| view! {
                <div class="fact"><dt>{t!(i18n, organisations.members)}</dt><dd>{org_links(org.members.clone())}</dd></div>
            })}
        </dl>
        <section aria-labelledby="positions-heading">
            <h2 id="positions-heading">{t!(i18n, organisations.positions_heading)}</h2>
            {if org.positions.is_empty() {
                view! { <p>{t!(i18n, organisations.no_positions)}</p> }.into_any()
            } else {
                org.positions.into_iter().map(|p| view! { <Position p /> }).collect_view().into_any()
            }}
        </section>
    }
}

/// A position with its demands. On an organisation's page it links to the position's own page
/// (where it is discussed); there, `on_own_page` leaves out the heading the page already has.
#[component]
pub fn Position(
    p: PositionView,
    #[prop(optional)] on_own_page: bool,
    /// Rendered under each demand (its thread), given the demand's slug.
    #[prop(optional)]
    under_demand: Option<std::sync::Arc<dyn Fn(String) -> AnyView + Send + Sync>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let heading_id = format!("{}-heading", p.slug);
    let labelled_by = heading_id.clone();
    let scored = text::scored_note(l, &p);
    let addressed = text::addresses(l, p.addresses, &p.addressee);
    let scored_class = if p.addresses == domain::types::Addresses::Negotiation { "scored" } else { "scored context" };
    view! {
        <article class="position" id=p.slug.clone() aria-labelledby=labelled_by>
            {if on_own_page {
                view! { <h2 id=heading_id class="visually-hidden">{p.title.clone()}</h2> }.into_any()
            } else {
                view! {
                    <h3 id=heading_id>
                        <a href=format!("/positions/{}", p.slug)>{p.title.clone()}</a>
                    </h3>
                }
                    .into_any()
            }}
            <dl class="facts compact">
                <div class="fact"><dt>{t!(i18n, organisations.published)}</dt><dd><MaybeDateText span=p.published /></dd></div>
                <div class="fact"><dt>{t!(i18n, addresses.label)}</dt><dd>{addressed}</dd></div>
                {p.responds_to.clone().map(|d| view! {
                    <div class="fact"><dt>{t!(i18n, addresses.responds_to)}</dt><dd><a href=format!("/drafts/{}", d.slug)>{d.label}</a></dd></div>
                })}
                <div class="fact"><dt>{t!(i18n, organisations.signatories)}</dt><dd>{org_links(p.signatories.clone())}</dd></div>
                {p.source.clone().map(|src| view! {
                    <div class="fact">
                        <dt>{t!(i18n, organisations.source)}</dt>
                        <dd>
                            <cite>{src.title.clone()}</cite>
                            ", " {src.publisher.clone()} ", " <MaybeDateText span=src.published />
                            {(!src.url.is_empty()).then(|| view! { " · " <a href=src.url.clone() rel="external noopener">{src.url.clone()}</a> })}
                        </dd>
                    </div>
                })}
                {(!p.source_locator.is_empty()).then(|| view! {
                    <div class="fact"><dt>{t!(i18n, organisations.locator)}</dt><dd>{p.source_locator.clone()}</dd></div>
                })}
                {p.presented_at.clone().map(|c| view! {
                    <div class="fact"><dt>{t!(i18n, organisations.presented_at)}</dt><dd><a href=format!("/consultations/{}", c.slug)>{c.title}</a></dd></div>
                })}
            </dl>
            {(!p.summary.is_empty()).then(|| view! { <p>{p.summary.clone()}</p> })}
            <p class=scored_class><strong>{t!(i18n, addresses.in_scorecard)} ": "</strong>{scored}</p>
            {if on_own_page {
                view! { <h3>{t!(i18n, organisations.demands_heading)}</h3> }.into_any()
            } else {
                view! { <h4>{t!(i18n, organisations.demands_heading)}</h4> }.into_any()
            }}
            <ol class="demands">
                {p.demands.into_iter().map(|d| {
                    let thread = under_demand.as_ref().map(|f| f(d.slug.clone()));
                    view! {
                    <li id=d.slug.clone()>
                        <p>
                            {d.text}
                            {(!d.quote.is_empty()).then(|| view! { " " <q class="quote">{d.quote.clone()}</q> })}
                        </p>
                        <p class="demand-elements">
                            <span class="label">{t!(i18n, organisations.elements_of_demand)} ": "</span>
                            {d.elements.into_iter().map(|m| {
                                let class = format!("element-chip stance-{}", m.stance);
                                view! {
                                    <a class=class href=format!("/elements/{}", m.letter)>
                                        {format!("({}) ", m.letter)}
                                        {text::stance(l, m.stance)}
                                    </a>
                                    " "
                                }
                            }).collect_view()}
                        </p>
                        {thread}
                    </li>
                }}).collect_view()}
            </ol>
        </article>
    }
}
