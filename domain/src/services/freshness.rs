//! What anonymous readers see changes only when one of these changes: the newest revision
//! (every change to the record, every assessment, every act of moderation writes one in its
//! own transaction), the comments (posted, edited, deleted: their newest id and newest
//! `updated_at`) and the accounts (their count and versions, for the names shown on comments).
//! The stamp combines them; a cache of public pages is valid while it is unchanged. Reading it
//! is one statement of index lookups, so every instance can check it on every request.
use sea_orm::{ConnectionTrait, Statement};

use crate::error::DomainResult;

const STAMP_SQL: &str = "SELECT (SELECT MAX(id) FROM revisions), (SELECT MAX(id) FROM comments), \
(SELECT MAX(updated_at) FROM comments), (SELECT COUNT(*) FROM users), (SELECT SUM(version) FROM users)";

/// A value that differs after any change a public page could show.
pub async fn public_stamp<C: ConnectionTrait>(db: &C) -> DomainResult<String> {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), STAMP_SQL)).await?;
    let Some(row) = row else { return Ok(String::new()) };
    let revision = row.try_get_by_index::<Option<i32>>(0)?.unwrap_or(0);
    let comment = row.try_get_by_index::<Option<i32>>(1)?.unwrap_or(0);
    let commented = row.try_get_by_index::<Option<chrono::DateTime<chrono::Utc>>>(2)?;
    let accounts = row.try_get_by_index::<i64>(3)?;
    let versions = row.try_get_by_index::<Option<i64>>(4)?.unwrap_or(0);
    let commented = commented.map(|t| t.timestamp_micros()).unwrap_or(0);
    Ok(format!("{revision}.{comment}.{commented}.{accounts}.{versions}"))
}
