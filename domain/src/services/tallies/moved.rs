//! The demands whose rating moved between two drafts (`demand_moves`), kept with the change
//! like the counts beside them (`moves`): for each pair of drafts (the lower id first), each
//! published demand both drafts count and rate with a different score, whether it went up or
//! down from the first to the second, with its place in record order (`load::order_demands`).
//! A write's demands are looked at again after it, in its transaction; a page of the change's
//! moved demands is then read by walking an index in record order, whatever the size of the
//! record and however rare the moves.
use std::collections::{BTreeMap, BTreeSet};

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use super::moves::{self, demands_on_pairs, pairs, Pairs};
use crate::entities::{demand, draft, position};
use crate::error::{DomainError, DomainResult};
use crate::services::query::sql;

/// The way a demand's score went from the first draft of a pair to the second, as stored.
pub const UP: &str = "up";
pub const DOWN: &str = "down";

const TABLE: &str = "demand_moves";

/// The table's columns, in the order `select` gives them.
const COLUMNS: [&str; 8] =
    ["first_draft_id", "second_draft_id", "demand_id", "way", "undated", "published_on", "position_id", "ordinal"];

/// `SELECT` the rows of what `only` names, as the record now says: the demands both drafts of
/// a pair count and rate, with different scores.
fn select(only: Pairs<'_>) -> SelectStatement {
    let (mut q, da, db) = demands_on_pairs();
    q.and_where(sql::rating_of("aa").is_not_null()).and_where(sql::rating_of("ab").is_not_null());
    let (first, second) = (Expr::expr(sql::half_points("aa")), Expr::expr(sql::half_points("ab")));
    q.and_where(first.clone().ne(second.clone()));
    let on = Expr::col((position::Entity, position::Column::PublishedOn));
    // each under its column's name in the table (three of them are an `id`)
    q.expr_as(Expr::col((da.clone(), draft::Column::Id)), COLUMNS[0])
        .expr_as(Expr::col((db.clone(), draft::Column::Id)), COLUMNS[1])
        .expr_as(Expr::col((demand::Entity, demand::Column::Id)), COLUMNS[2])
        .expr_as(Expr::case(second.gt(first), UP).finally(DOWN), COLUMNS[3])
        .expr_as(Expr::case(on.clone().is_null(), 1).finally(0), COLUMNS[4])
        .expr_as(on, COLUMNS[5])
        .expr_as(Expr::col((position::Entity, position::Column::Id)), COLUMNS[6])
        .expr_as(Expr::col((demand::Entity, demand::Column::Ordinal)), COLUMNS[7]);
    moves::only(&mut q, (da, db), only);
    q
}

async fn insert<C: ConnectionTrait>(db: &C, only: Pairs<'_>) -> DomainResult<()> {
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(TABLE))
        .columns(COLUMNS.map(Alias::new))
        .select_from(select(only))
        .map_err(|e| DomainError::Corrupt(e.to_string()))?;
    db.execute(&insert).await?;
    Ok(())
}

/// After a write to these demands: their moves as the rows now say.
pub async fn refresh<C: ConnectionTrait>(db: &C, ids: &BTreeSet<i32>) -> DomainResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut delete = Query::delete();
    delete.from_table(Alias::new(TABLE)).and_where(Expr::col(Alias::new("demand_id")).is_in(ids.iter().copied()));
    db.execute(&delete).await?;
    insert(db, Pairs::Demands(ids)).await
}

/// The moves between draft `with` (or every draft) and the others again from the rows, one
/// pair of drafts at a time.
pub async fn rebuild<C: ConnectionTrait>(db: &C, with: Option<i32>) -> DomainResult<()> {
    let delete = match with {
        Some(id) => format!("DELETE FROM {TABLE} WHERE first_draft_id = {id} OR second_draft_id = {id}"),
        None => format!("DELETE FROM {TABLE}"),
    };
    db.execute_raw(Statement::from_string(db.get_database_backend(), delete)).await?;
    for (first, second) in pairs(db, with).await? {
        insert(db, Pairs::Pair(first, second)).await?;
    }
    Ok(())
}

/// One page of the demands that went `way` (`UP` or `DOWN`) from draft `first` to draft
/// `second` (`first` < `second`), in record order: `limit` demand ids after the first `skip`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    (first, second): (i32, i32),
    way: &str,
    skip: u64,
    limit: u64,
) -> DomainResult<Vec<i32>> {
    let mut q = Query::select();
    q.column(Alias::new("demand_id"))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("first_draft_id")).eq(first))
        .and_where(Expr::col(Alias::new("second_draft_id")).eq(second))
        .and_where(Expr::col(Alias::new("way")).eq(way));
    for c in ["undated", "published_on", "position_id", "ordinal"] {
        q.order_by(Alias::new(c), Order::Asc);
    }
    q.offset(skip).limit(limit);
    #[derive(FromQueryResult)]
    struct Demand {
        demand_id: i32,
    }
    Ok(sql::all::<Demand, _>(db, &q).await?.into_iter().map(|r| r.demand_id).collect())
}

/// A row without its pair of drafts: demand → (way, undated, date, position, ordinal).
type Rows = BTreeMap<i32, (String, i32, Option<chrono::NaiveDate>, i32, i32)>;

/// A row of the table, or of `select` (under the table's column names).
#[derive(FromQueryResult)]
struct Row {
    demand_id: i32,
    way: String,
    undated: i32,
    published_on: Option<chrono::NaiveDate>,
    position_id: i32,
    ordinal: i32,
}

async fn rows_of<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> DomainResult<Rows> {
    Ok(sql::all::<Row, _>(db, q)
        .await?
        .into_iter()
        .map(|r| (r.demand_id, (r.way, r.undated, r.published_on, r.position_id, r.ordinal)))
        .collect())
}

/// The stored moves against the rows, one pair of drafts at a time.
pub async fn check<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<String>> {
    let mut problems = Vec::new();
    let stray = format!(
        "SELECT COUNT(*) AS n FROM {TABLE} WHERE first_draft_id >= second_draft_id \
         OR first_draft_id NOT IN (SELECT id FROM drafts) OR second_draft_id NOT IN (SELECT id FROM drafts)"
    );
    let stray = Statement::from_string(db.get_database_backend(), stray);
    if let Some(sql::Count { n }) = sql::Count::find_by_statement(stray).one(db).await? {
        if n > 0 {
            problems.push(format!("{n} moved demands kept for drafts that do not exist"));
        }
    }
    for (first, second) in pairs(db, None).await? {
        let computed = rows_of(db, &select(Pairs::Pair(first, second))).await?;
        let mut q = Query::select();
        q.columns(COLUMNS.map(Alias::new))
            .from(Alias::new(TABLE))
            .and_where(Expr::col(Alias::new("first_draft_id")).eq(first))
            .and_where(Expr::col(Alias::new("second_draft_id")).eq(second));
        let stored = rows_of(db, &q).await?;
        let ids: BTreeSet<&i32> = computed.keys().chain(stored.keys()).collect();
        for id in ids {
            let (want, have) = (computed.get(id), stored.get(id));
            if want != have {
                problems.push(format!(
                    "demand {id} moved between drafts {first} and {second}: kept {have:?}, from the rows {want:?}"
                ));
            }
        }
    }
    Ok(problems)
}
