//! The coordinators' assessing page (`/drafts/{slug}/assess`): the demands not yet rated
//! against a draft, filterable by element and organisation, each with the previous draft's
//! rating and evidence beside its form (and prefilled from it, to be checked and saved).
use domain::types::{AssessmentView, FormValues, Rating, SectionView, WorkItem, Worklist, MAX_QUOTE_CHARS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::drafts::get_worklist;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::field::{FormNotice, SelectField, TextArea, TextField};
use crate::components::loaded::loaded_with_form;
use crate::components::scorecard::{query_of, Pager};
use crate::forms::FormState;
use crate::i18n::*;
use crate::routes::scorecard::scorecard_query;
use crate::text;

#[component]
pub fn AssessPage() -> impl IntoView {
    let params = use_params_map();
    let query = scorecard_query();
    let saved = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("slug").unwrap_or_default()), query.get(), saved.with(|q| q.get("saved"))),
        |(slug, query, saved)| get_worklist(slug, query, saved),
    );
    loaded_with_form(data, |list, form| view! { <Assessing list form /> })
}

/// The page's filter as a query string (what each form posts back with).
fn filter_query(element: Option<char>, organisation: Option<String>, all: bool) -> String {
    query_of(&[
        ("element", element.map(|c| c.to_string())),
        ("organisation", organisation),
        ("show", all.then(|| "all".to_string())),
    ])
}

#[component]
fn Assessing(list: Worklist, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let query = scorecard_query().get_untracked();
    let element = query.element.as_deref().and_then(|e| e.chars().next());
    let organisation = query.organisation.clone().filter(|o| !o.is_empty());
    let all = query.show.as_deref() == Some("all");
    let base = filter_query(element, organisation.clone(), all);
    let heading = td_string!(l, drafts.assess_heading, label = list.draft.label.clone()).to_string();
    let saved_text = list.saved.as_ref().map(|d| d.text.clone());
    let draft_slug = list.draft.slug.clone();
    let previous_label = list.previous.as_ref().map(|p| p.label.clone());
    let sections = list.sections.clone();
    let pages = list.items.pages();
    let page = list.items.page;
    let items = list.items.items.clone();
    let empty = items.is_empty();
    view! {
        <Title text=heading.clone() />
        <Breadcrumb parent_href=format!("/drafts/{draft_slug}") parent_label=list.draft.label.clone() current=heading.clone() />
        <h1>{heading}</h1>
        <p class="lead">{td_string!(l, drafts.assess_counts, pending = list.pending, total = list.total).to_string()}</p>
        <p class="hint">{match &previous_label {
            Some(p) => td_string!(l, drafts.assess_previous, label = p.clone()).to_string(),
            None => td_string!(l, drafts.assess_first).to_string(),
        }}</p>
        {saved_text.map(|t| view! {
            <div class="notice notice-ok" role="status"><p>{td_string!(l, drafts.assess_saved, demand = t).to_string()}</p></div>
        })}
        <FormNotice notice=form.notice />
        {(!form.values.get("demand").is_empty()).then(|| view! {
            <p><a href=format!("#demand-{}", form.values.get("demand"))>{t!(i18n, drafts.assess_goto)}</a></p>
        })}
        <Filters list=list.clone() element organisation all />
        {empty.then(|| view! { <p>{t!(i18n, drafts.assess_none)}</p> })}
        <ol class="worklist" id="worklist">
            {items.into_iter().map(|item| {
                let action = format!("/drafts/{draft_slug}/assess/{}{}", item.demand.slug, if base.is_empty() { String::new() } else { format!("?{base}") });
                view! { <Item item action sections=sections.clone() previous_label=previous_label.clone() form=form.clone() /> }
            }).collect_view()}
        </ol>
        <Pager base=base.clone() page pages />
    }
}

#[component]
fn Filters(list: Worklist, element: Option<char>, organisation: Option<String>, all: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let any = td_string!(l, common.all).to_string();
    let mut elements = vec![(String::new(), any.clone())];
    elements.extend(list.elements.iter().map(|e| (e.letter.to_string(), format!("({}) {}", e.letter, e.text))));
    let mut organisations = vec![(String::new(), any)];
    organisations.extend(list.organisations.iter().map(|o| (o.slug.clone(), o.name.clone())));
    let show = vec![
        ("pending".to_string(), td_string!(l, drafts.assess_show_pending).to_string()),
        ("all".to_string(), td_string!(l, drafts.assess_show_all).to_string()),
    ];
    view! {
        <form method="get" class="filters">
            <SelectField name="element" label=td_string!(l, scorecard.element) value=element.map(|c| c.to_string()).unwrap_or_default() options=elements />
            <SelectField name="organisation" label=td_string!(l, scorecard.organisation) value=organisation.unwrap_or_default() options=organisations />
            <SelectField name="show" label=td_string!(l, scorecard.show) value=if all { "all" } else { "pending" } options=show />
            <button type="submit">{t!(i18n, scorecard.show)}</button>
        </form>
    }
}

fn section_label(l: Locale, s: &SectionView) -> Option<(String, String)> {
    let key = s.key.clone()?;
    let name = text::section(l, &key);
    let label = if s.heading.is_empty() { name } else { format!("{name}: {}", s.heading) };
    Some((key, label.chars().take(120).collect()))
}

