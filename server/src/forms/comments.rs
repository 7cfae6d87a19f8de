//! Comments: post and reply (members and coordinators), edit and delete one's own, report
//! (members), hide and restore (coordinators). Refusals come back on the position's page.
use axum::extract::{Path, Request, State};
use axum::response::Response;
use domain::services::comments::{self, NewComment};
use domain::types::forms::parse_number;

use super::submit::{submit, Done, Submission};
use crate::state::AppState;

fn back_to(slug: &str, comment: i32) -> String {
    format!("/positions/{slug}#comment-{comment}")
}

/// POST /positions/{slug}/comments
pub async fn post(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let page = format!("/positions/{slug}");
    submit(state, req, Some(page), |s| async move {
        let parent_id = match s.values.get("parent").trim() {
            "" => None,
            _ => Some(parse_number(&s.values, "parent")?),
        };
        let input = NewComment {
            position_slug: slug.clone(),
            demand_slug: Some(s.values.get("demand").to_string()).filter(|d| !d.is_empty()),
            parent_id,
            body: s.values.get("body").to_string(),
        };
        let id = comments::post(&s.state.db, &s.audit, s.state.settings.comment_limit, input).await?;
        Done::to(back_to(&slug, id))
    })
    .await
}

/// Runs `act` on comment `id`; a refusal shows on its position's page (404 if there is no
/// such comment).
async fn on_comment<F, Fut>(state: AppState, id: i32, req: Request, act: F) -> Response
where
    F: FnOnce(Submission) -> Fut,
    Fut: std::future::Future<Output = Result<(), domain::DomainError>>,
{
    let page = comments::position_of(&state.db, id).await.ok();
    let slug = page.clone().unwrap_or_default();
    submit(state, req, page.map(|p| format!("/positions/{p}")), |s| async move {
        act(s).await?;
        Done::to(back_to(&slug, id))
    })
    .await
}

fn version(s: &Submission) -> Result<i32, domain::DomainError> {
    parse_number(&s.values, "version").map_err(domain::DomainError::from)
}

/// POST /comments/{id}/edit
pub async fn edit(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    on_comment(state, id, req, move |s| async move {
        comments::edit(&s.state.db, &s.audit, id, version(&s)?, s.values.get("body")).await
    })
    .await
}

/// POST /comments/{id}/delete
pub async fn delete(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    on_comment(state, id, req, move |s| async move { comments::delete(&s.state.db, &s.audit, id, version(&s)?).await })
        .await
}

/// POST /comments/{id}/hide
pub async fn hide(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    on_comment(state, id, req, move |s| async move {
        comments::hide(&s.state.db, &s.audit, id, s.values.get("reason")).await
    })
    .await
}

/// POST /comments/{id}/restore
pub async fn restore(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    on_comment(state, id, req, move |s| async move { comments::restore(&s.state.db, &s.audit, id).await }).await
}

/// POST /comments/{id}/report
pub async fn report(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    on_comment(state, id, req, move |s| async move {
        comments::report(&s.state.db, &s.audit, id, s.values.get("report_reason")).await
    })
    .await
}
