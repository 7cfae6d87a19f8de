//! The freshness stamp read for many requests at once: never older than the request, and read
//! far fewer times than it is asked for under load. On the real database (SQLite, PostgreSQL).
use crate::common;

use std::sync::Arc;

use domain::types::Role;
use sea_orm::{ConnectionTrait, Statement};
use server::freshness::StampReader;

async fn bump(t: &common::TestApp) {
    let sql = "UPDATE users SET version = version + 1";
    t.db.execute_raw(Statement::from_string(t.db.get_database_backend(), sql)).await.expect("update");
}

pub async fn a_stamp_is_never_older_than_the_request_and_is_shared_under_load() {
    let t = common::app().await;
    common::signed_in(&t, "someone@example.org", Role::Coordinator, None).await;
    let reader = Arc::new(StampReader::default());

    // Readers hammer the stamp while changes are committed; after each commit, a new request
    // must see a stamp different from every one seen before the commit.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut hammers = Vec::new();
    for _ in 0..32 {
        let (reader, db, stop) = (reader.clone(), t.db.clone(), stop.clone());
        hammers.push(tokio::spawn(async move {
            let mut asked = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                reader.read(&db).await.expect("stamp");
                asked += 1;
                tokio::task::yield_now().await;
            }
            asked
        }));
    }
    let mut seen = vec![reader.read(&t.db).await.expect("stamp")];
    for _ in 0..30 {
        bump(&t).await;
        let now = reader.read(&t.db).await.expect("stamp");
        assert!(!seen.contains(&now), "a request after a commit sees the change: {now} was seen before");
        seen.push(now);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut asked = 0;
    for h in hammers {
        asked += h.await.expect("reader");
    }
    let reads = reader.reads();
    assert!(reads < asked, "reads are shared: {reads} database reads for {asked} requests");
}
