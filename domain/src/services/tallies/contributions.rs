//! What demands contribute to the counts, computed from the rows with the scorecard's rule:
//! one GROUP BY per level (draft; draft and element; draft and organisation; draft,
//! organisation and element).
use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult, JoinType};

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

/// A counted column that is 0 at this level (BIGINT, as the counts are on PostgreSQL).
fn zero() -> Expr {
    Expr::cust("CAST(0 AS BIGINT)")
}

/// The organisation and element columns of a row's key (0 where the level is "all"),
/// grouped by.
fn key_columns(q: &mut SelectStatement, by_organisation: bool, by_element: bool) {
    if by_organisation {
        sql::signed(q);
        q.expr_as(sql::signatory(), "organisation_id")
            .group_by_col((position_signatory::Entity, sql::PS::OrganisationId));
    } else {
        q.expr_as(Expr::cust("0"), "organisation_id");
    }
    if by_element {
        sql::mapped(q);
        q.expr_as(sql::element_id(), "element_id").group_by_col((demand_element::Entity, sql::DE::ElementId));
    } else {
        q.expr_as(Expr::cust("0"), "element_id");
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
    q.expr_as(Expr::col((draft::Entity, draft::Column::Id)), "draft_id")
        .group_by_col((draft::Entity, draft::Column::Id));
    key_columns(&mut q, by_organisation, by_element);
    q.expr_as(Expr::cust("COUNT(*)"), "demands");
    for r in Rating::ALL {
        // the ratings' names are the domain's own constants, never user input
        let name: &'static str = r.into();
        q.expr_as(Expr::cust(format!("SUM(CASE WHEN a.rating = '{name}' THEN 1 ELSE 0 END)")), name);
    }
    q.expr_as(Expr::cust("SUM(CASE WHEN a.by_tracker THEN 1 ELSE 0 END)"), "by_tracker");
    q.expr_as(limits(by_element), "limits");
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

/// One row of `select` or `select_published`, by its columns' names: the key (INTEGER), the
/// counts (COUNT and SUM: BIGINT on PostgreSQL; a SUM over no row is NULL).
#[derive(Debug, FromQueryResult)]
pub struct Row {
    draft_id: i32,
    organisation_id: i32,
    element_id: i32,
    demands: Option<i64>,
    met: Option<i64>,
    partly_met: Option<i64>,
    not_addressed: Option<i64>,
    contradicted: Option<i64>,
    by_tracker: Option<i64>,
    limits: Option<i64>,
}

impl Row {
    pub fn parts(self) -> (Key, Counts) {
        let key = Key { draft: self.draft_id, organisation: self.organisation_id, element: self.element_id };
        let n = |v: Option<i64>| v.unwrap_or(0);
        let counts = Counts {
            demands: n(self.demands),
            met: n(self.met),
            partly_met: n(self.partly_met),
            not_addressed: n(self.not_addressed),
            contradicted: n(self.contradicted),
            by_tracker: n(self.by_tracker),
            limits: n(self.limits),
        };
        (key, counts)
    }
}

/// The mappings that limit an element, where the rows are per element.
fn limits(by_element: bool) -> Expr {
    if by_element {
        // the stance's name is the domain's own constant
        Expr::cust(format!("SUM(CASE WHEN demand_elements.stance = '{}' THEN 1 ELSE 0 END)", Stance::Limit.as_ref()))
    } else {
        zero()
    }
}

/// The same columns for draft 0: every published demand, whatever any draft counts (the
/// elements' list). None where `only` names a draft (draft 0 does not depend on drafts).
pub fn select_published(by_organisation: bool, by_element: bool, only: Only<'_>) -> Option<SelectStatement> {
    let mut q = sql::published_demands();
    q.expr_as(Expr::cust("0"), "draft_id");
    key_columns(&mut q, by_organisation, by_element);
    q.expr_as(Expr::cust("COUNT(*)"), "demands");
    for r in Rating::ALL {
        q.expr_as(zero(), <&'static str>::from(r));
    }
    q.expr_as(zero(), "by_tracker");
    q.expr_as(limits(by_element), "limits");
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
        for r in sql::all::<Row, _>(db, &q).await? {
            let (key, counts) = r.parts();
            // an aggregate over no row (draft 0, all levels empty) counts nothing
            if counts.demands > 0 {
                out.insert(key, counts);
            }
        }
    }
    Ok(out)
}
