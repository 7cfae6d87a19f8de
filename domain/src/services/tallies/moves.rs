//! The ratings of each demand on two drafts side by side, counted (`score_moves`): for every
//! pair of drafts (the lower id first), overall, per element and per organisation, how many
//! demands had each pair of ratings ("" where the draft does not rate or does not count the
//! demand). The change between two drafts is read from here. Kept like the counts: a write's
//! demands are counted before and after, and the difference added.
use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, JoinType, Statement};

use crate::entities::{assessment, demand, draft};
use crate::error::{DomainError, DomainResult};
use crate::services::query::sql;

/// A row's key: two drafts (lower id first), organisation and element (0: all), the two
/// ratings ("": none); read from the table's columns (`COLUMNS`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, FromQueryResult)]
pub struct MoveKey {
    #[sea_orm(from_alias = "first_draft_id")]
    pub first: i32,
    #[sea_orm(from_alias = "second_draft_id")]
    pub second: i32,
    #[sea_orm(from_alias = "organisation_id")]
    pub organisation: i32,
    #[sea_orm(from_alias = "element_id")]
    pub element: i32,
    pub first_rating: String,
    pub second_rating: String,
}

/// A row as `select` counts it (COUNT: BIGINT on PostgreSQL).
#[derive(FromQueryResult)]
struct Counted {
    #[sea_orm(nested)]
    key: MoveKey,
    demands: i64,
}

/// A row as `score_moves` keeps it (INTEGER).
#[derive(FromQueryResult)]
pub struct Kept {
    #[sea_orm(nested)]
    pub key: MoveKey,
    pub demands: i32,
}

impl Kept {
    pub fn parts(self) -> (MoveKey, i64) {
        (self.key, i64::from(self.demands))
    }
}

/// The three levels: (by organisation, by element).
const LEVELS: [(bool, bool); 3] = [(false, false), (false, true), (true, false)];

const BATCH: usize = 200;

/// The table's columns, in the order `select` gives them.
const COLUMNS: [&str; 7] =
    ["first_draft_id", "second_draft_id", "organisation_id", "element_id", "first_rating", "second_rating", "demands"];

/// What a count of pairs covers: some demands on every pair of drafts (a write's), or every
/// demand on one pair (a rebuild or a check: the drafts fixed, so that the database's planner
/// needs no guess about a join of drafts with drafts).
#[derive(Debug, Clone, Copy)]
pub enum Pairs<'a> {
    Demands(&'a BTreeSet<i32>),
    Pair(i32, i32),
}

/// Published demands with every pair of drafts (the lower id `da`, the higher `db`) that
/// either counts them, and their ratings on each joined as `aa` and `ab`: NULL where the draft
/// does not rate or does not count the demand. Shared with the kept list of moved demands.
pub fn demands_on_pairs() -> (SelectStatement, Alias, Alias) {
    let (da, db) = (Alias::new("da"), Alias::new("db"));
    let mut q = sql::published_demands();
    q.join_as(JoinType::InnerJoin, draft::Entity, da.clone(), Expr::col((da.clone(), draft::Column::Id)).is_not_null());
    q.join_as(
        JoinType::InnerJoin,
        draft::Entity,
        db.clone(),
        Expr::col((db.clone(), draft::Column::Id)).gt(Expr::col((da.clone(), draft::Column::Id))),
    );
    q.cond_where(Condition::any().add(sql::scored_on_draft_as(da.clone())).add(sql::scored_on_draft_as(db.clone())));
    // a rating joins only where its draft counts the demand
    for (alias, on) in [("aa", &da), ("ab", &db)] {
        q.join_as(
            JoinType::LeftJoin,
            assessment::Entity,
            Alias::new(alias),
            Condition::all()
                .add(
                    Expr::col((Alias::new(alias), assessment::Column::DemandId))
                        .equals((demand::Entity, demand::Column::Id)),
                )
                .add(
                    Expr::col((Alias::new(alias), assessment::Column::DraftId)).equals((on.clone(), draft::Column::Id)),
                )
                .add(sql::scored_on_draft_as(on.clone())),
        );
    }
    (q, da, db)
}

