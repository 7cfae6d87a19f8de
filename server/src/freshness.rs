//! Reading the freshness stamp once for many requests, without ever answering a request with
//! a stamp read before it arrived. Every request is numbered as it arrives; a read of the
//! stamp notes the last number given out when it starts, and serves every request up to that
//! number. A request takes the last read if it started after the request arrived; otherwise it
//! waits its turn and, unless a read that started after its arrival finished meanwhile, reads
//! the stamp itself. Under load one read serves all the requests that arrived before it began
//! (like a database's group commit), and a change committed before a request arrived is always
//! seen by it, on every instance.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use domain::DomainResult;
use sea_orm::DatabaseConnection;

#[derive(Default)]
pub struct StampReader {
    arrivals: AtomicU64,
    /// Reads made of the database (for tests and diagnostics).
    reads: AtomicU64,
    /// The last read: the number of the last request that had arrived when it started, and
    /// the stamp it found.
    last: Mutex<(u64, String)>,
    reading: tokio::sync::Mutex<()>,
}

impl StampReader {
    fn served(&self, arrival: u64) -> Option<String> {
        let last = self.last.lock().ok()?;
        (last.0 >= arrival).then(|| last.1.clone())
    }

    /// How many times the stamp was read from the database.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    /// The stamp as it was at some moment after this call began.
    pub async fn read(&self, db: &DatabaseConnection) -> DomainResult<String> {
        let arrival = self.arrivals.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(stamp) = self.served(arrival) {
            return Ok(stamp);
        }
        let _turn = self.reading.lock().await;
        if let Some(stamp) = self.served(arrival) {
            return Ok(stamp);
        }
        let started = self.arrivals.load(Ordering::SeqCst);
        self.reads.fetch_add(1, Ordering::Relaxed);
        let stamp = domain::services::freshness::public_stamp(db).await?;
        if let Ok(mut last) = self.last.lock() {
            if started > last.0 {
                *last = (started, stamp.clone());
            }
        }
        Ok(stamp)
    }
}
