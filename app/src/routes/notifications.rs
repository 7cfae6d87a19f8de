//! `/notifications`: what changed in what the reader follows, newest first, unread marked;
//! a button marking them all read; and how each kind is delivered (an email at once, a daily
//! digest, or only here) with the language of the emails. `/unsubscribe/{token}`: the link of
//! every notification email, which stops that kind of email without signing in.
use domain::types::{Delivery, NoticeKind, NotificationView, NotificationsPage, Rating};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::email_sending;
use crate::api::notifications::notifications;
use crate::components::error_view::ErrorView;
use crate::components::field::FormNotice;
use crate::forms::posted_form;
use crate::i18n::*;

pub fn kind_label(l: Locale, k: NoticeKind) -> &'static str {
    match k {
        NoticeKind::Rating => td_string!(l, notifications.kind_rating),
        NoticeKind::Published => td_string!(l, notifications.kind_published),
        NoticeKind::Rescheduled => td_string!(l, notifications.kind_rescheduled),
        NoticeKind::NewDraft => td_string!(l, notifications.kind_new_draft),
        NoticeKind::Reply => td_string!(l, notifications.kind_reply),
    }
}

fn delivery_label(l: Locale, d: Delivery) -> &'static str {
    match d {
        Delivery::Immediate => td_string!(l, notifications.immediate),
        Delivery::Daily => td_string!(l, notifications.daily),
        Delivery::Never => td_string!(l, notifications.never),
    }
}

fn rating_label(l: Locale, r: Rating) -> &'static str {
    match r {
        Rating::Met => td_string!(l, scorecard.met),
        Rating::PartlyMet => td_string!(l, scorecard.partly_met),
        Rating::NotAddressed => td_string!(l, scorecard.not_addressed),
        Rating::Contradicted => td_string!(l, scorecard.contradicted),
    }
}

#[component]
pub fn NotificationsRoute() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse().ok()));
    let saved = move || query.with_untracked(|q| q.get("saved").is_some());
    let data = Resource::new(page, notifications);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), notifications.title).to_string() />
        <h1>{t!(i18n, notifications.title)}</h1>
        {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, notifications.saved)}</p> })}
        <Suspense fallback=crate::components::loading::Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => view! { <Listing page=p /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Listing(page: NotificationsPage) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (unread, pages, number) = (page.unread, page.pages(), page.page);
    let items = page.items.clone();
    view! {
        <section aria-labelledby="notifications-list">
            <h2 id="notifications-list">{td_string!(l, notifications.unread_count, count = unread).to_string()}</h2>
            {(unread > 0).then(|| view! {
                <form method="post" action="/notifications/read">
                    <button type="submit">{t!(i18n, notifications.mark_read)}</button>
                </form>
            })}
            {if items.is_empty() {
                view! { <p>{t!(i18n, notifications.none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="notifications">
                        {items.into_iter().map(|n| view! { <Item n /> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            <crate::components::scorecard::Pager base=String::new() page=number pages />
        </section>
        <Choices choices=page.choices language=page.language />
    }
}

#[component]
fn Item(n: NotificationView) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let rating = n.rating.map(|r| format!(" · {}", rating_label(l, r)));
    view! {
        <li class=if n.read { "notification" } else { "notification unread" }>
            <p class="notification-kind">
                {kind_label(l, n.kind)}
                {(!n.read).then(|| view! { " · " <strong>{t!(i18n, notifications.unread_mark)}</strong> })}
            </p>
            <p><a href=n.href>{n.subject}</a>{rating}</p>
            {(!n.detail.is_empty()).then(|| view! { <p class="notification-detail">{n.detail}</p> })}
            <p class="notification-date">
                <time datetime=n.created_at.to_rfc3339()>{n.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</time>
            </p>
        </li>
    }
}

#[component]
fn Choices(choices: Vec<(NoticeKind, Delivery)>, language: String) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <section aria-labelledby="notification-choices">
            <h2 id="notification-choices">{t!(i18n, notifications.choices_title)}</h2>
            <EmailOff />
            <form method="post" action="/notifications/choices" class="stacked">
                {choices
                    .into_iter()
                    .map(|(kind, chosen)| {
                        let name = format!("delivery_{kind}");
                        view! {
                            <fieldset>
                                <legend>{kind_label(l, kind)}</legend>
                                {[Delivery::Immediate, Delivery::Daily, Delivery::Never]
                                    .into_iter()
                                    .map(|d| {
                                        let id = format!("{name}-{d}");
                                        view! {
                                            <input type="radio" id=id.clone() name=name.clone() value=d.as_ref().to_string()
                                                checked=d == chosen />
                                            <label for=id>{delivery_label(l, d)}</label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <label for="email-language">{t!(i18n, notifications.language)}</label>
                <select id="email-language" name="language">
                    {[("en", "English"), ("fr", "Français"), ("es", "Español")]
                        .into_iter()
                        .map(|(code, name)| view! { <option value=code selected=language == code>{name}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{t!(i18n, notifications.save)}</button>
            </form>
        </section>
    }
}

/// Says so when this tracker sends no email (no `SMTP_URL`): the choices are kept for when it does.
#[component]
fn EmailOff() -> impl IntoView {
    let i18n = use_i18n();
    let sending = Resource::new(|| (), |_| email_sending());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                (sending.await == Ok(false))
                    .then(|| view! { <p class="notice">{t!(i18n, notifications.email_off)}</p> })
            })}
        </Suspense>
    }
}

/// `/unsubscribe/{token}`: a button that stops the emails the link came with (the mail
/// clients' one-click unsubscribe posts to the same address).
#[component]
pub fn UnsubscribeRoute() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let done = move || query.with(|q| q.get("done").is_some());
    // an unknown link's refusal (the page again, 404, with the notice)
    let posted = posted_form();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), notifications.unsubscribe_title).to_string() />
        <h1>{t!(i18n, notifications.unsubscribe_title)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let notice = posted.await.and_then(|f| f.notice);
                view! { <FormNotice notice /> }
            })}
        </Suspense>
        {move || if done() {
            view! {
                <p class="notice" role="status">{t!(i18n, notifications.unsubscribed)}</p>
                <p><a href="/notifications">{t!(i18n, notifications.manage)}</a></p>
            }
            .into_any()
        } else {
            view! {
                <p>{t!(i18n, notifications.unsubscribe_intro)}</p>
                <form method="post" action=format!("/unsubscribe/{}", token())>
                    <button type="submit">{t!(i18n, notifications.unsubscribe_button)}</button>
                </form>
            }
            .into_any()
        }}
    }
}
