//! Comments: post and reply (members and coordinators), edit and delete one's own, report
//! (members), hide and restore (coordinators). Refusals come back on the position's page.
use app::auth::RequestUser;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::Uri;
use axum::response::Response;
use domain::audit::Audit;
use domain::services::comments::{self, NewComment};
use domain::types::forms::parse_number;
use domain::types::FormValues;

use super::{failed, invalid, read_form, see_other};
use crate::router::AppState;

fn audit_of(parts: &Parts) -> Audit {
    Audit::now(parts.extensions.get::<RequestUser>().cloned().unwrap_or_default().actor())
}

fn show_on_position(parts: &mut Parts, slug: &str) {
    if let Ok(uri) = format!("/positions/{slug}").parse::<Uri>() {
        parts.uri = uri;
    }
}

fn back_to(slug: &str, comment: Option<i32>) -> Response {
    match comment {
        Some(id) => see_other(&format!("/positions/{slug}#comment-{id}")),
        None => see_other(&format!("/positions/{slug}#discussion-heading")),
    }
}

/// POST /positions/{slug}/comments
pub async fn post(State(state): State<AppState>, Path(slug): Path<String>, req: Request) -> Response {
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    show_on_position(&mut parts, &slug);
    let parent_id = match values.get("parent").trim() {
        "" => None,
        _ => match parse_number(&values, "parent") {
            Ok(id) => Some(id),
            Err(e) => return invalid(&state, parts, values, vec![e]).await,
        },
    };
    let input = NewComment {
        position_slug: slug.clone(),
        demand_slug: Some(values.get("demand").to_string()).filter(|d| !d.is_empty()),
        parent_id,
        body: values.get("body").to_string(),
    };
    match comments::post(&state.db, &audit_of(&parts), input).await {
        Ok(id) => back_to(&slug, Some(id)),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

/// Which comment, and the position page its refusals show on.
async fn target(state: &AppState, parts: &mut Parts, id: i32) -> Result<String, domain::DomainError> {
    let slug = comments::position_of(&state.db, id).await?;
    show_on_position(parts, &slug);
    Ok(slug)
}

async fn comment_action<F, Fut>(state: AppState, id: i32, req: Request, act: F) -> Response
where
    F: FnOnce(AppState, Audit, FormValues) -> Fut,
    Fut: std::future::Future<Output = Result<(), domain::DomainError>>,
{
    let (mut parts, values) = match read_form(req).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let slug = match target(&state, &mut parts, id).await {
        Ok(slug) => slug,
        Err(e) => return failed(&state, parts, values, e).await,
    };
    let audit = audit_of(&parts);
    match act(state.clone(), audit, values.clone()).await {
        Ok(()) => back_to(&slug, Some(id)),
        Err(e) => failed(&state, parts, values, e).await,
    }
}

fn version(values: &FormValues) -> Result<i32, domain::DomainError> {
    parse_number(values, "version").map_err(domain::DomainError::from)
}

/// POST /comments/{id}/edit
pub async fn edit(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    comment_action(state, id, req, move |s, audit, v| async move {
        comments::edit(&s.db, &audit, id, version(&v)?, v.get("body")).await
    })
    .await
}

/// POST /comments/{id}/delete
pub async fn delete(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    comment_action(
        state,
        id,
        req,
        move |s, audit, v| async move { comments::delete(&s.db, &audit, id, version(&v)?).await },
    )
    .await
}

/// POST /comments/{id}/hide
pub async fn hide(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    comment_action(state, id, req, move |s, audit, v| async move {
        comments::hide(&s.db, &audit, id, v.get("reason")).await
    })
    .await
}

/// POST /comments/{id}/restore
pub async fn restore(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    comment_action(state, id, req, move |s, audit, _| async move { comments::restore(&s.db, &audit, id).await }).await
}

/// POST /comments/{id}/report
pub async fn report(State(state): State<AppState>, Path(id): Path<i32>, req: Request) -> Response {
    comment_action(state, id, req, move |s, audit, v| async move {
        comments::report(&s.db, &audit, id, v.get("report_reason")).await
    })
    .await
}
