//! Writing the counts: adding a difference (upserts that add, so concurrent writers on
//! PostgreSQL cannot lose one another's counts), and counting again from the rows.
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, Statement};

use super::contributions::{selects, Only, COUNTED};
use super::{Counts, Key};
use crate::entities::score_tally;
use crate::error::DomainResult;

/// Rows per statement.
const BATCH: usize = 200;

fn statement<C: ConnectionTrait>(db: &C, sql: String) -> Statement {
    Statement::from_string(db.get_database_backend(), sql)
}

/// What `upsert` returns of each row (the table's INTEGER columns).
#[derive(FromQueryResult)]
struct Upserted {
    draft_id: i32,
    organisation_id: i32,
    element_id: i32,
    demands: i32,
}

/// `INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x`: the numbers are the domain's
/// own integers, written inline. Returns each row's demands after the addition.
async fn upsert<C: ConnectionTrait>(db: &C, rows: &[(Key, Counts, i64)]) -> DomainResult<Vec<(Key, i64)>> {
    let mut out = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(BATCH) {
        let values: Vec<String> = chunk
            .iter()
            .map(|(k, c, orgs)| {
                format!(
                    "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                    k.draft,
                    k.organisation,
                    k.element,
                    c.demands,
                    c.met,
                    c.partly_met,
                    c.not_addressed,
                    c.contradicted,
                    c.by_tracker,
                    c.limits,
                    orgs
                )
            })
            .collect();
        let sets: Vec<String> = COUNTED
            .iter()
            .chain(std::iter::once(&"organisations"))
            .map(|c| format!("{c} = score_tallies.{c} + excluded.{c}"))
            .collect();
        let sql = format!(
            "INSERT INTO score_tallies (draft_id, organisation_id, element_id, {}, organisations) VALUES {} \
             ON CONFLICT (draft_id, organisation_id, element_id) DO UPDATE SET {} \
             RETURNING draft_id, organisation_id, element_id, demands",
            COUNTED.join(", "),
            values.join(", "),
            sets.join(", ")
        );
        for r in Upserted::find_by_statement(statement(db, sql)).all(db).await? {
            let key = Key { draft: r.draft_id, organisation: r.organisation_id, element: r.element_id };
            out.push((key, i64::from(r.demands)));
        }
    }
    Ok(out)
}

/// Adds a difference to the stored counts: the rows it names, then the organisations counted
/// per draft and per element where an organisation starts or stops counting; rows left with
/// no demand are removed.
pub async fn add<C: ConnectionTrait>(db: &C, delta: HashMap<Key, Counts>) -> DomainResult<()> {
    if delta.is_empty() {
        return Ok(());
    }
    let mut rows: Vec<(Key, Counts, i64)> = delta.iter().map(|(k, c)| (*k, *c, 0)).collect();
    rows.sort_by_key(|r| r.0);
    let after = upsert(db, &rows).await?;
    let mut organisations: HashMap<Key, i64> = HashMap::new();
    let mut emptied = Vec::new();
    for (key, demands) in after {
        if demands == 0 {
            emptied.push(key);
        }
        if key.organisation == 0 {
            continue;
        }
        let added = delta.get(&key).map(|c| c.demands).unwrap_or(0);
        let before = demands - added;
        let change = match (before > 0, demands > 0) {
            (false, true) => 1,
            (true, false) => -1,
            _ => 0,
        };
        if change != 0 {
            *organisations.entry(Key { organisation: 0, ..key }).or_default() += change;
        }
    }
    organisations.retain(|_, n| *n != 0);
    if !organisations.is_empty() {
        let mut rows: Vec<(Key, Counts, i64)> =
            organisations.into_iter().map(|(k, n)| (k, Counts::default(), n)).collect();
        rows.sort_by_key(|r| r.0);
        upsert(db, &rows).await?;
    }
    for chunk in emptied.chunks(BATCH) {
        let mut any = sea_orm::sea_query::Condition::any();
        for k in chunk {
            any = any.add(
                Expr::col(score_tally::Column::DraftId)
                    .eq(k.draft)
                    .and(Expr::col(score_tally::Column::OrganisationId).eq(k.organisation))
                    .and(Expr::col(score_tally::Column::ElementId).eq(k.element)),
            );
        }
        let mut q = Query::delete();
        q.from_table(score_tally::Entity).cond_where(any).and_where(Expr::col(score_tally::Column::Demands).eq(0));
        db.execute(&q).await?;
    }
    Ok(())
}

/// Counts the drafts `only` names (one, or all) again from the rows.
pub async fn rebuild<C: ConnectionTrait>(db: &C, only: Only<'_>) -> DomainResult<()> {
    let mut delete = Query::delete();
    delete.from_table(score_tally::Entity);
    if let Only::Draft(id) = only {
        delete.and_where(Expr::col(score_tally::Column::DraftId).eq(id));
    }
    db.execute(&delete).await?;
    for mut q in selects(only) {
        q.expr(Expr::cust("0"));
        let mut insert = Query::insert();
        insert
            .into_table(score_tally::Entity)
            .columns(
                ["draft_id", "organisation_id", "element_id"]
                    .iter()
                    .chain(COUNTED.iter())
                    .chain(std::iter::once(&"organisations"))
                    .map(|c| sea_orm::sea_query::Alias::new(*c)),
            )
            .select_from(q)
            .map_err(|e| crate::error::DomainError::Corrupt(e.to_string()))?;
        db.execute(&insert).await?;
    }
    let only_draft = match only {
        Only::Draft(id) => format!(" AND draft_id = {id}"),
        _ => String::new(),
    };
    let sql = format!(
        "UPDATE score_tallies SET organisations = (SELECT COUNT(*) FROM score_tallies t \
         WHERE t.draft_id = score_tallies.draft_id AND t.element_id = score_tallies.element_id \
         AND t.organisation_id <> 0) WHERE organisation_id = 0{only_draft}"
    );
    db.execute_raw(statement(db, sql)).await?;
    Ok(())
}

pub async fn is_built<C: ConnectionTrait>(db: &C) -> DomainResult<bool> {
    Ok(crate::entities::tallies_built::Entity::find().count(db).await? > 0)
}

pub async fn mark_built<C: ConnectionTrait>(db: &C) -> DomainResult<()> {
    let sql = "DELETE FROM tallies_built".to_string();
    db.execute_raw(statement(db, sql)).await?;
    let mut q = Query::insert();
    q.into_table(crate::entities::tallies_built::Entity)
        .columns([crate::entities::tallies_built::Column::Id, crate::entities::tallies_built::Column::BuiltAt])
        .values([1.into(), chrono::Utc::now().into()])
        .map_err(|e| crate::error::DomainError::Corrupt(e.to_string()))?;
    db.execute(&q).await?;
    Ok(())
}