/// Narrows a query of `demands_on_pairs` to what `only` names.
pub fn only(q: &mut SelectStatement, (da, db): (Alias, Alias), only: Pairs<'_>) {
    match only {
        Pairs::Demands(ids) => {
            q.and_where(sql::demand_id().is_in(ids.iter().copied()));
        }
        Pairs::Pair(first, second) => {
            q.and_where(Expr::col((da, draft::Column::Id)).eq(first))
                .and_where(Expr::col((db, draft::Column::Id)).eq(second));
        }
    }
}

/// `SELECT first, second, organisation, element, first rating, second rating, demands` of
/// what `only` names, at one level.
pub fn select(by_organisation: bool, by_element: bool, only: Pairs<'_>) -> SelectStatement {
    let (mut q, da, db) = demands_on_pairs();
    // each under its column's name in `score_moves` (both drafts' columns are `id`)
    q.expr_as(Expr::col((da.clone(), draft::Column::Id)), COLUMNS[0])
        .expr_as(Expr::col((db.clone(), draft::Column::Id)), COLUMNS[1]);
    if by_organisation {
        sql::signed(&mut q);
        q.expr_as(sql::signatory(), COLUMNS[2]);
    } else {
        q.expr_as(Expr::cust("0"), COLUMNS[2]);
    }
    if by_element {
        sql::mapped(&mut q);
        q.expr_as(sql::element_id(), COLUMNS[3]);
    } else {
        q.expr_as(Expr::cust("0"), COLUMNS[3]);
    }
    q.expr_as(Expr::cust("COALESCE(aa.rating, '')"), COLUMNS[4])
        .expr_as(Expr::cust("COALESCE(ab.rating, '')"), COLUMNS[5])
        .expr_as(Expr::cust("COUNT(*)"), COLUMNS[6]);
    q.add_group_by((1..=6).map(|i| Expr::cust(i.to_string())));
    self::only(&mut q, (da, db), only);
    q
}

/// Every pair of drafts (lower id first), or those with draft `with`.
pub async fn pairs<C: ConnectionTrait>(db: &C, with: Option<i32>) -> DomainResult<Vec<(i32, i32)>> {
    let mut ids: Vec<i32> = draft::Entity::find().all(db).await?.into_iter().map(|d| d.id).collect();
    ids.sort_unstable();
    let mut out = Vec::new();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            if with.is_none_or(|w| w == *a || w == *b) {
                out.push((*a, *b));
            }
        }
    }
    Ok(out)
}

/// Every row what `only` names contributes, at the three levels.
pub async fn state<C: ConnectionTrait>(db: &C, only: Pairs<'_>) -> DomainResult<HashMap<MoveKey, i64>> {
    let mut out = HashMap::new();
    if let Pairs::Demands(ids) = only {
        if ids.is_empty() {
            return Ok(out);
        }
    }
    for (by_organisation, by_element) in LEVELS {
        for r in sql::all::<Counted, _>(db, &select(by_organisation, by_element, only)).await? {
            out.insert(r.key, r.demands);
        }
    }
    Ok(out)
}

/// The difference between two states.
pub fn difference(before: &HashMap<MoveKey, i64>, after: &HashMap<MoveKey, i64>) -> HashMap<MoveKey, i64> {
    let mut delta: HashMap<MoveKey, i64> = HashMap::new();
    for (k, n) in after {
        *delta.entry(k.clone()).or_default() += n;
    }
    for (k, n) in before {
        *delta.entry(k.clone()).or_default() -= n;
    }
    delta.retain(|_, n| *n != 0);
    delta
}

/// A rating as written inline: the domain's own names (or ""), never user input.
fn quoted(rating: &str) -> DomainResult<String> {
    if rating.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        Ok(format!("'{rating}'"))
    } else {
        Err(DomainError::Corrupt(format!("a rating named {rating:?}")))
    }
}

