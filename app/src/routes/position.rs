//! One position: its demands, each with its own thread, and the general discussion. Members
//! and coordinators comment; the public reads.
use std::sync::Arc;

use domain::types::FollowKind;
use domain::types::{CommentView, PositionPage};
use leptos::prelude::*;

use crate::components::follow::FollowButton;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::positions::get_position;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::comments::{CommentForm, Thread, ThreadContext};
use crate::components::error_view::sign_in_href;
use crate::components::field::FormNotice;
use crate::components::loaded::loaded_with_form;
use crate::forms::FormState;
use crate::i18n::*;
use crate::routes::organisation::Position;

#[component]
pub fn PositionPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("slug").unwrap_or_default()), get_position);
    loaded_with_form(data, |page, form| view! { <PositionBody page form /> })
}

#[component]
fn PositionBody(page: PositionPage, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let p = page.position;
    let ctx = ThreadContext {
        position_slug: p.slug.clone(),
        can_comment: page.can_comment,
        can_moderate: page.can_moderate,
        form: form.clone(),
    };
    let (general, by_demand): (Vec<CommentView>, Vec<CommentView>) =
        page.comments.into_iter().partition(|c| c.demand_slug.is_none());
    let by_demand = Arc::new(by_demand);
    let demand_ctx = ctx.clone();
    let can_edit = page.can_edit;
    let under_demand: Arc<dyn Fn(String) -> AnyView + Send + Sync> = Arc::new(move |slug: String| {
        let i18n = use_i18n();
        let l = i18n.get_locale_untracked();
        let comments: Vec<CommentView> =
            by_demand.iter().filter(|c| c.demand_slug.as_deref() == Some(slug.as_str())).cloned().collect();
        let count = comments.len();
        let ctx = demand_ctx.clone();
        view! {
            {can_edit.then(|| view! {
                <p class="demand-edit"><a href=format!("/demands/{slug}/edit")>{td_string!(l, record.edit)}</a></p>
            })}
            <div class="demand-thread">
                {(count > 0).then(|| view! {
                    <p class="thread-count">{td_string!(l, comments.on_demand, count = count).to_string()}</p>
                    <Thread comments ctx=ctx.clone() />
                })}
                {ctx.can_comment.then(|| view! {
                    <CommentForm ctx=ctx.clone() form_id=format!("demand-{slug}") summary=td_string!(l, comments.comment_on_demand).to_string() demand=slug.clone() />
                })}
            </div>
        }
        .into_any()
    });
    let parent = p.signatories.first().map(|o| (format!("/organisations/{}", o.slug), o.name.clone()));
    let (parent_href, parent_label) =
        parent.unwrap_or(("/organisations".to_string(), td_string!(l, nav.organisations).to_string()));
    let title = p.title.clone();
    let draft = p.status == domain::types::PositionStatus::Draft;
    view! {
        <Title text=title.clone() />
        <Breadcrumb parent_href parent_label current=title.clone() />
        <h1>{title}</h1>
        <FollowButton kind=FollowKind::Position key=p.slug.clone() back=format!("/positions/{}", p.slug) />
        {draft.then(|| view! { <p class="notice notice-warning">{t!(i18n, comments.draft_notice)}</p> })}
        <FormNotice notice=form.notice />
        {(page.can_edit || page.can_publish).then(|| {
            let slug = p.slug.clone();
            let (status, label) = if draft {
                ("published", td_string!(l, record.publish))
            } else {
                ("draft", td_string!(l, record.unpublish))
            };
            view! {
                <div class="record-actions">
                    {page.can_edit.then(|| view! {
                        <a href=format!("/positions/{slug}/edit") class="button">{td_string!(l, record.edit_position)}</a> " "
                        <a href=format!("/positions/{slug}/demands/new") class="button">{td_string!(l, record.new_demand)}</a>
                    })}
                    {page.can_publish.then(|| view! {
                        <form method="post" action=format!("/positions/{slug}/publish") class="inline">
                            <input type="hidden" name="version" value=page.version.to_string() />
                            <input type="hidden" name="status" value=status />
                            <button type="submit">{label}</button>
                        </form>
                    })}
                </div>
            }
        })}
        <Position p on_own_page=true under_demand />
        <section class="discussion" aria-labelledby="discussion-heading">
            <h2 id="discussion-heading">{t!(i18n, comments.heading)}</h2>
            {if general.is_empty() {
                view! { <p>{t!(i18n, comments.none)}</p> }.into_any()
            } else {
                view! { <Thread comments=general ctx=ctx.clone() /> }.into_any()
            }}
            {if ctx.can_comment {
                view! { <CommentForm ctx=ctx.clone() form_id="general".to_string() summary=td_string!(l, comments.new_comment).to_string() open=true /> }.into_any()
            } else {
                view! {
                    <p class="hint">
                        {t!(i18n, comments.members_only)} " " <a href=sign_in_href()>{t!(i18n, account.sign_in)}</a>
                    </p>
                }
                .into_any()
            }}
        </section>
    }
}
