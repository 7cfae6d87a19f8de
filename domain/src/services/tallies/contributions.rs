//! What demands contribute to the counts, computed from the rows with the scorecard's rule:
//! one GROUP BY per level (draft; draft and element; draft and organisation; draft,
//! organisation and element).
use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, SelectStatement};
use sea_orm::{ConnectionTrait, JoinType};

use super::{Counts, Key};
use crate::entities::{assessment, demand, demand_element, draft, position_signatory};
use crate::error::DomainResult;
use crate::services::query::sql;
use crate::types::{Rating, Stance};

/// Which demands and drafts to count.
#[derive(Clone, Copy)]
pub enum Only<'a> {
    Demands(&'a BTreeSet<i32>),
    Draft(i32),
    All,
}

/// The four levels: (by organisation, by element).
pub const LEVELS: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// The counted columns, in the order `select` adds them after the key (the ratings in the
/// order of `Rating::ALL`).
pub const COUNTED: [&str; 7] =
    ["demands", "met", "partly_met", "not_addressed", "contradicted", "by_tracker", "limits"];

/// The organisation and element columns of a row's key (0 where the level is "all"),
/// grouped by.
fn key_columns(q: &mut SelectStatement, by_organisation: bool, by_element: bool) {
    if by_organisation {
        sql::signed(q);
        q.expr(sql::signatory()).group_by_col((position_signatory::Entity, sql::PS::OrganisationId));
    } else {
        q.expr(Expr::cust("0"));
    }
    if by_element {
        sql::mapped(q);
        q.expr(sql::element_id()).group_by_col((demand_element::Entity, sql::DE::ElementId));
    } else {
        q.expr(Expr::cust("0"));
    }
}

/// `SELECT draft, organisation (or 0), element (or 0), demands, met, partly_met,
/// not_addressed, contradicted, by_tracker` of the demands `only` names, at one level.
pub fn select(by_organisation: bool, by_element: bool, only: Only<'_>) -> SelectStatement {
    let mut q = sql::published_demands();
    q.join(JoinType::InnerJoin, draft::Entity, sql::scored_on_joined_draft());
    q.join_as(
        JoinType::LeftJoin,
        assessment::Entity,
        Alias::new("a"),
        Condition::all()
            .add(
                Expr::col((Alias::new("a"), assessment::Column::DemandId)).equals((demand::Entity, demand::Column::Id)),
            )
            .add(Expr::col((Alias::new("a"), assessment::Column::DraftId)).equals((draft::Entity, draft::Column::Id))),
    );
    q.column((draft::Entity, draft::Column::Id)).group_by_col((draft::Entity, draft::Column::Id));
    key_columns(&mut q, by_organisation, by_element);
    q.expr(Expr::cust("COUNT(*)"));
    for r in Rating::ALL {
        // the ratings' names are the domain's own constants, never user input
        q.expr(Expr::cust(format!("SUM(CASE WHEN a.rating = '{}' THEN 1 ELSE 0 END)", r.as_ref())));
    }
    q.expr(Expr::cust("SUM(CASE WHEN a.by_tracker THEN 1 ELSE 0 END)"));
    q.expr(limits(by_element));
    match only {
        Only::Demands(ids) => {
            q.and_where(sql::demand_id().is_in(ids.iter().copied()));
        }
        Only::Draft(id) => {
            q.and_where(Expr::col((draft::Entity, draft::Column::Id)).eq(id));
        }
        Only::All => {}
    }
    q
}

/// Reads one row of `select`.
pub fn row(r: &sea_orm::QueryResult) -> DomainResult<(Key, Counts)> {
    let int = |i: usize| -> DomainResult<i64> {
        // COUNT and SUM are BIGINT on PostgreSQL; the keys are INTEGER
        Ok(r.try_get_by_index::<Option<i64>>(i)
            .or_else(|_| r.try_get_by_index::<i32>(i).map(|v| Some(i64::from(v))))?
            .unwrap_or(0))
    };
    let key = Key {
        draft: i32::try_from(int(0)?).unwrap_or(0),
        organisation: i32::try_from(int(1)?).unwrap_or(0),
        element: i32::try_from(int(2)?).unwrap_or(0),
    };
    let mut counts = Counts { demands: int(3)?, by_tracker: int(8)?, limits: int(9)?, ..Counts::default() };
    for (i, r) in Rating::ALL.into_iter().enumerate() {
        let n = int(4 + i)?;
        match r {
            Rating::Met => counts.met = n,
            Rating::PartlyMet => counts.partly_met = n,
            Rating::NotAddressed => counts.not_addressed = n,
            Rating::Contradicted => counts.contradicted = n,
        }
    }
    Ok((key, counts))
}

/// The mappings that limit an element, where the rows are per element.
fn limits(by_element: bool) -> Expr {
    if by_element {
        // the stance's name is the domain's own constant
        Expr::cust(format!("SUM(CASE WHEN demand_elements.stance = '{}' THEN 1 ELSE 0 END)", Stance::Limit.as_ref()))
    } else {
        Expr::cust("0")
    }
}

/// The same columns for draft 0: every published demand, whatever any draft counts (the
/// elements' list). None where `only` names a draft (draft 0 does not depend on drafts).
pub fn select_published(by_organisation: bool, by_element: bool, only: Only<'_>) -> Option<SelectStatement> {
    let mut q = sql::published_demands();
    q.expr(Expr::cust("0"));
    key_columns(&mut q, by_organisation, by_element);
    q.expr(Expr::cust("COUNT(*)"));
    for _ in 0..5 {
        q.expr(Expr::cust("0"));
    }
    q.expr(limits(by_element));
    match only {
        Only::Demands(ids) => {
            q.and_where(sql::demand_id().is_in(ids.iter().copied()));
        }
        Only::Draft(_) => return None,
        Only::All => {}
    }
    if !by_organisation && !by_element {
        // grouped by the constant draft column: no row at all when nothing is published
        q.add_group_by([Expr::cust("1")]);
    }
    Some(q)
}

/// Every statement counting what `only` names: the drafts' four levels and draft 0's.
pub fn selects(only: Only<'_>) -> Vec<SelectStatement> {
    let mut out = Vec::new();
    for (by_organisation, by_element) in LEVELS {
        out.push(select(by_organisation, by_element, only));
        out.extend(select_published(by_organisation, by_element, only));
    }
    out
}

/// Every row the demands (or draft) `only` names contribute, at all four levels.
pub async fn state<C: ConnectionTrait>(db: &C, only: Only<'_>) -> DomainResult<HashMap<Key, Counts>> {
    let mut out = HashMap::new();
    if let Only::Demands(ids) = only {
        if ids.is_empty() {
            return Ok(out);
        }
    }
    for q in selects(only) {
        for r in db.query_all(&q).await? {
            let (key, counts) = row(&r)?;
            // an aggregate over no row (draft 0, all levels empty) counts nothing
            if counts.demands > 0 {
                out.insert(key, counts);
            }
        }
    }
    Ok(out)
}
