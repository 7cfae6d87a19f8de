//! The signed-in person's page: who they are, and the form to change their password.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::get_viewer;
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, TextField};
use crate::error::AppError;
use crate::forms::{posted_form, FormState};
use crate::i18n::*;
use crate::text;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| get_viewer());
    let posted = posted_form();
    let query = use_query_map();
    let changed = move || query.with_untracked(|q| q.get("changed").is_some());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), account.title).to_string() />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let state = viewer.await;
                let form = posted.await.unwrap_or_default();
                match state.map(|s| s.viewer) {
                    Ok(Some(v)) => view! { <AccountBody viewer=v form changed=changed() /> }.into_any(),
                    Ok(None) => view! { <ErrorView error=AppError::SignInRequired /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountBody(viewer: domain::types::Viewer, form: FormState, changed: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <h1>{t!(i18n, account.title)}</h1>
        {changed.then(|| view! {
            <div class="notice notice-ok" role="status"><p>{t!(i18n, account.password_changed)}</p></div>
        })}
        <dl class="facts">
            <div class="fact"><dt>{t!(i18n, account.name)}</dt><dd>{viewer.name.clone()}</dd></div>
            <div class="fact"><dt>{t!(i18n, account.email)}</dt><dd>{viewer.email.clone()}</dd></div>
            <div class="fact"><dt>{t!(i18n, account.role)}</dt><dd>{text::role_name(l, viewer.role)}</dd></div>
        </dl>
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">{t!(i18n, account.change_password)}</h2>
            <FormNotice notice=form.notice />
            <form method="post" action="/account/password" class="stacked narrow">
                <TextField
                    name="current_password"
                    label=td_string!(l, account.current_password)
                    value=String::new()
                    error=form.error_for("current_password").cloned()
                    kind="password"
                    required=true
                    autocomplete="current-password"
                />
                <TextField
                    name="new_password"
                    label=td_string!(l, account.new_password)
                    value=String::new()
                    error=form.error_for("new_password").cloned()
                    hint=td_string!(l, account.password_hint, min = domain::types::MIN_PASSWORD_CHARS).to_string()
                    kind="password"
                    required=true
                    autocomplete="new-password"
                />
                <TextField
                    name="confirmation"
                    label=td_string!(l, account.confirmation)
                    value=String::new()
                    error=form.error_for("confirmation").cloned()
                    kind="password"
                    required=true
                    autocomplete="new-password"
                />
                <button type="submit">{t!(i18n, account.change_password)}</button>
            </form>
        </section>
    }
}
