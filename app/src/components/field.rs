//! Labelled form fields that show their error next to them (linked with aria-describedby)
//! and keep what was typed.
use domain::types::Invalid;
use leptos::prelude::*;

use crate::i18n::*;
use crate::text;

fn error_text(error: &Option<Invalid>) -> Option<String> {
    let i18n = use_i18n();
    error.as_ref().map(|e| text::reason(i18n.get_locale_untracked(), &e.reason))
}

/// The label, the hint and the error around one control.
#[component]
fn FieldFrame(
    /// What the ids are built from: the field's name, or a page-unique key when several
    /// forms on one page have a field of the same name.
    key: String,
    label: String,
    hint: Option<String>,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let class = if error.is_some() { "field has-error" } else { "field" };
    view! {
        <div class=class>
            <label for=format!("f-{key}")>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("h-{key}")>{h}</p> })}
            {children()}
            {error.map(|e| view! { <p class="field-error" id=format!("e-{key}")>{e}</p> })}
        </div>
    }
}

fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("h-{name}"));
    }
    if has_error {
        ids.push(format!("e-{name}"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A one-line input.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    /// A page-unique key for the ids (defaults to the name).
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<Invalid>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let error = error_text(&error);
    let key = id.unwrap_or_else(|| name.clone());
    let described = described_by(&key, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <FieldFrame key=key.clone() label hint=hint error>
            <input
                id=format!("f-{key}")
                name=name.clone()
                type=kind
                value=value
                required=required
                maxlength=maxlength
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described
            />
        </FieldFrame>
    }
}

/// A multi-line input.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    /// A page-unique key for the ids (defaults to the name).
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<Invalid>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let error = error_text(&error);
    let key = id.unwrap_or_else(|| name.clone());
    let described = described_by(&key, hint.is_some(), error.is_some());
    let invalid = error.is_some();
    let locale = use_i18n().get_locale_untracked();
    let control = match maxlength {
        Some(max) => view! {
            <CountedTextArea id=format!("f-{key}") name rows required max invalid described value locale />
        }
        .into_any(),
        None => view! {
            <textarea
                id=format!("f-{key}")
                name=name
                rows=rows
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            >
                {crate::rcdata::escaped(value)}
            </textarea>
        }
        .into_any(),
    };
    view! {
        <FieldFrame key=key.clone() label hint=hint error>
            {control}
        </FieldFrame>
    }
}

/// A textarea with a live count of its characters against the limit: the one part of the
/// pages that runs in the browser (an island, hydrated on its own). Without JavaScript the
/// count shows the starting length and the browser enforces `maxlength`.
#[island]
fn CountedTextArea(
    id: String,
    name: String,
    rows: u32,
    required: bool,
    max: usize,
    invalid: bool,
    described: Option<String>,
    value: String,
    locale: Locale,
) -> impl IntoView {
    let (count, set_count) = signal(value.chars().count());
    let text = move || td_string!(locale, forms.counter, count = count.get(), max = max).to_string();
    view! {
        <textarea
            on:input=move |ev| set_count.set(event_target_value(&ev).chars().count())
            id=id
            name=name
            rows=rows
            required=required
            maxlength=max
            aria-invalid=invalid.then_some("true")
            aria-describedby=described
        >
            {crate::rcdata::escaped(value)}
        </textarea>
        <p class="counter">{text}</p>
    }
}

/// A choice among `options` (value, label).
#[component]
pub fn SelectField(
    #[prop(into)] name: String,
    /// A page-unique key for the ids (defaults to the name).
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    options: Vec<(String, String)>,
    #[prop(default = None)] error: Option<Invalid>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let error = error_text(&error);
    let key = id.unwrap_or_else(|| name.clone());
    let described = described_by(&key, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <FieldFrame key=key.clone() label hint=hint error>
            <select id=format!("f-{key}") name=name.clone() aria-invalid=invalid aria-describedby=described>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </FieldFrame>
    }
}

/// The message at the top of a refused form.
#[component]
pub fn FormNotice(notice: Option<crate::forms::Notice>) -> impl IntoView {
    use crate::forms::Notice;
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    notice.map(|n| {
        let message: String = match n {
            Notice::WrongCredentials => td_string!(l, forms.wrong_credentials).to_string(),
            Notice::TooManyAttempts => td_string!(l, forms.too_many_attempts).to_string(),
            Notice::TooManyComments { max, minutes } => {
                td_string!(l, forms.too_many_comments, max = max, minutes = minutes).to_string()
            }
            Notice::Conflict => td_string!(l, forms.conflict).to_string(),
            Notice::SignInRequired => td_string!(l, forms.sign_in_required).to_string(),
            Notice::FixFields => td_string!(l, forms.fix_fields).to_string(),
            Notice::UnknownLink => td_string!(l, forms.unknown_link).to_string(),
            Notice::Invited => return ().into_any(),
        };
        view! {
            <div class="notice notice-error" role="alert">
                <p>{message}</p>
            </div>
        }
        .into_any()
    })
}

/// A new password and its confirmation, with their errors (setting a password from an
/// invitation or a reset link).
#[component]
pub fn NewPasswordFields(form: crate::forms::FormState) -> impl IntoView {
    let l = crate::i18n::use_i18n().get_locale_untracked();
    view! {
        <TextField name="password" label=crate::i18n::td_string!(l, account.new_password) value=String::new()
            error=form.error_for("password").cloned()
            hint=crate::i18n::td_string!(l, account.password_hint, min = domain::types::MIN_PASSWORD_CHARS).to_string()
            kind="password" required=true autocomplete="new-password" />
        <TextField name="confirmation" label=crate::i18n::td_string!(l, account.confirmation) value=String::new()
            error=form.error_for("confirmation").cloned() kind="password" required=true autocomplete="new-password" />
    }
}
