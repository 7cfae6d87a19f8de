use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::*;
use crate::text;

/// Shows a failure in the reader's language, and answers with its status on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (title, message) = match &error {
        AppError::NotFound(what) => (
            td_string!(l, errors.not_found_title).to_string(),
            td_string!(l, errors.not_found, what = text::what(l, *what)).to_string(),
        ),
        AppError::BadRequest(invalid) => {
            (td_string!(l, errors.bad_request_title).to_string(), text::invalid(l, invalid))
        }
        AppError::Conflict => {
            (td_string!(l, errors.conflict_title).to_string(), td_string!(l, errors.conflict).to_string())
        }
        AppError::Forbidden => {
            (td_string!(l, errors.forbidden_title).to_string(), td_string!(l, errors.forbidden).to_string())
        }
        AppError::SignInRequired => {
            (td_string!(l, errors.sign_in_title).to_string(), td_string!(l, errors.sign_in).to_string())
        }
        AppError::Unavailable => {
            (td_string!(l, errors.unavailable_title).to_string(), td_string!(l, errors.unavailable).to_string())
        }
        AppError::TooManyRequests => {
            (td_string!(l, errors.too_many_title).to_string(), td_string!(l, errors.too_many).to_string())
        }
        AppError::Internal | AppError::ServerFn(_) => {
            (td_string!(l, errors.internal_title).to_string(), td_string!(l, errors.internal).to_string())
        }
    };
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
