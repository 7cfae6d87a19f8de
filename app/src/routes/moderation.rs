//! The coordinators' moderation queue: comments members reported, oldest first.
use domain::types::ReportView;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::get_moderation;
use crate::components::loaded::loaded;
use crate::i18n::*;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| get_moderation());
    let drafts = Resource::new(|| None, crate::api::record_editors::get_unpublished_positions);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), moderation.title).to_string() />
        <h1>{t!(i18n, moderation.title)}</h1>
        <p class="lead">{t!(i18n, moderation.intro)}</p>
        {loaded(data, |reports| view! { <Reports reports /> })}
        {loaded(drafts, |d| view! { <crate::routes::organisation::DraftList drafts=d.drafts /> })}
    }
}

#[component]
fn Reports(reports: Vec<ReportView>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    if reports.is_empty() {
        return view! { <p>{t!(i18n, moderation.empty)}</p> }.into_any();
    }
    view! {
        <ul class="report-list">
            {reports.into_iter().map(|r| {
                let reason_id = format!("f-reason-report-{}", r.id);
                view! {
                    <li class="report">
                        <p>
                            <a href=format!("/positions/{}#comment-{}", r.position_slug, r.comment_id)>{r.position_title.clone()}</a>
                            " · " {r.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}
                        </p>
                        <blockquote>{r.comment_excerpt.clone()}</blockquote>
                        <p>{td_string!(l, moderation.reason, reason = r.reason.clone()).to_string()}</p>
                        <form method="post" action=format!("/comments/{}/hide", r.comment_id) class="inline-form">
                            <label for=reason_id.clone()>{t!(i18n, comments.hide_reason)}</label>
                            <input id=reason_id name="reason" required=true maxlength="500" value=r.reason.clone() />
                            <button type="submit">{t!(i18n, comments.hide)}</button>
                        </form>
                        <form method="post" action=format!("/comments/{}/restore", r.comment_id) class="inline">
                            <button type="submit" class="link-button">{t!(i18n, moderation.keep)}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
