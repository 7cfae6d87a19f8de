//! Session records for the web layer's session store: an opaque id, its data as JSON, and
//! when it expires. Kept in the database so every server instance sees the same sessions.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::session;
use crate::error::DomainResult;

/// Whether a session with this id exists (expired or not): lets the store avoid id clashes.
pub async fn exists<C: ConnectionTrait>(db: &C, id: &str) -> DomainResult<bool> {
    Ok(session::Entity::find_by_id(id.to_string()).one(db).await?.is_some())
}

/// Inserts or replaces the session `id`.
/// Sessions end after a while without a request, so every request moves the expiry forward;
/// writing it each time would make every signed-in page view a database write, queueing behind
/// members' comments on SQLite. The row is written when its data changed or its expiry moved by
/// more than this; an idle session so ends up to this much earlier than its full idle time.
pub const TOUCH_INTERVAL: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

pub async fn save<C: ConnectionTrait>(db: &C, id: &str, data: &str, expires_at: DateTime<Utc>) -> DomainResult<()> {
    if let Some(stored) = session::Entity::find_by_id(id.to_string()).one(db).await? {
        let moved = expires_at - stored.expires_at;
        if stored.data == data && moved >= chrono::TimeDelta::zero() && moved < TOUCH_INTERVAL {
            return Ok(());
        }
    }
    session::Entity::insert(session::ActiveModel {
        id: Set(id.to_string()),
        data: Set(data.to_string()),
        expires_at: Set(expires_at),
    })
    .on_conflict(
        OnConflict::column(session::Column::Id)
            .update_columns([session::Column::Data, session::Column::ExpiresAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The data and expiry of a session that has not expired at `now`.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    id: &str,
    now: DateTime<Utc>,
) -> DomainResult<Option<(String, DateTime<Utc>)>> {
    Ok(session::Entity::find_by_id(id.to_string())
        .filter(session::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|s| (s.data, s.expires_at)))
}

pub async fn delete<C: ConnectionTrait>(db: &C, id: &str) -> DomainResult<()> {
    session::Entity::delete_by_id(id.to_string()).exec(db).await?;
    Ok(())
}

/// Removes sessions that expired before `now`; returns how many.
pub async fn delete_expired<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> DomainResult<u64> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now)).exec(db).await?.rows_affected)
}
