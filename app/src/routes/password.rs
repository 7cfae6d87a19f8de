//! A forgotten password: `/password/forgot` asks for the account's email and sends a one-time
//! link (the answer is the same whether an account uses that address or not);
//! `/password/reset/{token}` sets a new password with it. Without email, the page says whom to ask.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::{email_sending, password_reset_open};
use crate::components::error_view::ErrorView;
use crate::components::field::{FormNotice, NewPasswordFields, TextField};
use crate::forms::{posted_form, FormState};
use crate::i18n::*;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sent = move || query.with_untracked(|q| q.get("sent").is_some());
    let sending = Resource::new(|| (), |_| email_sending());
    let posted = posted_form();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), password.forgot_title).to_string() />
        <h1>{t!(i18n, password.forgot_title)}</h1>
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                match sending.await {
                    Ok(false) => view! { <p class="notice notice-warning">{t!(i18n, password.no_email)}</p> }.into_any(),
                    Ok(true) if sent() => view! { <p class="notice" role="status">{t!(i18n, password.sent)}</p> }.into_any(),
                    Ok(true) => view! { <ForgotForm form /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ForgotForm(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <p>{t!(i18n, password.forgot_intro)}</p>
        <FormNotice notice=form.notice />
        <form method="post" action="/password/forgot" class="stacked narrow">
            <TextField name="email" label=td_string!(l, account.email) value=form.values.get("email").to_string()
                error=form.error_for("email").cloned() kind="email" required=true autocomplete="username" />
            <button type="submit">{t!(i18n, password.send_link)}</button>
        </form>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let open = Resource::new(token, password_reset_open);
    let posted = posted_form();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), password.reset_title).to_string() />
        <h1>{t!(i18n, password.reset_title)}</h1>
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                let form = posted.await.unwrap_or_default();
                match open.await {
                    Ok(true) => view! { <ResetForm token=token() form /> }.into_any(),
                    Ok(false) => view! {
                        <p class="notice notice-warning">{t!(i18n, password.closed)}</p>
                        <p><a href="/password/forgot">{t!(i18n, password.ask_again)}</a></p>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResetForm(token: String, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FormNotice notice=form.notice />
        <form method="post" action=format!("/password/reset/{token}") class="stacked narrow">
            <NewPasswordFields form=form.clone() />
            <button type="submit">{t!(i18n, password.set)}</button>
        </form>
    }
}
