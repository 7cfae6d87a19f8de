//! Comment threads: each comment with its author, time and sanitised text (or the placeholder
//! a hidden or deleted comment leaves), its replies nested under it, and the actions the
//! reader may take. Every action is a small form inside a <details>, so it works without
//! JavaScript; a refused form comes back open, with its error and what was typed.
use std::collections::HashMap;

use domain::types::{CommentStatus, CommentView};
use leptos::prelude::*;

use crate::components::field::TextArea;
use crate::forms::FormState;
use crate::i18n::*;

/// What every comment in a thread needs to know about the page.
#[derive(Clone)]
pub struct ThreadContext {
    pub position_slug: String,
    pub can_comment: bool,
    pub can_moderate: bool,
    pub form: FormState,
}

impl ThreadContext {
    /// The refused submission, if it came from the form `form_id`.
    fn posted(&self, form_id: &str) -> Option<&FormState> {
        (self.form.values.get("form_id") == form_id).then_some(&self.form)
    }
}

/// The comments of one thread (a demand's, or the general one), replies under their parents.
#[component]
pub fn Thread(comments: Vec<CommentView>, ctx: ThreadContext) -> impl IntoView {
    let mut children: HashMap<Option<i32>, Vec<CommentView>> = HashMap::new();
    for c in comments {
        children.entry(c.parent_id).or_default().push(c);
    }
    let roots = children.remove(&None).unwrap_or_default();
    let children = std::sync::Arc::new(children);
    view! {
        <ol class="comments">
            {roots.into_iter().map(|c| view! { <Comment c children=children.clone() ctx=ctx.clone() /> }).collect_view()}
        </ol>
    }
}

#[component]
fn Comment(
    c: CommentView,
    children: std::sync::Arc<HashMap<Option<i32>, Vec<CommentView>>>,
    ctx: ThreadContext,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let replies = children.get(&Some(c.id)).cloned().unwrap_or_default();
    let id = format!("comment-{}", c.id);
    let when = c.created_at.format("%Y-%m-%d %H:%M UTC").to_string();
    let datetime = c.created_at.to_rfc3339();
    let author = match &c.author_organisation {
        Some(org) => format!("{} ({org})", c.author),
        None => c.author.clone(),
    };
    let body = match c.status {
        CommentStatus::Visible => view! { <div class="comment-body" inner_html=c.body_html.clone()></div> }.into_any(),
        CommentStatus::Hidden => view! {
            <p class="placeholder">{td_string!(l, comments.hidden, reason = c.hidden_reason.clone()).to_string()}</p>
            {(!c.body_html.is_empty()).then(|| view! {
                <div class="comment-body moderated" inner_html=c.body_html.clone()></div>
            })}
        }
        .into_any(),
        CommentStatus::Deleted => view! { <p class="placeholder">{t!(i18n, comments.deleted)}</p> }.into_any(),
    };
    let visible = c.status == CommentStatus::Visible;
    let reply = (ctx.can_comment && c.status != CommentStatus::Deleted).then(|| {
        let form_id = format!("reply-{}", c.id);
        view! {
            <CommentForm
                ctx=ctx.clone()
                form_id
                summary=td_string!(l, comments.reply).to_string()
                parent=c.id
                demand=c.demand_slug.clone().unwrap_or_default()
            />
        }
    });
    let own = (c.mine && visible).then(|| {
        let edit_id = format!("edit-{}", c.id);
        let posted = ctx.posted(&edit_id).cloned();
        let text = posted.as_ref().map(|p| p.values.get("body").to_string()).unwrap_or(c.body_source.clone());
        let error = posted.as_ref().and_then(|p| p.error_for("body").cloned());
        view! {
            <details class="comment-action" open=posted.is_some()>
                <summary>{t!(i18n, comments.edit)}</summary>
                <form method="post" action=format!("/comments/{}/edit", c.id) class="stacked">
                    <input type="hidden" name="form_id" value=edit_id.clone() />
                    <input type="hidden" name="version" value=c.version.to_string() />
                    <TextArea name="body" id=format!("body-{edit_id}") label=td_string!(l, comments.text) value=text error rows=4 maxlength=5000
                        hint=td_string!(l, comments.markdown_hint).to_string() />
                    <button type="submit">{t!(i18n, comments.save)}</button>
                </form>
            </details>
            <form method="post" action=format!("/comments/{}/delete", c.id) class="inline">
                <input type="hidden" name="form_id" value=format!("delete-{}", c.id) />
                <input type="hidden" name="version" value=c.version.to_string() />
                <button type="submit" class="link-button">{t!(i18n, comments.delete)}</button>
            </form>
        }
    });
    let report = (ctx.can_comment && !c.mine && visible).then(|| {
        let form_id = format!("report-{}", c.id);
        let posted = ctx.posted(&form_id).cloned();
        let error = posted.as_ref().and_then(|p| p.error_for("report_reason").cloned());
        let typed = posted.as_ref().map(|p| p.values.get("report_reason").to_string()).unwrap_or_default();
        view! {
            <details class="comment-action" open=posted.is_some()>
                <summary>{t!(i18n, comments.report)}</summary>
                <form method="post" action=format!("/comments/{}/report", c.id) class="stacked">
                    <input type="hidden" name="form_id" value=form_id.clone() />
                    <crate::components::field::TextField name="report_reason" id=format!("report_reason-{form_id}") label=td_string!(l, comments.report_reason)
                        value=typed error maxlength=500 required=true />
                    <button type="submit">{t!(i18n, comments.send_report)}</button>
                </form>
            </details>
        }
    });
    let moderation = ctx.can_moderate.then(|| match c.status {
        CommentStatus::Visible => {
            let form_id = format!("hide-{}", c.id);
            let posted = ctx.posted(&form_id).cloned();
            let error = posted.as_ref().and_then(|p| p.error_for("reason").cloned());
            let typed = posted.as_ref().map(|p| p.values.get("reason").to_string()).unwrap_or_default();
            view! {
                <details class="comment-action" open=posted.is_some()>
                    <summary>{t!(i18n, comments.hide)}</summary>
                    <form method="post" action=format!("/comments/{}/hide", c.id) class="stacked">
                        <input type="hidden" name="form_id" value=form_id.clone() />
                        <crate::components::field::TextField name="reason" id=format!("reason-{form_id}") label=td_string!(l, comments.hide_reason)
                            value=typed error maxlength=500 required=true />
                        <button type="submit">{t!(i18n, comments.hide)}</button>
                    </form>
                </details>
            }
            .into_any()
        }
        CommentStatus::Hidden => view! {
            <form method="post" action=format!("/comments/{}/restore", c.id) class="inline">
                <input type="hidden" name="form_id" value=format!("restore-{}", c.id) />
                <button type="submit" class="link-button">{t!(i18n, comments.restore)}</button>
            </form>
        }
        .into_any(),
        CommentStatus::Deleted => ().into_any(),
    });
    view! {
        <li class="comment" id=id>
            <article>
                <p class="comment-meta">
                    <strong>{author}</strong> " · " <time datetime=datetime>{when}</time>
                    {c.edited.then(|| view! { " · " <span>{t!(i18n, comments.edited)}</span> })}
                    {(c.open_reports > 0).then(|| view! {
                        " · " <span class="badge reported">{td_string!(l, comments.reports, count = c.open_reports).to_string()}</span>
                    })}
                </p>
                {body}
                <div class="comment-actions">{reply} {own} {report} {moderation}</div>
            </article>
            {(!replies.is_empty()).then(|| view! { <Thread comments=flatten(&children, replies) ctx=ctx.clone() /> }.into_any())}
        </li>
    }
}

