//! The scorecard is read far more often than the record changes: its views are computed once
//! per change and kept in memory. The key to freshness is the newest revision's id: every
//! change to the record and every assessment writes a revision in the same transaction, so a
//! new revision id means "something changed" and empties the cache. Reading that id is one
//! indexed query; several server instances each keep their own cache, all checked against the
//! same database, so a coordinator's change is visible on the next request everywhere. A view
//! missed by many readers at once (right after a change) is computed once: the others wait.
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

use crate::entities::revision;
use crate::error::DomainResult;
use crate::single_flight::Gates;

/// Entries kept at most (each a computed view); beyond it, new views are computed but not kept.
const MAX_ENTRIES: usize = 2_000;

#[derive(Default)]
pub struct ScorecardCache {
    inner: Mutex<Entries>,
    computing: Gates,
}

#[derive(Default)]
struct Entries {
    stamp: i64,
    views: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

/// The id of the newest revision: it changes with every change to the record.
pub async fn stamp<C: ConnectionTrait>(db: &C) -> DomainResult<i64> {
    let mut q = Query::select();
    q.expr(Expr::col(revision::Column::Id).max()).from(revision::Entity);
    let row = db.query_one(&q).await?;
    Ok(match row {
        Some(row) => row.try_get_by_index::<Option<i32>>(0)?.map(i64::from).unwrap_or(0),
        None => 0,
    })
}

impl ScorecardCache {
    /// The view under `key`, computed by `compute` unless it was already, since the last change.
    pub async fn get_or_compute<T, C, F, Fut>(&self, db: &C, key: String, compute: F) -> DomainResult<Arc<T>>
    where
        T: Send + Sync + 'static,
        C: ConnectionTrait,
        F: FnOnce() -> Fut,
        Fut: Future<Output = DomainResult<T>>,
    {
        let now = stamp(db).await?;
        if let Some(hit) = self.lookup::<T>(now, &key) {
            return Ok(hit);
        }
        let _turn = self.computing.enter(&key).await;
        if let Some(hit) = self.lookup::<T>(now, &key) {
            return Ok(hit);
        }
        let value = Arc::new(compute().await?);
        if let Ok(mut inner) = self.inner.lock() {
            if inner.stamp == now && inner.views.len() < MAX_ENTRIES {
                inner.views.insert(key, value.clone());
            }
        }
        Ok(value)
    }

    fn lookup<T: Send + Sync + 'static>(&self, now: i64, key: &str) -> Option<Arc<T>> {
        let mut inner = self.inner.lock().ok()?;
        if inner.stamp != now {
            inner.stamp = now;
            inner.views.clear();
            return None;
        }
        inner.views.get(key).cloned().and_then(|v| v.downcast::<T>().ok())
    }

    /// How many views are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.inner.lock().map(|i| i.views.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
