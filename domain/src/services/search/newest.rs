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
//! newer ones held too few, and together with the one after it when, at the rate of the newer
//! ones, it would hold too few itself.
use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult};

use super::{matches, source, Sql, Tags};
use crate::error::DomainResult;
use crate::types::SearchKind;

/// The slices read in turn, newest first: the ids above `top - top / n` for each `n`, then the
/// rest, `top` the highest id the documents searched can have. At 10,000 organisations the
/// first holds about 13,000 documents.
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

/// The ids of the newest `want` documents matching `query` and carrying `tags` (of `kind`, when
/// the search is narrowed to one), newest first (fewer when fewer match).
pub(super) async fn newest<C: ConnectionTrait>(
    db: &C,
    query: &str,
    tags: &Option<Tags>,
    kind: Option<SearchKind>,
    want: i64,
) -> DomainResult<Vec<i64>> {
    // Every kind numbers its documents from its own rows: the newest comment's id is below the
    // newest demand's, and a search narrowed to comments slices from the comments' highest.
    let top = match kind {
        Some(kind) => {
            let (table, code) = source(kind);
            format!("SELECT CAST(MAX(id) AS BIGINT) * 8 + {code} AS top FROM {table}")
        }
        None => "SELECT MAX(id) AS top FROM search_index".to_string(),
    };
    let top = Top::find_by_statement(sea_orm::Statement::from_string(DatabaseBackend::Postgres, top))
        .one(db)
        .await?
        .and_then(|t| t.top);
    let Some(top) = top else { return Ok(Vec::new()) };
    let floors: Vec<i64> = SLICES.iter().map(|n| top - top / n).chain([0]).collect();
    let mut found: Vec<i64> = Vec::new();
    // The ids above it are read; none at first, and none of the documents searched is above
    // `top` (but those written since it was read: this search comes a moment before them).
    let mut ceiling = top;
    let mut next = 0;
    while next < floors.len() {
        let mut slice = next;
        // A slice that, at the rate of the newer ones, would hold too few is read together with
        // the next: one scan of the index fewer (a rare word: two in all).
        if slice > 0 {
            let rate = found.len() as f64 / (top - ceiling).max(1) as f64;
            while slice + 1 < floors.len()
                && (found.len() as f64 + rate * (ceiling - floors[slice]) as f64) < want as f64
            {
                slice += 1;
            }
        }
        let floor = floors[slice];
        let mut sql = Sql::new(DatabaseBackend::Postgres);
        sql.push("SELECT search_index.id FROM search_index WHERE ");
        matches(&mut sql, query, tags);
        sql.push(" AND search_index.id > ").bind(floor).push(" AND search_index.id <= ").bind(ceiling);
        // the first slice as the planner sees fit; the older ones never walked by key (`+ 0`)
        sql.push(if slice == 0 { " ORDER BY search_index.id DESC" } else { " ORDER BY search_index.id + 0 DESC" });
        sql.push(" LIMIT ").bind(want - found.len() as i64);
        found.extend(Id::find_by_statement(sql.statement()).all(db).await?.into_iter().map(|r| r.id));
        if found.len() as i64 >= want || floor <= 0 {
            break;
        }
        ceiling = floor;
        next = slice + 1;
    }
    Ok(found)
}
