//! `/drafts/{slug}`: a draft's sections, as assessments cite them; `/drafts/compare`: two
//! drafts section by section, with the words added and removed marked.
use domain::types::{DraftComparison, DraftDetail, SectionChange, SectionKind, Segment};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::scorecard::{get_comparison, get_draft};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::date::DayText;
use crate::components::layout::CoordinatorOnly;
use crate::components::loaded::loaded;
use crate::i18n::*;
use crate::routes::scorecard::scorecard_query;
use crate::routes::scorecard_change::FromTo;
use crate::text;

#[component]
pub fn DraftPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("slug").unwrap_or_default()), get_draft);
    view! { {loaded(data, |draft| view! { <Draft draft /> })} }
}

fn section_title(l: Locale, kind: SectionKind, number: &str, heading: &str) -> String {
    let key = match kind {
        SectionKind::Objective => format!("objective-{number}"),
        SectionKind::Paragraph => format!("paragraph-{number}"),
        _ => return heading.to_string(),
    };
    if heading.is_empty() {
        text::section(l, &key)
    } else {
        format!("{}: {heading}", text::section(l, &key))
    }
}

#[component]
fn Draft(draft: DraftDetail) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let slug = draft.slug.clone();
    view! {
        <Title text=draft.label.clone() />
        <Breadcrumb parent_href="/drafts" parent_label=td_string!(l, nav.drafts) current=draft.label.clone() />
        <h1>{draft.label.clone()}</h1>
        <p class="lead">
            {t!(i18n, drafts.released)} " " <DayText date=draft.released_on />
            {(!draft.source_url.is_empty()).then(|| view! { " · " <a href=draft.source_url.clone() rel="external">{t!(i18n, drafts.source)}</a> })}
        </p>
        {(!draft.note.is_empty()).then(|| view! { <p>{draft.note.clone()}</p> })}
        <p><a href=format!("/scorecard?draft={slug}")>{t!(i18n, drafts.scorecard_link)}</a> " · "
           <a href=format!("/drafts/compare?to={slug}")>{t!(i18n, drafts.compare_link)}</a></p>
        <CoordinatorOnly>
            <p class="actions">
                <a href=format!("/drafts/{slug}/assess")>{t!(i18n, drafts.assess_link)}</a> " · "
                <a href=format!("/drafts/{slug}/edit")>{t!(i18n, drafts.edit_link)}</a>
            </p>
        </CoordinatorOnly>
        {(!draft.has_full_text && !draft.sections.is_empty()).then(|| view! {
            <p class="notice" role="note">{t!(i18n, drafts.known_objectives_only)}</p>
        })}
        {draft.sections.is_empty().then(|| view! { <p>{t!(i18n, drafts.no_text)}</p> })}
        <div class="draft-text">
            {draft.sections.into_iter().map(|s| {
                let title = section_title(l, s.kind, &s.number, &s.heading);
                let id = s.key.clone().unwrap_or_default();
                match s.kind {
                    SectionKind::Paragraph => view! {
                        <section class="paragraph" id=id>
                            <h3 class="para-number">{title}</h3>
                            <p class="body">{s.body}</p>
                        </section>
                    }.into_any(),
                    _ => view! {
                        <section class="part" id=id>
                            <h2>{title}</h2>
                            {(!s.body.is_empty()).then(|| view! { <p class="body">{s.body.clone()}</p> })}
                        </section>
                    }.into_any(),
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = scorecard_query();
    let data = Resource::new(move || query.get(), get_comparison);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), drafts.compare_title).to_string() />
        <h1>{t!(i18n, drafts.compare_title)}</h1>
        <p class="lead">{t!(i18n, drafts.compare_intro)}</p>
        {loaded(data, |cmp| view! { <Comparison cmp /> })}
    }
}

fn segments(parts: Vec<Segment>) -> impl IntoView {
    parts
        .into_iter()
        .map(|s| match s {
            Segment::Same(t) => view! { <span>{t}</span> }.into_any(),
            Segment::Added(t) => view! { <ins>{t}</ins> }.into_any(),
            Segment::Removed(t) => view! { <del>{t}</del> }.into_any(),
        })
        .collect_view()
}

#[component]
fn Comparison(cmp: DraftComparison) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let tally = cmp.tally;
    view! {
        <FromTo drafts=cmp.drafts.clone() from=cmp.from.slug.clone() to=cmp.to.slug.clone() />
        <p class="as-of">
            {td_string!(l, drafts.compare_summary, from = cmp.from.label.clone(), to = cmp.to.label.clone(),
                added = tally.added, removed = tally.removed, reworded = tally.reworded, unchanged = tally.unchanged).to_string()}
        </p>
        <p class="hint">{t!(i18n, drafts.compare_legend)}</p>
        <div class="comparison">
            {cmp.sections.into_iter().filter(|s| s.change != SectionChange::Unchanged).map(|s| {
                let (label, class) = match s.change {
                    SectionChange::Added => (td_string!(l, drafts.added), "added"),
                    SectionChange::Removed => (td_string!(l, drafts.removed), "removed"),
                    SectionChange::Reworded => (td_string!(l, drafts.reworded), "reworded"),
                    SectionChange::Unchanged => (td_string!(l, drafts.unchanged), "unchanged"),
                };
                let heading_text: String = s.heading.iter().map(|x| match x { Segment::Same(t) | Segment::Added(t) | Segment::Removed(t) => t.as_str() }).collect();
                let title = section_title(l, s.kind, &s.number, "");
                let title = if s.number.is_empty() { heading_text } else { title };
                view! {
                    <section class=format!("compared {class}")>
                        <h2><span class="change-label">{label}</span> " " {title}</h2>
                        {(!s.heading.is_empty() && !s.number.is_empty()).then(|| view! { <p class="heading">{segments(s.heading.clone())}</p> })}
                        {(!s.body.is_empty()).then(|| view! { <p class="body">{segments(s.body.clone())}</p> })}
                    </section>
                }
            }).collect_view()}
        </div>
        {(tally.unchanged > 0).then(|| view! { <p>{td_string!(l, drafts.unchanged_count, count = tally.unchanged).to_string()}</p> })}
    }
}
