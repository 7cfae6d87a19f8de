//! The coordinators' phase editor (`/phases/{slug}/edit`, `/phases/new`), with the same
//! conflict handling as consultations.
use domain::types::fields::PhaseField as F;
use domain::types::{DatePrecision, FormValues, PhaseInput, PhaseView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use strum::IntoEnumIterator;

use crate::api::timeline_editors::get_phase_editor;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::conflict::ConflictTable;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, SelectField, TextArea, TextField};
use crate::field_labels::{conflict_rows, FieldLabel};
use crate::forms::{posted_form, FormState, Notice};
use crate::i18n::*;
use crate::text;

#[component]
pub fn PhaseEditPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(move || params.with(|p| p.get("slug")), get_phase_editor);
    editor_view(editor)
}

#[component]
pub fn PhaseNewPage() -> impl IntoView {
    editor_view(Resource::new(|| None, get_phase_editor))
}

fn editor_view(editor: Resource<Result<Option<PhaseView>, crate::error::AppError>>) -> impl IntoView {
    let posted = posted_form();
    view! {
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                match editor.await {
                    Ok(current) => view! { <Editor current form /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(current: Option<PhaseView>, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let posted = form.notice.is_some() && form.values.has("name");
    let stored = current.as_ref().map(|p| PhaseInput::of(p).to_form());
    let values = if posted {
        form.values.clone()
    } else {
        stored.clone().unwrap_or_else(|| FormValues::of(&[("precision", "month")]))
    };
    let (heading, action, version) = match &current {
        Some(p) => (
            td_string!(l, editor.edit_heading, title = text::phase_name(l, p)).to_string(),
            format!("/phases/{}/edit", p.slug),
            p.version.to_string(),
        ),
        None => (td_string!(l, phases.new_heading).to_string(), "/phases/new".to_string(), String::new()),
    };
    let conflict = (posted && form.notice == Some(Notice::Conflict))
        .then(|| stored.map(|theirs| conflict_rows::<F>(l, &theirs, &values)))
        .flatten();
    let err = |f: &str| form.error_for(f).cloned();
    let v = |f: &str| values.get(f).to_string();
    let precisions: Vec<(String, String)> =
        DatePrecision::iter().map(|p| (p.to_string(), text::precision(l, p).to_string())).collect();
    let crumb = heading.clone();
    let delete = current.clone();
    let confirm_error = err("confirm").map(|e| text::reason(l, &e.reason));
    view! {
        <Title text=heading.clone() />
        <Breadcrumb parent_href="/timeline" parent_label=td_string!(l, nav.timeline) current=crumb />
        <h1>{heading}</h1>
        <FormNotice notice=form.notice />
        {conflict.map(|rows| view! { <ConflictTable rows /> })}
        <form method="post" action=action class="stacked editor">
            <input type="hidden" name="version" value=version />
            <TextField name="name" label=F::Name.label(l) value=v("name") error=err("name") required=true maxlength=200 />
            <TextField name="slug" label=F::Slug.label(l) value=v("slug") error=err("slug") required=true maxlength=120
                hint=td_string!(l, editor.slug_hint).to_string() />
            <TextField name="ordinal" label=F::Ordinal.label(l) value=v("ordinal") error=err("ordinal") kind="number" required=true
                hint=td_string!(l, phases.ordinal_hint).to_string() />
            <fieldset class="dates">
                <legend>{F::Dates.label(l)}</legend>
                <TextField name="starts_on" label=td_string!(l, editor.starts_on) value=v("starts_on") error=err("starts_on") kind="date" required=true />
                <TextField name="ends_on" label=td_string!(l, editor.ends_on) value=v("ends_on") error=err("ends_on") kind="date" />
                <SelectField name="precision" label=td_string!(l, editor.precision) value=v("precision") error=err("precision")
                    options=precisions hint=td_string!(l, editor.precision_hint).to_string() />
            </fieldset>
            <TextArea name="note" label=F::Note.label(l) value=v("note") error=err("note") maxlength=2000 rows=3 />
            <TextField name="change_note" label=td_string!(l, editor.change_note) value=v("change_note") maxlength=500
                hint=td_string!(l, editor.change_note_hint).to_string() />
            <button type="submit">{t!(i18n, editor.save)}</button>
        </form>
        {delete.map(|p| view! {
            <section class="danger-zone" aria-labelledby="delete-heading">
                <h2 id="delete-heading">{t!(i18n, phases.delete_heading)}</h2>
                <p>{t!(i18n, phases.delete_intro)}</p>
                <form method="post" action=format!("/phases/{}/delete", p.slug) class="stacked">
                    <input type="hidden" name="version" value=p.version.to_string() />
                    <div class="check">
                        <input type="checkbox" id="f-confirm" name="confirm" value="yes" required=true
                            aria-invalid=confirm_error.is_some().then_some("true") />
                        <label for="f-confirm">{t!(i18n, phases.delete_confirm)}</label>
                        {confirm_error.map(|e| view! { <p class="field-error">{e}</p> })}
                    </div>
                    <button type="submit" class="danger">{t!(i18n, editor.delete)}</button>
                </form>
            </section>
        })}
    }
}
