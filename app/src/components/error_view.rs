use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::*;

/// Shows a failure in the reader's language, and answers with its status on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (title, message) = error.words(l);
    view! {
        <Title text=title.clone() />
        <section class="error" aria-labelledby="error-title">
            <h1 id="error-title">{title}</h1>
            <p>{message}</p>
            {(error == AppError::SignInRequired).then(|| view! {
                <p><a href=sign_in_href()>{t!(i18n, account.sign_in)}</a></p>
            })}
            <p>
                <a href="/">{t!(i18n, errors.go_home)}</a>
            </p>
        </section>
    }
}

/// The sign-in page, coming back here afterwards.
pub fn sign_in_href() -> String {
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    let path = location.pathname.get_untracked();
    let here = if search.is_empty() { path } else { format!("{path}?{search}") };
    format!("/login?next={}", crate::components::layout::encode_component(&here))
}

/// The page for an address that matches no route.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), errors.not_found_title).to_string() />
        <section class="error" aria-labelledby="error-title">
            <h1 id="error-title">{t!(i18n, errors.not_found_title)}</h1>
            <p>{t!(i18n, errors.not_found_page)}</p>
            <p>
                <a href="/">{t!(i18n, errors.go_home)}</a>
            </p>
        </section>
    }
}
