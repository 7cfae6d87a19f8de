//! Test databases: a fresh SQLite file per test by default, or a fresh PostgreSQL database per
//! test when `TEST_DATABASE_URL` points at a PostgreSQL server. The suite runs once for each.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use domain::db;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

pub mod builders;

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub struct TestDb {
    pub db: DatabaseConnection,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
}

fn unique_name() -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("tracker_test_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst), nanos)
}

/// A migrated, empty database on the backend the suite runs against.
pub async fn fresh() -> TestDb {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let admin = db::connect(&url).await.expect("connect to the PostgreSQL test server");
            let name = unique_name();
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE \"{name}\""),
                ))
                .await
                .expect("create the test database");
            let base = url.rsplit_once('/').map(|(b, _)| b).expect("a database URL with a path");
            let db = db::open(&format!("{base}/{name}")).await.expect("open and migrate the test database");
            TestDb { db, backend: "postgres", _dir: None }
        }
        _ => fresh_sqlite().await,
    }
}

/// A migrated, empty SQLite database, whichever backend the suite runs against.
pub async fn fresh_sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
    let db = db::open(&url).await.expect("open and migrate the SQLite test database");
    TestDb { db, backend: "sqlite", _dir: Some(dir) }
}

/// A database holding the built-in dataset.
pub async fn seeded() -> TestDb {
    let t = fresh().await;
    domain::seed::run(&t.db).await.expect("the seed loads");
    t
}

pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A user row for tests that need an acting person (accounts get their own service later).
pub async fn user(db: &DatabaseConnection, role: &str) -> i32 {
    use sea_orm::{ActiveModelTrait, Set};
    let m = domain::entities::user::ActiveModel {
        email: Set(format!("{}@example.org", unique_name())),
        name: Set("Test person".to_string()),
        password_hash: Set(String::new()),
        role: Set(role.parse().expect("a role name")),
        organisation_id: Set(None),
        disabled: Set(false),
        created_at: Set(chrono::Utc::now()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert a test user");
    m.id
}

/// A coordinator's account (coord@example.org), acting now.
pub async fn coordinator(t: &TestDb) -> domain::audit::Audit {
    use domain::audit::{Actor, Audit};
    use domain::services::users::{self, NewUser};
    let input = NewUser {
        email: "coord@example.org".into(),
        name: "Coordinator".into(),
        role: domain::types::Role::Coordinator,
        organisation: None,
        password: "correct horse battery staple".into(),
    };
    Audit::now(users::create(&t.db, &Audit::now(Actor::System), input).await.expect("account").actor())
}
