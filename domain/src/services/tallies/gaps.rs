//! The demands the gaps list (`demand_gaps`), kept with the change: published demands mapped
//! to no element ("unmapped"), and published demands addressing the negotiation that no draft
//! rates ("never_assessed"). A write's demands are looked at again after it (in its
//! transaction); the gaps page then reads a handful of rows instead of probing every demand.
use std::collections::BTreeSet;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use crate::entities::{assessment, demand, demand_element, position};
use crate::error::{DomainError, DomainResult};
use crate::services::query::sql;
use crate::types::Addresses;

/// The kinds of gap, as stored.
pub const UNMAPPED: &str = "unmapped";
pub const NEVER_ASSESSED: &str = "never_assessed";
const KINDS: [&str; 2] = [UNMAPPED, NEVER_ASSESSED];

/// `SELECT demand id, kind` of the published demands with that gap (of `only`, if given).
fn select(kind: &str, only: Option<&BTreeSet<i32>>) -> SelectStatement {
    let mut q = sql::published_demands();
    // the kind is one of this module's constants
    q.expr_as(sql::demand_id(), "demand_id").expr(Expr::cust(format!("'{kind}'")));
    let mut inner = Query::select();
    inner.expr(Expr::cust("1"));
    if kind == UNMAPPED {
        inner.from(demand_element::Entity).and_where(
            Expr::col((demand_element::Entity, demand_element::Column::DemandId))
                .equals((demand::Entity, demand::Column::Id)),
        );
    } else {
        inner.from(assessment::Entity).and_where(
            Expr::col((assessment::Entity, assessment::Column::DemandId)).equals((demand::Entity, demand::Column::Id)),
        );
        q.and_where(Expr::col((position::Entity, position::Column::Addresses)).eq(Addresses::Negotiation));
    }
    q.and_where(Expr::exists(inner).not());
    if let Some(ids) = only {
        q.and_where(sql::demand_id().is_in(ids.iter().copied()));
    }
    q
}

async fn insert<C: ConnectionTrait>(db: &C, only: Option<&BTreeSet<i32>>) -> DomainResult<()> {
    for kind in KINDS {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("demand_gaps"))
            .columns([Alias::new("demand_id"), Alias::new("gap")])
            .select_from(select(kind, only))
            .map_err(|e| DomainError::Corrupt(e.to_string()))?;
        db.execute(&insert).await?;
    }
    Ok(())
}

/// After a write to these demands: their gaps as the rows now say.
pub async fn refresh<C: ConnectionTrait>(db: &C, ids: &BTreeSet<i32>) -> DomainResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut delete = Query::delete();
    delete
        .from_table(Alias::new("demand_gaps"))
        .and_where(Expr::col(Alias::new("demand_id")).is_in(ids.iter().copied()));
    db.execute(&delete).await?;
    insert(db, Some(ids)).await
}

/// Every demand's gaps again from the rows.
pub async fn rebuild<C: ConnectionTrait>(db: &C) -> DomainResult<()> {
    db.execute_raw(Statement::from_string(db.get_database_backend(), "DELETE FROM demand_gaps".to_string())).await?;
    insert(db, None).await
}

/// The stored gaps against the rows.
pub async fn check<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<String>> {
    #[derive(FromQueryResult)]
    struct Gap {
        demand_id: i32,
    }
    let mut problems = Vec::new();
    for kind in KINDS {
        let computed: BTreeSet<i32> =
            sql::all::<Gap, _>(db, &select(kind, None)).await?.into_iter().map(|r| r.demand_id).collect();
        let mut q = Query::select();
        q.column(Alias::new("demand_id"))
            .from(Alias::new("demand_gaps"))
            .and_where(Expr::col(Alias::new("gap")).eq(kind));
        let stored: BTreeSet<i32> = sql::all::<Gap, _>(db, &q).await?.into_iter().map(|r| r.demand_id).collect();
        for id in computed.symmetric_difference(&stored) {
            problems.push(format!(
                "gap {kind} of demand {id}: {} in the kept list, {} by the rows",
                if stored.contains(id) { "present" } else { "absent" },
                if computed.contains(id) { "present" } else { "absent" }
            ));
        }
    }
    Ok(problems)
}
