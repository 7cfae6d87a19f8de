//! One computation at a time per key. When many requests miss the same cached value at once
//! (right after a change, in a burst of readers) the first computes it and the others wait for
//! it, then find it cached, instead of all computing it side by side.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{Mutex as Gate, OwnedMutexGuard};

#[derive(Default)]
pub struct Gates {
    gates: Mutex<HashMap<String, Arc<Gate<()>>>>,
}

/// The right to compute the value of one key; others asking for the key wait until it is
/// dropped. It owns its share of the gates, so it can move into a spawned task.
pub struct Turn {
    gates: Arc<Gates>,
    key: String,
    gate: Arc<Gate<()>>,
    guard: Option<OwnedMutexGuard<()>>,
}

impl Gates {
    /// Waits for the key's turn.
    pub async fn enter(self: &Arc<Self>, key: &str) -> Turn {
        let gate = self.gate(key);
        let guard = gate.clone().lock_owned().await;
        Turn { gates: self.clone(), key: key.to_string(), gate, guard: Some(guard) }
    }

    /// The key's turn if nobody has it now; None while another caller computes the key (the
    /// gate is then left to its holder, who forgets the key when done).
    pub fn try_enter(self: &Arc<Self>, key: &str) -> Option<Turn> {
        let gate = self.gate(key);
        let guard = gate.clone().try_lock_owned().ok()?;
        Some(Turn { gates: self.clone(), key: key.to_string(), gate, guard: Some(guard) })
    }

    fn gate(&self, key: &str) -> Arc<Gate<()>> {
        match self.gates.lock() {
            Ok(mut gates) => gates.entry(key.to_string()).or_default().clone(),
            // A poisoned map only loses the sharing: this caller computes on its own.
            Err(_) => Arc::default(),
        }
    }

    /// Forgets the key once only the map and the leaving turn hold its gate (nobody waits).
    fn leave(&self, key: &str, gate: &Arc<Gate<()>>) {
        if let Ok(mut gates) = self.gates.lock() {
            if Arc::strong_count(gate) <= 2 {
                gates.remove(key);
            }
        }
    }

    /// Keys with a computation under way or awaited (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.gates.lock().map(|g| g.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.guard.take();
        self.gates.leave(&self.key, &self.gate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_key_being_computed_is_not_entered_without_waiting() {
        let gates = Arc::new(Gates::default());
        let first = gates.try_enter("page").expect("free at first");
        assert!(gates.try_enter("page").is_none(), "taken while computed");
        assert!(gates.try_enter("other").is_some(), "another key is free");
        drop(first);
        assert!(gates.try_enter("page").is_some(), "free again once done");
        assert!(gates.is_empty(), "and forgotten");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_callers_of_one_key_take_turns_and_the_key_is_forgotten_after() {
        let gates = Arc::new(Gates::default());
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (gates, inside, most) = (gates.clone(), inside.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                let _turn = gates.enter("scorecard").await;
                let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                inside.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert_eq!(most.load(Ordering::SeqCst), 1, "one at a time");
        assert!(gates.is_empty(), "no key is kept once nobody waits");
        // Different keys do not wait for each other.
        let a = gates.enter("a").await;
        let b = tokio::time::timeout(std::time::Duration::from_secs(1), gates.enter("b")).await;
        assert!(b.is_ok());
        drop(a);
    }
}
