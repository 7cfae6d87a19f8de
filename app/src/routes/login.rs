//! Signing in. The form posts to /login; a refusal comes back here with the email kept.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::field::{FormNotice, TextField};
use crate::forms::{posted_form, FormState};
use crate::i18n::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let posted = posted_form();
    let query = use_query_map();
    let next = move || query.with_untracked(|q| q.get("next")).unwrap_or_else(|| "/".to_string());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), account.sign_in).to_string() />
        <h1>{t!(i18n, account.sign_in)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                let next = if form.values.has("next") { form.values.get("next").to_string() } else { next() };
                view! { <LoginForm form next /> }
            })}
        </Suspense>
    }
}

#[component]
fn LoginForm(form: FormState, next: String) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        {use_query_map().with_untracked(|q| q.get("reset").is_some()).then(|| view! {
            <p class="notice" role="status">{t!(i18n, password.done)}</p>
        })}
        <FormNotice notice=form.notice />
        <form method="post" action="/login" class="stacked narrow">
            <input type="hidden" name="next" value=next />
            <TextField
                name="email"
                label=td_string!(l, account.email)
                value=form.values.get("email").to_string()
                error=form.error_for("email").cloned()
                kind="email"
                required=true
                autocomplete="username"
            />
            <TextField
                name="password"
                label=td_string!(l, account.password)
                value=String::new()
                error=form.error_for("password").cloned()
                kind="password"
                required=true
                autocomplete="current-password"
            />
            <button type="submit">{t!(i18n, account.sign_in)}</button>
        </form>
        <p><a href="/password/forgot">{t!(i18n, password.forgot_link)}</a></p>
        <p class="hint">{t!(i18n, account.no_account)}</p>
    }
}
