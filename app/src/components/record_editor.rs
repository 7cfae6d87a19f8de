//! What every record editor shares: wait for the stored values and any refused submission,
//! fill the fields from what was typed (after a refusal) or what is stored, and on a conflict
//! show the saved values beside the typed ones.
use domain::types::FormValues;
use leptos::prelude::*;

use crate::api::record_editors::RecordEditor;
use crate::components::conflict::ConflictTable;
use crate::components::error_view::ErrorView;
use crate::components::field::FormNotice;
use crate::error::AppError;
use crate::field_labels::{conflict_rows, FieldLabel};
use crate::forms::{posted_form, FormState, Notice};

/// The editor's data and the state of its form.
#[derive(Clone)]
pub struct Editing {
    pub editor: RecordEditor,
    pub form: FormState,
    /// What the fields show: what was typed (after a refusal) or what is stored.
    pub values: FormValues,
}

impl Editing {
    pub fn value(&self, field: &str) -> String {
        self.values.get(field).to_string()
    }

    pub fn error(&self, field: &str) -> Option<domain::types::Invalid> {
        self.form.error_for(field).cloned()
    }
}

/// Loads the editor of a record whose fields are `R` and renders the heading and form `body`
/// gives; `key_field` is a field every submission of this editor carries (to tell its refusals
/// from another form's on the same page).
pub fn record_editor<R, F, V>(
    editor: Resource<Result<RecordEditor, AppError>>,
    key_field: &'static str,
    body: F,
) -> impl IntoView
where
    R: FieldLabel,
    F: Fn(Editing) -> (String, V) + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let posted = posted_form();
    view! {
        <Suspense fallback=crate::components::loading::Loading>
            {move || {
                let body = body.clone();
                Suspend::new(async move {
                    let form = posted.await.unwrap_or_default();
                    match editor.await {
                        Ok(editor) => {
                            let refused = form.notice.is_some() && form.values.has(key_field);
                            let values = if refused { form.values.clone() } else { editor.values.clone() };
                            let l = crate::i18n::use_i18n().get_locale_untracked();
                            let conflict = (refused && form.notice == Some(Notice::Conflict) && editor.version > 0)
                                .then(|| conflict_rows::<R>(l, &editor.values, &values));
                            let notice = form.notice;
                            let editing = Editing { editor, form, values };
                            let (heading, form) = body(editing);
                            view! {
                                <leptos_meta::Title text=heading.clone() />
                                <h1>{heading}</h1>
                                <FormNotice notice />
                                {conflict.map(|rows| view! { <ConflictTable rows /> })}
                                {form}
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
