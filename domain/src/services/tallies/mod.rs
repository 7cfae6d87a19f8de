//! The scorecard's counts, maintained with the change (`score_tallies`): for each draft, how
//! the demands it counts were rated, overall, per element, per organisation, and per
//! organisation and element, with the organisations counted. A write that may move a score
//! takes a [`Touch`] of what it is about to change (the demands, or a position's demands)
//! before writing, and settles it after, in the same transaction: the contribution of those
//! demands is computed before and after from the rows, and the difference is added to the
//! stored counts. A new draft, or a draft whose release date moves, is counted again whole
//! ([`rebuild_draft`]); a bulk load counts everything again ([`rebuild_all`]). Beside the
//! counts, two lists are kept the same way: the demands whose score moved between two drafts
//! (`moved`) and the demands with a gap (`gaps`). [`check`]
//! recomputes every count from the rows and reports any difference.
//!
//! The contribution is the scorecard's rule itself (`query::sql::scored_on_joined_draft`),
//! so the counts and the lists of demands behind them cannot disagree.
mod check;
mod contributions;
pub mod gaps;
pub mod moved;
pub mod moves;
pub mod read;
mod store;

pub use check::check;

use std::collections::{BTreeSet, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QuerySelect, Statement};

use crate::entities::demand;
use crate::error::DomainResult;
use contributions::{state, Only};

/// A row's key: organisation 0 and element 0 mean "all".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub draft: i32,
    pub organisation: i32,
    pub element: i32,
}

/// The counts of one row (or their change).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub demands: i64,
    pub met: i64,
    pub partly_met: i64,
    pub not_addressed: i64,
    pub contradicted: i64,
    pub by_tracker: i64,
    /// Demand-element mappings whose stance limits the element (element rows only).
    pub limits: i64,
}

impl Counts {
    fn minus(self, o: Counts) -> Counts {
        Counts {
            demands: self.demands - o.demands,
            met: self.met - o.met,
            partly_met: self.partly_met - o.partly_met,
            not_addressed: self.not_addressed - o.not_addressed,
            contradicted: self.contradicted - o.contradicted,
            by_tracker: self.by_tracker - o.by_tracker,
            limits: self.limits - o.limits,
        }
    }

    fn is_zero(&self) -> bool {
        *self == Counts::default()
    }
}

/// What a write is about to change, with the counts those demands contribute now.
pub struct Touch {
    demands: BTreeSet<i32>,
    positions: BTreeSet<i32>,
    before: HashMap<Key, Counts>,
    moves_before: HashMap<moves::MoveKey, i64>,
}

/// Writers that move scores take turns (on PostgreSQL, a transaction-scoped advisory lock; on
/// SQLite, writes are already one at a time): the counts read before a write are then the
/// counts every earlier writer left.
async fn take_turn<C: ConnectionTrait>(txn: &C) -> DomainResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_string(DatabaseBackend::Postgres, "SELECT pg_advisory_xact_lock(20181210)"))
            .await?;
    }
    Ok(())
}

async fn demands_of<C: ConnectionTrait>(txn: &C, positions: &BTreeSet<i32>) -> DomainResult<BTreeSet<i32>> {
    if positions.is_empty() {
        return Ok(BTreeSet::new());
    }
    Ok(demand::Entity::find()
        .select_only()
        .column(demand::Column::Id)
        .filter(demand::Column::PositionId.is_in(positions.iter().copied()))
        .into_tuple::<i32>()
        .all(txn)
        .await?
        .into_iter()
        .collect())
}

impl Touch {
    /// Before a write to these demands (their ratings, elements, or the demands themselves).
    pub async fn demands<C: ConnectionTrait>(txn: &C, ids: impl IntoIterator<Item = i32>) -> DomainResult<Touch> {
        Touch::begin(txn, ids.into_iter().collect(), BTreeSet::new()).await
    }

