//! PostgreSQL: the newest matches of a search, read a slice of the index at a time.
//!
//! Its GIN index finds a word's matches but not the newest first. Asked for the newest thousand
//! of the whole index, the planner either walks the table backwards by key, reading each row's
//! vector until enough match (cheap for a word on every tenth document, 300 ms when the matches
//! are all old: the tags a search adds, its kind and element, go together with its words in
//! ways the planner's statistics cannot see), or reads every match's row and sorts (cheap for a
//! rare word, 150 ms for a word on 60,000 documents). Here each slice bounds what either plan
//! reads: the newest sixteenth of the ids, where the planner may walk (at most that slice's
//! rows) or read its matches; then the next slices, by the index alone, each read only when the
//! newer ones held too few.
use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult};

use super::{matches, Sql, Tags};
use crate::error::DomainResult;

/// The slices read in turn, newest first: the ids above `top - top / n` for each `n`, then the
/// rest. At 10,000 organisations the first holds about 13,000 documents.
const SLICES: [i64; 2] = [16, 4];

#[derive(Debug, FromQueryResult)]
struct Id {
    id: i64,
}

#[derive(Debug, FromQueryResult)]
struct Top {
    top: Option<i64>,
}

/// The planner's settings for the rest of the search's transaction: plans made for the values
/// of each search (a plan made once for any value guesses a dozen matches for every word and
/// always reads them all), and never a read of the whole table.
pub(super) async fn plan_for_values<C: ConnectionTrait>(db: &C) -> DomainResult<()> {
    db.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan").await?;
    db.execute_unprepared("SET LOCAL enable_seqscan = off").await?;
    Ok(())
}

/// The ids of the newest `want` documents matching `query` and carrying `tags`, newest first
/// (fewer when fewer match).
pub(super) async fn newest<C: ConnectionTrait>(
    db: &C,
    query: &str,
    tags: &Option<Tags>,
    want: i64,
) -> DomainResult<Vec<i64>> {
    let top = Top::find_by_statement(sea_orm::Statement::from_string(
        DatabaseBackend::Postgres,
        "SELECT MAX(id) AS top FROM search_index",
    ))
    .one(db)
    .await?
    .and_then(|t| t.top);
    let Some(top) = top else { return Ok(Vec::new()) };
    let mut found: Vec<i64> = Vec::new();
    let mut below: Option<i64> = None;
    for (i, floor) in SLICES.iter().map(|n| top - top / n).chain([0]).enumerate() {
        let mut sql = Sql::new(DatabaseBackend::Postgres);
        sql.push("SELECT search_index.id FROM search_index WHERE ");
        matches(&mut sql, query, tags);
        sql.push(" AND search_index.id > ").bind(floor);
        if let Some(ceiling) = below {
            sql.push(" AND search_index.id <= ").bind(ceiling);
        }
        // the first slice as the planner sees fit; the older ones never walked by key (`+ 0`)
        sql.push(if i == 0 { " ORDER BY search_index.id DESC" } else { " ORDER BY search_index.id + 0 DESC" });
        sql.push(" LIMIT ").bind(want - found.len() as i64);
        found.extend(Id::find_by_statement(sql.statement()).all(db).await?.into_iter().map(|r| r.id));
        if found.len() as i64 >= want || floor <= 0 {
            break;
        }
        below = Some(floor);
    }
    Ok(found)
}
