//! Reading the freshness stamp once for many requests, without ever answering a request with
//! a stamp read before it arrived. Every request is numbered as it arrives; a read of the
//! stamp notes the last number given out when it starts, and serves every request up to that
//! number. A request takes the last read if it started after the request arrived. Otherwise,
//! if no read is under way it starts one; if one is, it waits for it to end (all waiters are
//! woken together) and looks again. Under load one read serves all the requests that arrived
//! before it began (like a database's group commit), and a change committed before a request
//! arrived is always seen by it, on every instance.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use domain::DomainResult;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

pub struct StampReader {
    arrivals: AtomicU64,
    /// Reads made of the database (for tests and diagnostics).
    reads: AtomicU64,
    state: Mutex<State>,
    /// Counts the reads that ended (well or not); waiters watch it.
    ended: watch::Sender<u64>,
}

#[derive(Default)]
struct State {
    /// The last read: the number of the last request that had arrived when it started, and
    /// the stamp it found.
    last: (u64, String),
    reading: bool,
}

impl Default for StampReader {
    fn default() -> Self {
        StampReader {
            arrivals: AtomicU64::new(0),
            reads: AtomicU64::new(0),
            state: Mutex::default(),
            ended: watch::Sender::new(0),
        }
    }
}

/// The read under way; when it ends (or its request is dropped), the waiters are woken.
struct Reading<'a>(&'a StampReader);

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        if let Ok(mut state) = self.0.state.lock() {
            state.reading = false;
        }
        self.0.ended.send_modify(|n| *n += 1);
    }
}

enum Next<'a> {
    Done(String),
    Read(u64, Reading<'a>),
    Wait(watch::Receiver<u64>),
}

impl StampReader {
    /// How many times the stamp was read from the database.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    fn next(&self, arrival: u64) -> Next<'_> {
        let Ok(mut state) = self.state.lock() else {
            // A poisoned lock only loses the sharing: read alone.
            return Next::Read(self.arrivals.load(Ordering::SeqCst), Reading(self));
        };
        if state.last.0 >= arrival {
            return Next::Done(state.last.1.clone());
        }
        if state.reading {
            // Subscribed under the lock, so the end of the read under way cannot be missed.
            return Next::Wait(self.ended.subscribe());
        }
        state.reading = true;
        Next::Read(self.arrivals.load(Ordering::SeqCst), Reading(self))
    }

    /// The stamp as it was at some moment after this call began.
    pub async fn read(&self, db: &DatabaseConnection) -> DomainResult<String> {
        let arrival = self.arrivals.fetch_add(1, Ordering::SeqCst) + 1;
        loop {
            match self.next(arrival) {
                Next::Done(stamp) => return Ok(stamp),
                Next::Wait(mut ended) => {
                    // An error means the reader is gone; looking again is still right.
                    let _ = ended.changed().await;
                }
                Next::Read(started, reading) => {
                    self.reads.fetch_add(1, Ordering::Relaxed);
                    let stamp = domain::services::freshness::public_stamp(db).await?;
                    if let Ok(mut state) = self.state.lock() {
                        if started > state.last.0 {
                            state.last = (started, stamp.clone());
                        }
                    }
                    drop(reading);
                    return Ok(stamp);
                }
            }
        }
    }
}
