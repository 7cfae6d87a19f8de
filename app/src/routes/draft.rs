//! `/drafts/{slug}`: a draft's sections, as assessments cite them; `/drafts/compare`: two
//! drafts section by section, with the words added and removed marked.
use domain::types::FollowKind;
use domain::types::{DocumentedChange, DraftComparison, DraftDetail, SectionChange, SectionKind, Segment};
use leptos::prelude::*;

use crate::components::follow::FollowButton;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::scorecard::{get_comparison, get_draft};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::date::DayText;
use crate::components::layout::CoordinatorOnly;
use crate::components::loaded::{loaded, loaded_with_form};
use crate::forms::FormState;
use crate::i18n::*;
use crate::routes::scorecard::scorecard_query;
use crate::routes::scorecard_change::FromTo;
use crate::text;

#[component]
pub fn DraftPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("slug").unwrap_or_default()), get_draft);
    loaded_with_form(data, |draft, form| view! { <Draft draft form /> })
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
fn Draft(draft: DraftDetail, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let slug = draft.slug.clone();
    let keys: Vec<String> = draft.sections.iter().filter_map(|s| s.key.clone()).collect();
    let drafts = draft.drafts.clone();
    view! {
        <Title text=draft.label.clone() />
        <Breadcrumb parent_href="/drafts" parent_label=td_string!(l, nav.drafts) current=draft.label.clone() />
        <h1>{draft.label.clone()}</h1>
        <FollowButton kind=FollowKind::Draft key=slug.clone() back=format!("/drafts/{slug}") />
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
            <p class="notice" role="note">{t!(i18n, drafts.known_sections_only)}</p>
        })}
        <section class="documented-changes" aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t!(i18n, drafts.changes_heading)}</h2>
            {if draft.changes.is_empty() {
                view! { <p>{t!(i18n, drafts.no_changes)}</p> }.into_any()
            } else {
                view! { <DocumentedChanges changes=draft.changes.clone() with_draft=false delete_from=Some(draft.slug.clone()) /> }.into_any()
            }}
            <CoordinatorOnly>
                <AddChangeForm slug=draft.slug.clone() sections=keys.clone() drafts=drafts.clone() form=form.clone() />
            </CoordinatorOnly>
        </section>
        {draft.sections.is_empty().then(|| view! { <p>{t!(i18n, drafts.no_text)}</p> })}
        <div class="draft-text">
            {draft.sections.into_iter().map(|s| {
                let title = section_title(l, s.kind, &s.number, &s.heading);
                let id = s.key.clone().unwrap_or_default();
                let unheld = s.heading.is_empty() && s.body.is_empty();
                let note = (unheld && s.kind == SectionKind::Objective).then(|| view! { <p class="unknown-title">{t!(i18n, drafts.title_not_known)}</p> });
                let source = (!s.source_url.is_empty()).then(|| view! {
                    <p class="section-source"><a href=s.source_url.clone() rel="external noopener">{t!(i18n, drafts.section_source)}</a></p>
                });
                match s.kind {
                    SectionKind::Paragraph => view! {
                        <section class="paragraph" id=id>
                            <h3 class="para-number">{title}</h3>
                            {(!s.body.is_empty()).then(|| view! { <p class="body">{s.body.clone()}</p> })}
                            {source}
                        </section>
                    }.into_any(),
                    _ => view! {
                        <section class="part" id=id>
                            <h2>{title}</h2>
                            {note}
                            {(!s.body.is_empty()).then(|| view! { <p class="body">{s.body.clone()}</p> })}
                            {source}
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
            {(tally.not_held > 0).then(|| view! { " " {td_string!(l, drafts.compare_not_held, count = tally.not_held).to_string()} })}
        </p>
        <section class="documented-changes" aria-labelledby="documented-heading">
            <h2 id="documented-heading">{t!(i18n, drafts.documented_heading)}</h2>
            <p>{td_string!(l, drafts.documented_intro, from = cmp.from.label.clone(), to = cmp.to.label.clone()).to_string()}</p>
            {if cmp.documented.is_empty() {
                view! { <p>{t!(i18n, drafts.no_documented)}</p> }.into_any()
            } else {
                view! { <DocumentedChanges changes=cmp.documented.clone() with_draft=true delete_from=None /> }.into_any()
            }}
        </section>
        <h2>{t!(i18n, drafts.word_level_heading)}</h2>
        <p class="hint">{t!(i18n, drafts.compare_legend)}</p>
        <div class="comparison">
            {cmp.sections.into_iter().filter(|s| !matches!(s.change, SectionChange::Unchanged | SectionChange::NotHeld)).map(|s| {
                let (label, class) = match s.change {
                    SectionChange::Added => (td_string!(l, drafts.added), "added"),
                    SectionChange::Removed => (td_string!(l, drafts.removed), "removed"),
                    SectionChange::Reworded => (td_string!(l, drafts.reworded), "reworded"),
                    SectionChange::Unchanged => (td_string!(l, drafts.unchanged), "unchanged"),
                    SectionChange::NotHeld => (td_string!(l, drafts.not_held), "not-held"),
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

/// Changes documented between drafts: where, what, the wording before and after as a source
/// quotes it, and the source. `with_draft` names the draft each was first documented in;
/// `delete_from` (a draft's slug) gives coordinators a button to remove one.
#[component]
fn DocumentedChanges(changes: Vec<DocumentedChange>, with_draft: bool, delete_from: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <ol class="changes">
            {changes.into_iter().map(|c| {
                let delete = delete_from.clone().map(|slug| view! {
                    <CoordinatorOnly>
                        <form method="post" action=format!("/drafts/{slug}/changes/{}/delete", c.id) class="inline">
                            <input type="hidden" name="version" value=c.version.to_string() />
                            <button type="submit" class="link">{t!(i18n, drafts.change_delete)}</button>
                        </form>
                    </CoordinatorOnly>
                });
                let section = (!c.section.is_empty()).then(|| {
                    let href = format!("/drafts/{}#{}", c.draft.slug, c.section);
                    view! { " · " <a href=href>{text::section(l, &c.section)}</a> }
                });
                view! {
                    <li class="change" id=format!("change-{}", c.id)>
                        <p class="where">
                            {with_draft.then(|| view! { <a href=format!("/drafts/{}", c.draft.slug)>{c.draft.label.clone()}</a> " · " })}
                            <strong>{c.locator.clone()}</strong>
                            {section}
                            {c.earlier.clone().map(|e| view! { " · " {td_string!(l, drafts.change_since, draft = e.label).to_string()} })}
                        </p>
                        <p>{c.summary.clone()}</p>
                        {(!c.before.is_empty()).then(|| view! { <p class="before">{t!(i18n, drafts.change_before)} " " <del><q>{c.before.clone()}</q></del></p> })}
                        {(!c.after.is_empty()).then(|| view! { <p class="after">{t!(i18n, drafts.change_after)} " " <ins><q>{c.after.clone()}</q></ins></p> })}
                        <p class="change-source">{t!(i18n, drafts.source)} ": " <a href=c.source_url.clone() rel="external noopener">{c.source_url.clone()}</a></p>
                        {delete}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// A coordinator records a change first documented in this draft (plain form, no script).
#[component]
fn AddChangeForm(
    slug: String,
    sections: Vec<String>,
    drafts: Vec<domain::types::DraftRef>,
    form: FormState,
) -> impl IntoView {
    use crate::components::field::{SelectField, TextArea, TextField};
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let refused = !form.errors.is_empty();
    let err = |f: &str| form.error_for(f).cloned();
    let value = |f: &str| form.values.get(f).to_string();
    let mut section_options = vec![(String::new(), td_string!(l, drafts.assess_no_section).to_string())];
    section_options.extend(sections.iter().map(|k| (k.clone(), text::section(l, k))));
    let mut earlier_options = vec![(String::new(), td_string!(l, drafts.change_earlier_unknown).to_string())];
    earlier_options.extend(drafts.into_iter().take_while(|d| d.slug != slug).map(|d| (d.slug, d.label)));
    view! {
        <details class="add-change" open=refused>
            <summary>{t!(i18n, drafts.change_add)}</summary>
            <form method="post" action=format!("/drafts/{slug}/changes") class="stacked">
                <TextField name="locator" label=td_string!(l, drafts.change_locator) value=value("locator") error=err("locator") required=true maxlength=300
                    hint=td_string!(l, drafts.change_locator_hint).to_string() />
                <SelectField name="section" label=td_string!(l, drafts.assess_section) value=value("section") error=err("section") options=section_options />
                <SelectField name="earlier" label=td_string!(l, drafts.change_earlier) value=value("earlier") error=err("earlier") options=earlier_options />
                <TextArea name="summary" label=td_string!(l, drafts.change_summary) value=value("summary") error=err("summary") required=true maxlength=1000 rows=3 />
                <TextField name="before" label=td_string!(l, drafts.change_before) value=value("before") error=err("before") maxlength=500 />
                <TextField name="after" label=td_string!(l, drafts.change_after) value=value("after") error=err("after") maxlength=500 />
                <TextField name="source_url" label=td_string!(l, drafts.source) value=value("source_url") error=err("source_url") kind="url" required=true maxlength=500
                    hint=td_string!(l, drafts.source_url_hint).to_string() />
                <button type="submit">{t!(i18n, drafts.change_save)}</button>
            </form>
        </details>
    }
}