/// A stored rating with its evidence, as a short paragraph.
#[component]
fn Evidence(a: AssessmentView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <strong class=format!("rating rating-{}", a.rating)>{text::rating(l, a.rating)}</strong>
        {(!a.section.is_empty()).then(|| view! { " · " {text::section(l, &a.section)} })}
        {(!a.quote.is_empty()).then(|| view! { " · " <q>{a.quote.clone()}</q> })}
        {(!a.note.is_empty()).then(|| view! { " · " {a.note.clone()} })}
        {(!a.source_url.is_empty()).then(|| view! { " · " <a href=a.source_url.clone() rel="external noopener">{t!(i18n, scorecard.source_link)}</a> })}
        {a.by_tracker.then(|| view! { " " <span class="by-tracker-tag">{t!(i18n, scorecard.by_tracker)}</span> })}
    }
}

/// What one demand's form starts with: what was posted (refused), the stored rating, or the
/// previous draft's (when its section exists in this draft), in that order.
fn start_values(item: &WorkItem, sections: &[SectionView], form: &FormState) -> (FormValues, bool) {
    if form.values.get("demand") == item.demand.slug {
        return (form.values.clone(), false);
    }
    let of = |a: &AssessmentView| {
        FormValues(vec![
            ("rating".into(), a.rating.to_string()),
            ("section".into(), a.section.clone()),
            ("quote".into(), a.quote.clone()),
            ("note".into(), a.note.clone()),
            ("source_url".into(), a.source_url.clone()),
        ])
    };
    if let Some(current) = &item.current {
        return (of(current), false);
    }
    match &item.previous {
        Some(p) if p.section.is_empty() || sections.iter().any(|s| s.key.as_deref() == Some(p.section.as_str())) => {
            (of(p), true)
        }
        _ => (FormValues::default(), false),
    }
}

#[component]
fn Item(
    item: WorkItem,
    action: String,
    sections: Vec<SectionView>,
    previous_label: Option<String>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let slug = item.demand.slug.clone();
    let (values, prefilled) = start_values(&item, &sections, &form);
    let mine = form.values.get("demand") == slug;
    let err = |f: &str| if mine { form.error_for(f).cloned() } else { None };
    let key = |f: &str| format!("{slug}-{f}");
    let mut options = vec![(String::new(), td_string!(l, drafts.assess_no_section).to_string())];
    options.extend(sections.iter().filter_map(|s| section_label(l, s)));
    let version = item.current.as_ref().map(|c| c.version).unwrap_or(0).to_string();
    let rating_error = err("rating").map(|e| text::reason(l, &e.reason));
    let draft_error = err("draft").map(|e| text::reason(l, &e.reason));
    let chosen = values.get("rating").to_string();
    let heading_id = format!("item-{slug}");
    let labelled_by = heading_id.clone();
    let rating_described = rating_error.as_ref().map(|_| format!("e-{}", key("rating")));
    let orgs = item.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ");
    let letters = item.elements.iter().map(|c| format!("({c})")).collect::<Vec<_>>().join(" ");
    view! {
        <li class="work-item" id=format!("demand-{slug}")>
            <article aria-labelledby=labelled_by>
                <h2 id=heading_id class="demand-text">
                    <a href=format!("/positions/{}#{}", item.demand.position_slug, slug)>{item.demand.text.clone()}</a>
                </h2>
                <p class="meta">{orgs} " · " {item.demand.position_title.clone()} " · " {t!(i18n, scorecard.element)} " " {letters}</p>
                {previous_label.clone().map(|label| view! {
                    <p class="previous">
                        {match item.previous.clone() {
                            Some(a) => view! { {td_string!(l, drafts.assess_on, label = label.clone()).to_string()} " " <Evidence a /> }.into_any(),
                            None => view! { {td_string!(l, drafts.assess_not_on, label = label.clone()).to_string()} }.into_any(),
                        }}
                    </p>
                })}
                {item.current.clone().map(|a| view! { <p class="current">{t!(i18n, drafts.assess_now)} " " <Evidence a /></p> })}
                <form method="post" action=action class="stacked assess-form">
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="demand" value=slug.clone() />
                    {prefilled.then(|| view! { <p class="hint">{t!(i18n, drafts.assess_prefilled)}</p> })}
                    <fieldset class="ratings" aria-describedby=rating_described>
                        <legend>{t!(i18n, drafts.assess_rating)}</legend>
                        {Rating::ALL.iter().map(|r| {
                            let id = format!("f-{}-{r}", key("rating"));
                            view! {
                                <span class="choice">
                                    <input type="radio" id=id.clone() name="rating" value=r.to_string() checked=chosen == r.to_string() required=true />
                                    <label for=id>{text::rating(l, *r)}</label>
                                </span>
                            }
                        }).collect_view()}
                        {rating_error.map(|e| view! { <p class="field-error" id=format!("e-{}", key("rating"))>{e}</p> })}
                    </fieldset>
                    <SelectField name="section" id=key("section") label=td_string!(l, drafts.assess_section) value=values.get("section").to_string()
                        error=err("section") options hint=td_string!(l, drafts.assess_section_hint).to_string() />
                    <TextArea name="quote" id=key("quote") label=td_string!(l, drafts.assess_quote) value=values.get("quote").to_string()
                        error=err("quote") required=true maxlength=MAX_QUOTE_CHARS rows=2 hint=td_string!(l, drafts.assess_quote_hint).to_string() />
                    <TextField name="source_url" id=key("source_url") label=td_string!(l, drafts.assess_source_url) value=values.get("source_url").to_string()
                        error=err("source_url") kind="url" maxlength=500 hint=td_string!(l, drafts.assess_source_url_hint).to_string() />
                    <TextArea name="note" id=key("note") label=td_string!(l, drafts.assess_note) value=values.get("note").to_string()
                        error=err("note") maxlength=1000 rows=2 />
                    {draft_error.map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    <button type="submit">{t!(i18n, drafts.assess_save)}</button>
                </form>
            </article>
        </li>
    }
}