/// The replies to one comment and, below them, their own replies: handed to a nested Thread,
/// which regroups them by parent.
fn flatten(children: &HashMap<Option<i32>, Vec<CommentView>>, replies: Vec<CommentView>) -> Vec<CommentView> {
    let mut out = Vec::new();
    let mut stack: Vec<CommentView> = replies.into_iter().rev().collect();
    let top: Vec<i32> = stack.iter().map(|c| c.id).collect();
    while let Some(mut c) = stack.pop() {
        if top.contains(&c.id) {
            c.parent_id = None;
        }
        if let Some(kids) = children.get(&Some(c.id)) {
            stack.extend(kids.iter().rev().cloned());
        }
        out.push(c);
    }
    out
}

/// A new comment (in a demand's thread or the general one) or a reply.
#[component]
pub fn CommentForm(
    ctx: ThreadContext,
    form_id: String,
    summary: String,
    #[prop(optional)] parent: Option<i32>,
    #[prop(optional)] demand: String,
    #[prop(optional)] open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let posted = ctx.posted(&form_id).cloned();
    let error = posted.as_ref().and_then(|p| p.error_for("body").cloned());
    let typed = posted.as_ref().map(|p| p.values.get("body").to_string()).unwrap_or_default();
    view! {
        <details class="comment-action" open=open || posted.is_some()>
            <summary>{summary}</summary>
            <form method="post" action=format!("/positions/{}/comments", ctx.position_slug) class="stacked">
                <input type="hidden" name="form_id" value=form_id.clone() />
                <input type="hidden" name="demand" value=demand />
                {parent.map(|p| view! { <input type="hidden" name="parent" value=p.to_string() /> })}
                <TextArea name="body" id=format!("body-{form_id}") label=td_string!(l, comments.text) value=typed error rows=4 maxlength=5000
                    hint=td_string!(l, comments.markdown_hint).to_string() />
                <button type="submit">{t!(i18n, comments.post)}</button>
            </form>
        </details>
    }
}