/// Adds a difference to the stored rows; rows left with no demand are removed.
pub async fn add<C: ConnectionTrait>(db: &C, delta: HashMap<MoveKey, i64>) -> DomainResult<()> {
    let mut rows: Vec<(MoveKey, i64)> = delta.into_iter().collect();
    rows.sort();
    let backend = db.get_database_backend();
    for chunk in rows.chunks(BATCH) {
        let mut values = Vec::with_capacity(chunk.len());
        for (k, n) in chunk {
            values.push(format!(
                "({}, {}, {}, {}, {}, {}, {})",
                k.first,
                k.second,
                k.organisation,
                k.element,
                quoted(&k.first_rating)?,
                quoted(&k.second_rating)?,
                n
            ));
        }
        let sql = format!(
            "INSERT INTO score_moves (first_draft_id, second_draft_id, organisation_id, element_id, first_rating, \
             second_rating, demands) VALUES {} ON CONFLICT (first_draft_id, second_draft_id, organisation_id, \
             element_id, first_rating, second_rating) DO UPDATE SET demands = score_moves.demands + excluded.demands \
             RETURNING first_draft_id, second_draft_id, organisation_id, element_id, first_rating, second_rating, demands",
            values.join(", ")
        );
        let mut emptied = Vec::new();
        for r in Kept::find_by_statement(Statement::from_string(backend, sql)).all(db).await? {
            let (key, n) = r.parts();
            if n == 0 {
                emptied.push(key);
            }
        }
        if !emptied.is_empty() {
            let mut any = Vec::with_capacity(emptied.len());
            for k in &emptied {
                any.push(format!(
                    "(first_draft_id = {} AND second_draft_id = {} AND organisation_id = {} AND element_id = {} \
                     AND first_rating = {} AND second_rating = {})",
                    k.first,
                    k.second,
                    k.organisation,
                    k.element,
                    quoted(&k.first_rating)?,
                    quoted(&k.second_rating)?
                ));
            }
            let sql = format!("DELETE FROM score_moves WHERE demands = 0 AND ({})", any.join(" OR "));
            db.execute_raw(Statement::from_string(backend, sql)).await?;
        }
    }
    Ok(())
}

/// Counts the pairs of draft `with` (or of every draft) again from the rows, one pair at a
/// time.
pub async fn rebuild<C: ConnectionTrait>(db: &C, with: Option<i32>) -> DomainResult<()> {
    let backend = db.get_database_backend();
    let delete = match with {
        Some(id) => format!("DELETE FROM score_moves WHERE first_draft_id = {id} OR second_draft_id = {id}"),
        None => "DELETE FROM score_moves".to_string(),
    };
    db.execute_raw(Statement::from_string(backend, delete)).await?;
    for (first, second) in pairs(db, with).await? {
        for (by_organisation, by_element) in LEVELS {
            let mut insert = Query::insert();
            insert
                .into_table(Alias::new("score_moves"))
                .columns(COLUMNS.map(Alias::new))
                .select_from(select(by_organisation, by_element, Pairs::Pair(first, second)))
                .map_err(|e| DomainError::Corrupt(e.to_string()))?;
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

/// The stored rows of one pair of drafts, for one organisation or element (0: all) or, with
/// `organisations`, for those organisations (element 0).
pub async fn read<C: ConnectionTrait>(
    db: &C,
    first: i32,
    second: i32,
    organisation: Option<&[i32]>,
    by_element: bool,
) -> DomainResult<Vec<(MoveKey, i64)>> {
    let mut q = Query::select();
    q.columns(COLUMNS.map(Alias::new))
        .from(Alias::new("score_moves"))
        .and_where(Expr::col(Alias::new("first_draft_id")).eq(first))
        .and_where(Expr::col(Alias::new("second_draft_id")).eq(second));
    match organisation {
        Some(ids) => {
            q.and_where(Expr::col(Alias::new("organisation_id")).is_in(ids.iter().copied()));
        }
        None => {
            q.and_where(Expr::col(Alias::new("organisation_id")).eq(0));
        }
    }
    if by_element {
        q.and_where(Expr::col(Alias::new("element_id")).ne(0));
    } else {
        q.and_where(Expr::col(Alias::new("element_id")).eq(0));
    }
    Ok(sql::all::<Kept, _>(db, &q).await?.into_iter().map(Kept::parts).collect())
}
