//! The coordinators' consultation editor (`/consultations/{key}/edit`, `/timeline/new`).
//! An edit carries the version it was read at; if someone saved in between, the server
//! answers 409 and this page shows their saved values beside what you typed, to merge.
use domain::types::fields::ConsultationField as F;
use domain::types::{
    CivilSocietyAccess, ConsultationDetail, ConsultationInput, ConsultationKind, ConsultationStatus, DatePrecision,
    ElementLetter, Region,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use strum::IntoEnumIterator;

use crate::api::timeline_editors::{get_consultation_editor, ConsultationEditor};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::conflict::ConflictTable;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, SelectField, TextArea, TextField};
use crate::field_labels::{conflict_rows, FieldLabel};
use crate::forms::{posted_form, FormState, Notice};
use crate::i18n::*;
use crate::text;

#[component]
pub fn ConsultationEditPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(move || params.with(|p| p.get("key")), get_consultation_editor);
    editor_view(editor)
}

#[component]
pub fn ConsultationNewPage() -> impl IntoView {
    let editor = Resource::new(|| (), |_| get_consultation_editor(None));
    editor_view(editor)
}

fn editor_view(editor: Resource<Result<ConsultationEditor, crate::error::AppError>>) -> impl IntoView {
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

fn choices<T: IntoEnumIterator + ToString + Copy>(label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    T::iter().map(|v| (v.to_string(), label(v).to_string())).collect()
}

#[component]
fn Editor(editor: ConsultationEditor, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    // A refused delete comes back here too, without the editor's fields.
    let posted = form.notice.is_some() && form.values.has("title");
    let stored = editor.current.as_ref().map(|c| ConsultationInput::of(c).to_form());
    let values = if posted { form.values.clone() } else { stored.clone().unwrap_or_else(ConsultationInput::new_form) };
    let (heading, action, version) = match &editor.current {
        Some(c) => (
            td_string!(l, editor.edit_heading, title = c.summary.title.clone()).to_string(),
            format!("/consultations/{}/edit", c.summary.slug),
            c.version.to_string(),
        ),
        None => (td_string!(l, editor.new_heading).to_string(), "/timeline/new".to_string(), String::new()),
    };
    let conflict = (posted && form.notice == Some(Notice::Conflict))
        .then(|| stored.map(|theirs| conflict_rows::<F>(l, &theirs, &values)))
        .flatten();
    let err = |f: &str| form.error_for(f).cloned();
    let v = |f: &str| values.get(f).to_string();
    let mut phases = vec![(String::new(), td_string!(l, editor.no_phase).to_string())];
    phases.extend(editor.phases.iter().map(|p| (p.id.to_string(), text::phase_name(l, p))));
    let precisions: Vec<(String, String)> =
        DatePrecision::iter().map(|p| (p.to_string(), text::precision(l, p).to_string())).collect();
    let chosen: Vec<String> = values.all("elements").iter().map(|s| s.to_string()).collect();
    let title_for_crumb = heading.clone();
    let current_for_delete = editor.current.clone();
    let confirm_error = err("confirm").map(|e| text::reason(l, &e.reason));
    view! {
        <Title text=heading.clone() />
        <Breadcrumb parent_href="/timeline" parent_label=td_string!(l, nav.timeline) current=title_for_crumb />
        <h1>{heading}</h1>
        <FormNotice notice=form.notice />
        {conflict.map(|rows| view! { <ConflictTable rows /> })}
        <form method="post" action=action class="stacked editor">
            <input type="hidden" name="version" value=version />
            <TextField name="title" label=F::Title.label(l) value=v("title") error=err("title") required=true maxlength=300 />
            <TextField name="slug" label=F::Slug.label(l) value=v("slug") error=err("slug") required=true maxlength=120
                hint=td_string!(l, editor.slug_hint).to_string() />
            <SelectField name="kind" label=F::Kind.label(l) value=v("kind") error=err("kind")
                options={choices::<ConsultationKind>(|k| text::kind(l, k))} />
            <SelectField name="phase_id" label=F::Phase.label(l) value=v("phase_id") error=err("phase_id") options=phases />
            <fieldset class="dates">
                <legend>{F::Dates.label(l)}</legend>
                <TextField name="starts_on" label=td_string!(l, editor.starts_on) value=v("starts_on") error=err("starts_on")
                    kind="date" required=true />
                <TextField name="ends_on" label=td_string!(l, editor.ends_on) value=v("ends_on") error=err("ends_on")
                    kind="date" hint=td_string!(l, editor.ends_on_hint).to_string() />
                <SelectField name="precision" label=td_string!(l, editor.precision) value=v("precision") error=err("precision")
                    options=precisions hint=td_string!(l, editor.precision_hint).to_string() />
            </fieldset>
            <TextField name="venue_city" label=F::VenueCity.label(l) value=v("venue_city") error=err("venue_city") maxlength=120 />
            <TextField name="venue_country" label=F::VenueCountry.label(l) value=v("venue_country") error=err("venue_country") maxlength=120 />
            <SelectField name="region" label=F::Region.label(l) value=v("region") error=err("region")
                options={choices::<Region>(|r| text::region(l, r))} />
            <TextField name="organiser" label=F::Organiser.label(l) value=v("organiser") error=err("organiser") maxlength=300 />
            <SelectField name="civil_society_access" label=F::CivilSocietyAccess.label(l) value=v("civil_society_access")
                error=err("civil_society_access") options={choices::<CivilSocietyAccess>(|a| text::access(l, a))} />
            <SelectField name="status" label=F::Status.label(l) value=v("status") error=err("status")
                options={choices::<ConsultationStatus>(|s| text::status(l, s))} />
            <fieldset class="element-choices">
                <legend>{F::Elements.label(l)}</legend>
                {err("elements").map(|e| view! { <p class="field-error">{text::reason(l, &e.reason)}</p> })}
                <ul>
                    {ElementLetter::all().map(|letter| {
                        let code = letter.to_string();
                        let checked = chosen.contains(&code);
                        let id = format!("f-element-{code}");
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() name="elements" value=code.clone() checked=checked />
                                <label for=id>{format!("({code})")}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="hint"><a href="/elements">{t!(i18n, editor.elements_hint)}</a></p>
            </fieldset>
            <TextArea name="links" label=F::Links.label(l) value=v("links") error=err("links") rows=3
                hint=td_string!(l, editor.links_hint).to_string() />
            <TextArea name="notes" label=F::Notes.label(l) value=v("notes") error=err("notes") maxlength=5000 rows=4 />
            <TextField name="change_note" label=td_string!(l, editor.change_note) value=v("change_note") error=err("change_note")
                maxlength=500 hint=td_string!(l, editor.change_note_hint).to_string() />
            <button type="submit">{t!(i18n, editor.save)}</button>
        </form>
        {current_for_delete.map(|c| view! { <DeleteForm c confirm_error /> })}
    }
}

/// Deleting asks for a tick in a box, so it works (and is deliberate) without JavaScript.
#[component]
fn DeleteForm(c: ConsultationDetail, confirm_error: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t!(i18n, editor.delete_heading)}</h2>
            <p>{t!(i18n, editor.delete_intro)}</p>
            <form method="post" action=format!("/consultations/{}/delete", c.summary.slug) class="stacked">
                <input type="hidden" name="version" value=c.version.to_string() />
                <div class="check">
                    <input type="checkbox" id="f-confirm" name="confirm" value="yes" required=true
                        aria-invalid=confirm_error.is_some().then_some("true") />
                    <label for="f-confirm">{t!(i18n, editor.delete_confirm)}</label>
                    {confirm_error.map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
                <button type="submit" class="danger">{t!(i18n, editor.delete)}</button>
            </form>
        </section>
    }
}
