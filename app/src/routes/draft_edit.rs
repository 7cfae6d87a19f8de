//! The coordinators' draft editor (`/drafts/new`, `/drafts/{slug}/edit`): the draft's details
//! and its text, pasted or uploaded, split into numbered sections when saved.
use domain::types::fields::CompactDraftField as F;
use domain::types::{DraftFields, TextFormat};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use strum::IntoEnumIterator;

use crate::api::drafts::{get_draft_editor, DraftEditor};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::conflict::ConflictTable;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, SelectField, TextArea, TextField};
use crate::field_labels::{conflict_rows, FieldLabel};
use crate::forms::{posted_form, FormState, Notice};
use crate::i18n::*;
use crate::text;

#[component]
pub fn DraftEditPage() -> impl IntoView {
    let params = use_params_map();
    editor_view(Resource::new(move || params.with(|p| p.get("slug")), get_draft_editor))
}

#[component]
pub fn DraftNewPage() -> impl IntoView {
    editor_view(Resource::new(|| None, get_draft_editor))
}

fn editor_view(editor: Resource<Result<DraftEditor, crate::error::AppError>>) -> impl IntoView {
    let posted = posted_form();
    view! {
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                match editor.await {
                    Ok(editor) => view! { <Editor editor form /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(editor: DraftEditor, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let posted = form.notice.is_some() && form.values.has("label");
    let mut values = if posted { form.values.clone() } else { editor.values.clone() };
    // An uploaded file that was read is kept in the text box, so a refusal loses nothing.
    let text = DraftFields::text_of(&values);
    values.0.retain(|(k, _)| k != "text" && k != "text_file");
    values.0.push(("text".into(), text));
    let (heading, action, version) = match &editor.current {
        Some(d) => (
            td_string!(l, drafts.edit_heading, label = d.label.clone()).to_string(),
            format!("/drafts/{}/edit", d.slug),
            d.version.to_string(),
        ),
        None => (td_string!(l, drafts.new_heading).to_string(), "/drafts/new".to_string(), String::new()),
    };
    let conflict = (posted && form.notice == Some(Notice::Conflict) && editor.current.is_some())
        .then(|| conflict_rows::<F>(l, &editor.values, &values));
    let err = |f: &str| form.error_for(f).cloned();
    let v = |f: &str| values.get(f).to_string();
    let formats: Vec<(String, String)> =
        TextFormat::iter().map(|f| (f.to_string(), text::text_format(l, f).to_string())).collect();
    let file_error = err("text_file").map(|e| text::reason(l, &e.reason));
    let file_class = if file_error.is_some() { "field has-error" } else { "field" };
    let file_invalid = file_error.is_some().then_some("true");
    let file_described = if file_error.is_some() { "h-text_file e-text_file" } else { "h-text_file" };
    view! {
        <Title text=heading.clone() />
        <Breadcrumb parent_href="/drafts" parent_label=td_string!(l, nav.drafts) current=heading.clone() />
        <h1>{heading}</h1>
        <FormNotice notice=form.notice />
        {conflict.map(|rows| view! { <ConflictTable rows /> })}
        <form method="post" action=action class="stacked editor" enctype="multipart/form-data">
            <input type="hidden" name="version" value=version />
            <TextField name="label" label=F::Label.label(l) value=v("label") error=err("label") required=true maxlength=200
                hint=td_string!(l, drafts.label_hint).to_string() />
            <TextField name="slug" label=F::Slug.label(l) value=v("slug") error=err("slug") required=true maxlength=120
                hint=td_string!(l, editor.slug_hint).to_string() />
            <TextField name="released_on" label=F::ReleasedOn.label(l) value=v("released_on") error=err("released_on")
                kind="date" required=true />
            <TextField name="source_url" label=F::SourceUrl.label(l) value=v("source_url") error=err("source_url")
                kind="url" maxlength=500 hint=td_string!(l, drafts.source_url_hint).to_string() />
            <TextArea name="note" label=F::Note.label(l) value=v("note") error=err("note") maxlength=2000 rows=2 />
            <fieldset class="draft-text-entry">
                <legend>{t!(i18n, drafts.text)}</legend>
                <p class="hint">{t!(i18n, drafts.text_intro)}</p>
                <SelectField name="format" label=td_string!(l, drafts.format) value=v("format") error=err("format") options=formats />
                <TextArea name="text" label=td_string!(l, drafts.text_paste) value=v("text") error=err("text") rows=18
                    hint=td_string!(l, drafts.text_hint).to_string() />
                <div class=file_class>
                    <label for="f-text_file">{t!(i18n, drafts.text_file)}</label>
                    <p class="hint" id="h-text_file">{t!(i18n, drafts.text_file_hint)}</p>
                    <input type="file" id="f-text_file" name="text_file" accept=".md,.markdown,.txt,text/plain,text/markdown"
                        aria-describedby=file_described aria-invalid=file_invalid />
                    {file_error.map(|e| view! { <p class="field-error" id="e-text_file">{e}</p> })}
                </div>
                <TextField name="objective_count" label=F::ObjectiveCount.label(l) value=v("objective_count")
                    error=err("objective_count") kind="number" hint=td_string!(l, drafts.objective_count_hint).to_string() />
            </fieldset>
            <TextField name="change_note" label=td_string!(l, editor.change_note) value=v("change_note") maxlength=500
                hint=td_string!(l, editor.change_note_hint).to_string() />
            <button type="submit">{t!(i18n, editor.save)}</button>
        </form>
    }
}
