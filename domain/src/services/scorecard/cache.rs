//! The scorecard's computed views, kept in memory until a change touches the scores: the
//! server calls [`ScorecardCache::clear`] when a change to the record or a rating is committed
//! (on its own instance at once, on the others when the database announces it). Reading a
//! kept view costs no database query. A view missed by many readers at once (right after a
//! change) is computed once: the others wait. Signed-in people are not served from here (see
//! `app::api::scorecard`), so a writer always reads what was just committed.
use std::any::Any;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::DomainResult;
use crate::single_flight::Gates;

/// Views kept at most (each a computed view, the least recently read forgotten first).
const MAX_ENTRIES: u64 = 2_000;

pub struct ScorecardCache {
    views: moka::sync::Cache<String, Arc<dyn Any + Send + Sync>>,
    /// Counts the clears: a view computed across a clear is not kept.
    generation: AtomicU64,
    computing: Arc<Gates>,
    /// Reads answered from a kept view, and reads that computed one (for the metrics).
    hits: AtomicU64,
    misses: AtomicU64,
}

/// How the cache has served reads since the process started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheCounts {
    pub hits: u64,
    pub misses: u64,
}

impl Default for ScorecardCache {
    fn default() -> Self {
        ScorecardCache {
            views: moka::sync::Cache::new(MAX_ENTRIES),
            generation: AtomicU64::new(0),
            computing: Arc::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl ScorecardCache {
    /// The view under `key`, computed by `compute` unless it was already, since the last clear.
    pub async fn get_or_compute<T, F, Fut>(&self, key: String, compute: F) -> DomainResult<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = DomainResult<T>>,
    {
        if let Some(hit) = self.lookup::<T>(&key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(hit);
        }
        let _turn = self.computing.enter(&key).await;
        if let Some(hit) = self.lookup::<T>(&key) {
            // computed by another reader while this one waited: not computed twice
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(hit);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let started = self.generation.load(Ordering::SeqCst);
        let value = Arc::new(compute().await?);
        if self.generation.load(Ordering::SeqCst) == started {
            self.views.insert(key, value.clone());
        }
        Ok(value)
    }

    fn lookup<T: Send + Sync + 'static>(&self, key: &str) -> Option<Arc<T>> {
        self.views.get(key).and_then(|v| v.downcast::<T>().ok())
    }

    /// Reads served from a kept view and reads that had to compute one, since the start.
    pub fn counts(&self) -> CacheCounts {
        CacheCounts { hits: self.hits.load(Ordering::Relaxed), misses: self.misses.load(Ordering::Relaxed) }
    }

    /// Forgets every view (a change to the scores was committed).
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.views.invalidate_all();
    }

    /// How many views are kept (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.views.run_pending_tasks();
        usize::try_from(self.views.entry_count()).unwrap_or(usize::MAX)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
