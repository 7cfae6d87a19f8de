//! Forgetting exactly what a committed change made out of date, on every instance, without a
//! database read per request. A change names its topics (`domain::services::changes`); a kept
//! page depends on the topics of its address ([`pages::topics_of`]). [`Topics`] remembers, per
//! topic, the moment (a counter) it last changed; a kept page is fresh while none of its topics
//! changed since it was rendered.
//!
//! How an instance learns of a change: the request that made it hands its topics over as it
//! ends ([`after_writes`]), so the instance that committed a change forgets its pages at once;
//! the others learn it from the database ([`listen`]: PostgreSQL's LISTEN/NOTIFY, delivered at
//! commit; on SQLite, the change log read every few milliseconds).
mod listen;
pub mod pages;

pub use listen::listen;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use domain::services::changes::{self, Topic};
use domain::services::scorecard::ScorecardCache;

/// When each topic last changed, and the scorecard's views to forget with the scores.
pub struct Invalidation {
    clock: AtomicU64,
    changed: RwLock<HashMap<String, u64>>,
    /// The marks of changes this instance made and already applied, until their notice comes
    /// back from the database (`heard`): that notice is then not applied a second time.
    applied_here: std::sync::Mutex<std::collections::HashSet<String>>,
    /// The moment of the last change that named no finer topic: every page is out of date.
    everything: AtomicU64,
    /// Whether this instance hears every change others commit (it is listening): only then
    /// may pages be kept.
    listening: AtomicBool,
    scorecard: Arc<ScorecardCache>,
}

impl Invalidation {
    pub fn new(scorecard: Arc<ScorecardCache>) -> Self {
        Invalidation {
            clock: AtomicU64::new(0),
            changed: RwLock::default(),
            applied_here: Default::default(),
            everything: AtomicU64::new(0),
            listening: AtomicBool::new(false),
            scorecard,
        }
    }

    /// The moment now: a page rendered from here on reflects every change announced so far.
    pub fn now(&self) -> u64 {
        self.clock.load(Ordering::SeqCst)
    }

    /// This instance made a change that altered `topics` (with its mark): forgotten at once,
    /// and not again when the database's notice of it comes back.
    pub fn changed_here<S: AsRef<str>>(&self, topics: &[S]) {
        if let Ok(mut applied) = self.applied_here.lock() {
            // marks of changes rolled back never come back: keep the set bounded
            if applied.len() > MAX_MARKS {
                applied.clear();
            }
            applied.extend(topics.iter().map(AsRef::as_ref).filter(|t| is_mark(t)).map(String::from));
        }
        self.changed(topics);
    }

    /// The database announced a committed change: applied unless this instance made it and
    /// already applied it.
    pub fn heard<S: AsRef<str>>(&self, topics: &[S]) {
        if let Some(mark) = topics.iter().map(AsRef::as_ref).find(|t| is_mark(t)) {
            if self.applied_here.lock().is_ok_and(|mut applied| applied.remove(mark)) {
                return;
            }
        }
        self.changed(topics);
    }

    /// A committed change altered `topics` (marks among them are ignored).
    pub fn changed<S: AsRef<str>>(&self, topics: &[S]) {
        if topics.iter().all(|t| is_mark(t.as_ref())) {
            return;
        }
        let at = self.clock.fetch_add(1, Ordering::SeqCst) + 1;
        let mut scores = false;
        if let Ok(mut changed) = self.changed.write() {
            changed.insert(Topic::ANY.to_string(), at);
            for t in topics.iter().map(AsRef::as_ref).filter(|t| !is_mark(t)) {
                if t == Topic::ANY {
                    self.everything.store(at, Ordering::SeqCst);
                }
                scores |= t == Topic::ANY || t == Topic::RECORD || t == Topic::TREND || t.starts_with("scores:");
                changed.insert(t.to_string(), at);
            }
        }
        if scores {
            self.scorecard.clear();
        }
    }

    /// Whether the instance hears the changes others commit (pages may be kept).
    pub fn listening(&self) -> bool {
        self.listening.load(Ordering::SeqCst)
    }

    /// The listener started hearing, or stopped: either way what was rendered before may miss
    /// a change committed meanwhile, and is out of date.
    pub(crate) fn set_listening(&self, on: bool) {
        // pages rendered before the instance listened may miss a change committed meanwhile
        self.changed(&[Topic::ANY]);
        self.listening.store(on, Ordering::SeqCst);
    }

    /// Whether a page rendered at `rendered`, now out of date, may be served to a reader while
    /// another renders it again: only while the instance listens, and never a page from before
    /// a change that named no finer topic (or before the listener last started or stopped).
    pub fn may_serve_while_rendering(&self, rendered: u64) -> bool {
        self.listening() && self.everything.load(Ordering::SeqCst) <= rendered
    }

    /// Whether a page of `topics` rendered at `rendered` is still true.
    pub fn fresh(&self, topics: &[String], rendered: u64) -> bool {
        if self.everything.load(Ordering::SeqCst) > rendered {
            return false;
        }
        let Ok(changed) = self.changed.read() else { return false };
        topics.iter().all(|t| changed.get(t).is_none_or(|at| *at <= rendered))
    }
}

/// Marks kept at most (see `Invalidation::applied_here`).
const MAX_MARKS: usize = 10_000;

fn is_mark(topic: &str) -> bool {
    topic.starts_with(changes::MARK_PREFIX)
}

/// The middleware around requests that may change something: the topics their changes noted
/// are forgotten here as soon as the request ends (after its transaction committed).
pub async fn after_writes(State(invalidation): State<Arc<Invalidation>>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET || req.method() == Method::HEAD {
        return next.run(req).await;
    }
    let (response, topics) = changes::collecting(next.run(req)).await;
    invalidation.changed_here(&topics);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_forgotten_by_its_topics_only() {
        let inv = Invalidation::new(Arc::default());
        inv.set_listening(true);
        let scorecard = vec!["scores:rev1".to_string(), "record".to_string()];
        let position = vec!["comments:p".to_string(), "record".to_string()];
        let rendered = inv.now();
        inv.changed(&["comments:p"]);
        assert!(inv.fresh(&scorecard, rendered), "a comment leaves the scorecard");
        assert!(!inv.fresh(&position, rendered), "and changes its position's page");
        let rendered = inv.now();
        inv.changed(&["scores:rev2", "trend"]);
        assert!(inv.fresh(&scorecard, rendered) && inv.fresh(&position, rendered));
        assert!(!inv.fresh(&["any".to_string()], rendered), "an undescribed page goes with any change");
        let rendered = inv.now();
        inv.changed(&["any"]);
        assert!(!inv.fresh(&scorecard, rendered), "a change of everything");
    }

    #[test]
    fn the_notice_of_a_change_made_here_is_not_applied_twice() {
        let inv = Invalidation::new(Arc::default());
        inv.set_listening(true);
        let position = vec!["comments:p".to_string()];
        inv.changed_here(&["@1.1", "comments:p"]);
        // the page rendered again right after the change
        let rendered = inv.now();
        inv.heard(&["@1.1", "comments:p"]);
        assert!(inv.fresh(&position, rendered), "the echo of our own change leaves it kept");
        inv.heard(&["@2.1", "comments:p"]);
        assert!(!inv.fresh(&position, rendered), "another instance's change does not");
        let rendered = inv.now();
        inv.heard(&["@1.1", "comments:p"]);
        assert!(!inv.fresh(&position, rendered), "a mark is passed over once only");
    }
}
