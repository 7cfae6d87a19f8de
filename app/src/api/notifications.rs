//! Following and notifications: the reader's notifications page, the header's unread count,
//! and whether the reader follows what a page shows.
use domain::types::{FollowKind, NotificationsPage};
use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in reader's notifications, page `page`.
#[server(prefix = "/api", endpoint = "notifications")]
pub async fn notifications(page: Option<u32>) -> Result<NotificationsPage, AppError> {
    let actor = crate::auth::request_user().actor();
    Ok(domain::services::notifications::page(&super::db()?, &actor, page.unwrap_or(1)).await?)
}

/// How many of the reader's notifications are unread (0 for the public).
#[server(prefix = "/api", endpoint = "unread")]
pub async fn unread() -> Result<u64, AppError> {
    match crate::auth::request_user().actor().user_id() {
        Some(id) => Ok(domain::services::notifications::unread(&super::db()?, id).await?),
        None => Ok(0),
    }
}

/// Whether the reader follows what `kind` and `key` name; `None` for the public (who cannot).
#[server(prefix = "/api", endpoint = "following")]
pub async fn following(kind: FollowKind, key: String) -> Result<Option<bool>, AppError> {
    let actor = crate::auth::request_user().actor();
    if actor.user_id().is_none() {
        return Ok(None);
    }
    let db = super::db()?;
    let target = domain::services::following::target(&db, &actor, kind, &key).await?;
    Ok(Some(domain::services::following::follows(&db, &actor, kind, target).await?))
}
