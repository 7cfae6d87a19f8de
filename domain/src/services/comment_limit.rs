//! The limit on comment floods: an account may post at most `max` comments within `minutes`,
//! counted in the database (so the limit holds across server instances). Coordinators are
//! counted too: a stolen coordinator account must not flood the record either.
use chrono::Duration;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::audit::Audit;
use crate::entities::comment;
use crate::error::{DomainError, DomainResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentLimit {
    /// Comments allowed per account within the window; 0 turns the limit off.
    pub max: u64,
    /// The window, in minutes.
    pub minutes: i64,
}

impl CommentLimit {
    /// 20 comments in 10 minutes: more than a lively discussion needs, far less than a script.
    pub const DEFAULT: CommentLimit = CommentLimit { max: 20, minutes: 10 };
    /// No limit (the benchmark, which measures the database's write path).
    pub const OFF: CommentLimit = CommentLimit { max: 0, minutes: 10 };
}

impl Default for CommentLimit {
    fn default() -> Self {
        CommentLimit::DEFAULT
    }
}

/// Refuses with [`DomainError::RateLimited`] if the actor has posted `limit.max` comments in the
/// last `limit.minutes`; the answer says when the oldest of them leaves the window.
pub async fn check<C: ConnectionTrait>(db: &C, audit: &Audit, limit: CommentLimit) -> DomainResult<()> {
    let Some(author) = audit.actor.user_id() else { return Ok(()) };
    if limit.max == 0 {
        return Ok(());
    }
    let window = Duration::minutes(limit.minutes);
    let recent = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(author))
        .filter(comment::Column::CreatedAt.gt(audit.at - window))
        .filter(comment::Column::CreatedAt.lte(audit.at));
    if recent.clone().count(db).await? < limit.max {
        return Ok(());
    }
    let oldest = recent
        .order_by_asc(comment::Column::CreatedAt)
        .limit(1)
        .one(db)
        .await?
        .map(|c| c.created_at)
        .unwrap_or(audit.at);
    // Rounded up: a client that waits this long is let through (PostgreSQL keeps timestamps
    // to the microsecond, so the stored moment may be a little earlier than the one written).
    let wait = ((oldest + window - audit.at).num_milliseconds() + 999).div_euclid(1000).max(1);
    Err(DomainError::RateLimited { max: limit.max, minutes: limit.minutes, retry_after_seconds: wait })
}
