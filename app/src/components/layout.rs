use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api::account::get_viewer;
use crate::auth::ViewerState;
use crate::error::AppError;
use crate::i18n::*;
use crate::text;

/// The signed-in person as the layout loaded it (pages use it to offer coordinators' links).
pub fn use_viewer() -> Option<Resource<Result<ViewerState, AppError>>> {
    use_context::<Resource<Result<ViewerState, AppError>>>()
}

/// Renders `children` only for coordinators.
#[component]
pub fn CoordinatorOnly(children: ChildrenFn) -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let coordinator = match viewer {
                        Some(v) => v.await.ok().and_then(|s| s.viewer).is_some_and(|v| v.is_coordinator()),
                        None => false,
                    };
                    coordinator.then(|| children())
                })
            }}
        </Suspense>
    }
}

/// The signed-in person and a sign-out button, or the sign-in link.
#[component]
fn AccountArea(viewer: Resource<Result<ViewerState, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let sign_in = move || {
        let path = location.pathname.get();
        let next = if path == "/login" { "/".to_string() } else { path };
        format!("/login?next={}", encode_component(&next))
    };
    view! {
        <div class="account-area">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let l = i18n.get_locale_untracked();
                    match viewer.await.ok().and_then(|s| s.viewer) {
                        Some(v) => view! {
                            {v.is_coordinator().then(|| view! { <a href="/accounts">{t!(i18n, admin.title)}</a> })}
                            <NotificationsLink />
                            <a href="/account" class="account-name">
                                {v.name.clone()} " (" {text::role_name(l, v.role)} ")"
                            </a>
                            <form method="post" action="/logout" class="inline">
                                <button type="submit" class="link-button">{t!(i18n, account.sign_out)}</button>
                            </form>
                        }.into_any(),
                        None => view! { <a href=sign_in>{t!(i18n, account.sign_in)}</a> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The signed-in reader's notifications, with how many are unread.
#[component]
fn NotificationsLink() -> impl IntoView {
    let i18n = use_i18n();
    let unread = Resource::new(|| (), |_| crate::api::notifications::unread());
    view! {
        <Suspense fallback=move || view! { <a href="/notifications">{t!(i18n, notifications.title)}</a> }>
            {move || Suspend::new(async move {
                let l = i18n.get_locale_untracked();
                let n = unread.await.unwrap_or(0);
                let label = if n == 0 {
                    td_string!(l, notifications.title).to_string()
                } else {
                    td_string!(l, notifications.title_unread, count = n).to_string()
                };
                view! { <a href="/notifications" class="notifications-link">{label}</a> }
            })}
        </Suspense>
    }
}

/// Says so when a session cookie came in that no longer opens a session.
#[component]
fn SessionExpired(viewer: Resource<Result<ViewerState, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let expired = viewer.await.map(|s| s.session_expired).unwrap_or(false);
                expired.then(|| view! {
                    <div class="notice notice-warning session-expired" role="status">
                        <p>
                            {t!(i18n, account.session_expired)} " "
                            <a href="/login">{t!(i18n, account.sign_in_again)}</a>
                        </p>
                    </div>
                })
            })}
        </Suspense>
    }
}

/// The page frame: skip link, header with the main navigation and the language switch,
/// the main landmark, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let viewer = Resource::new(|| (), |_| get_viewer());
    provide_context(viewer);
    view! {
        <a class="skip-link" href="#main">{t!(i18n, site.skip)}</a>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-name">{t!(i18n, site.name)}</a>
                <span class="tagline">{t!(i18n, site.tagline)}</span>
            </div>
            <nav class="main-nav" aria-label=move || td_string!(i18n.get_locale(), site.main_nav)>
                <ul>
                    <li><A href="/" exact=true>{t!(i18n, nav.home)}</A></li>
                    <li><A href="/timeline">{t!(i18n, nav.timeline)}</A></li>
                    <li><A href="/elements">{t!(i18n, nav.elements)}</A></li>
                    <li><A href="/organisations">{t!(i18n, nav.organisations)}</A></li>
                    <li><A href="/drafts">{t!(i18n, nav.drafts)}</A></li>
                    <li><A href="/scorecard">{t!(i18n, nav.scorecard)}</A></li>
                </ul>
            </nav>
            <SiteSearch />
            <LanguageSwitch />
            <AccountArea viewer />
        </header>
        <SessionExpired viewer />
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, site.footer)}</p>
        </footer>
    }
}

/// The search box on every page: a plain GET form to `/search`.
#[component]
fn SiteSearch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="site-search" method="get" action="/search" role="search" aria-label=move || td_string!(i18n.get_locale(), site.search_label)>
            <label for="site-search-q" class="visually-hidden">{t!(i18n, site.search_label)}</label>
            <input type="search" id="site-search-q" name="q" maxlength="200" />
            <button type="submit">{t!(i18n, site.search_button)}</button>
        </form>
    }
}

/// Links to `/lang/{code}`, which sets the language cookie on the server and comes back here,
/// so the switch works without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = move || {
        let path = location.pathname.get();
        let search = location.search.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{}", search.trim_start_matches('?'))
        }
    };
    let languages = [(Locale::en, "English"), (Locale::fr, "Français"), (Locale::es, "Español")];
    view! {
        <nav class="lang-switch" aria-label=move || td_string!(i18n.get_locale(), site.language_nav)>
            <ul>
                {languages
                    .into_iter()
                    .map(|(locale, name)| {
                        let code = locale.as_str();
                        let href = move || format!("/lang/{code}?next={}", encode_component(&here()));
                        let current = move || (i18n.get_locale() == locale).then_some("true");
                        view! {
                            <li>
                                <a href=href hreflang=code lang=code rel="external" aria-current=current>
                                    {name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Percent-encodes a URL component (RFC 3986 unreserved characters pass through).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