    /// Before a write to a position (its status, what it addresses, its date, its signatories,
    /// its demands): every demand it has before and after counts.
    pub async fn position<C: ConnectionTrait>(txn: &C, position_id: i32) -> DomainResult<Touch> {
        Touch::begin(txn, BTreeSet::new(), BTreeSet::from([position_id])).await
    }

    async fn begin<C: ConnectionTrait>(
        txn: &C,
        demands: BTreeSet<i32>,
        positions: BTreeSet<i32>,
    ) -> DomainResult<Touch> {
        take_turn(txn).await?;
        let mut all = demands.clone();
        all.extend(demands_of(txn, &positions).await?);
        let before = state(txn, Only::Demands(&all)).await?;
        let moves_before = moves::state(txn, moves::Pairs::Demands(&all)).await?;
        Ok(Touch { demands: all, positions, before, moves_before })
    }

    /// After the write, in the same transaction: adds the difference to the stored counts.
    pub async fn settle<C: ConnectionTrait>(self, txn: &C) -> DomainResult<()> {
        let mut all = self.demands;
        all.extend(demands_of(txn, &self.positions).await?);
        let after = state(txn, Only::Demands(&all)).await?;
        let mut delta: HashMap<Key, Counts> = HashMap::new();
        for (key, counts) in &after {
            delta.insert(*key, counts.minus(self.before.get(key).copied().unwrap_or_default()));
        }
        for (key, counts) in &self.before {
            if !after.contains_key(key) {
                delta.insert(*key, Counts::default().minus(*counts));
            }
        }
        delta.retain(|_, c| !c.is_zero());
        store::add(txn, delta).await?;
        let moves_after = moves::state(txn, moves::Pairs::Demands(&all)).await?;
        moves::add(txn, moves::difference(&self.moves_before, &moves_after)).await?;
        moved::refresh(txn, &all).await?;
        gaps::refresh(txn, &all).await
    }
}

/// Counts one draft again from the rows (a new draft, or its release date moved).
pub async fn rebuild_draft<C: ConnectionTrait>(txn: &C, draft_id: i32) -> DomainResult<()> {
    take_turn(txn).await?;
    store::rebuild(txn, Only::Draft(draft_id)).await?;
    moves::rebuild(txn, Some(draft_id)).await?;
    moved::rebuild(txn, Some(draft_id)).await
}

/// The tables the counts are made from, whose statistics PostgreSQL's planner needs.
const COUNTED_FROM: &str = "positions, demands, position_signatories, demand_elements, assessments, drafts";

/// Counts everything again from the rows (after a bulk load).
pub async fn rebuild_all<C: ConnectionTrait>(txn: &C) -> DomainResult<()> {
    take_turn(txn).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // A bulk load filled the tables in this very transaction: without fresh statistics
        // (ANALYZE samples the transaction's own rows) the planner takes them for empty and
        // joins them row by row, for tens of minutes at 10,000 organisations.
        txn.execute_raw(Statement::from_string(DatabaseBackend::Postgres, format!("ANALYZE {COUNTED_FROM}"))).await?;
    }
    store::rebuild(txn, Only::All).await?;
    moves::rebuild(txn, None).await?;
    moved::rebuild(txn, None).await?;
    gaps::rebuild(txn).await?;
    store::mark_built(txn).await
}

/// On start: counts everything if the counts were never built (a database from before the
/// counts existed, or emptied by `seed --reset`). Returns whether it did.
pub async fn ensure_built(db: &sea_orm::DatabaseConnection) -> DomainResult<bool> {
    if store::is_built(db).await? {
        return Ok(false);
    }
    let txn = crate::db::begin_write(db).await?;
    take_turn(&txn).await?;
    if store::is_built(&txn).await? {
        return Ok(false);
    }
    let started = std::time::Instant::now();
    log::info!("counting the scorecard from the record (once; minutes at 10,000 organisations)");
    rebuild_all(&txn).await?;
    txn.commit().await?;
    log::info!("the scorecard is counted ({:.1} s)", started.elapsed().as_secs_f64());
    Ok(true)
}
