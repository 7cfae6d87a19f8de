//! Every migration runs forward and back, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
use migrations::{Migrator, MigratorTrait, TABLES_CHILDREN_FIRST};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

async fn fresh() -> (DatabaseConnection, Option<tempfile::TempDir>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let admin = Database::connect(&url).await.expect("connect to PostgreSQL");
            let nanos =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
            let name = format!("tracker_test_migrations_{}_{nanos}", std::process::id());
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE \"{name}\""),
                ))
                .await
                .expect("create database");
            let base = url.rsplit_once('/').map(|(b, _)| b).expect("database URL");
            (Database::connect(format!("{base}/{name}")).await.expect("connect"), None)
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/m.db?mode=rwc", dir.path().display());
            (Database::connect(&url).await.expect("connect"), Some(dir))
        }
    }
}

async fn table_exists(db: &DatabaseConnection, table: &str) -> bool {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm_migration::sea_orm::DatabaseBackend::Sqlite => {
            format!("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
        }
        _ => format!(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"
        ),
    };
    db.query_one_raw(Statement::from_string(backend, sql)).await.expect("query").is_some()
}

#[tokio::test]
async fn migrations_run_forward_back_and_forward_again() {
    let (db, _dir) = fresh().await;
    Migrator::up(&db, None).await.expect("up");
    for t in TABLES_CHILDREN_FIRST {
        assert!(table_exists(&db, t).await, "{t} exists after up");
    }
    let applied = Migrator::get_applied_migrations(&db).await.expect("status").len();
    assert_eq!(applied, Migrator::migrations().len());

    // one step back removes following and notifications, the next the outbox and the password
    // resets, the next the search index (its triggers too: the record's tables take writes
    // again without it)
    Migrator::down(&db, Some(1)).await.expect("following down");
    assert!(!table_exists(&db, "follows").await && !table_exists(&db, "notifications").await);
    assert!(!table_exists(&db, "notification_choices").await);
    assert!(table_exists(&db, "outbox").await);
    Migrator::down(&db, Some(1)).await.expect("the mail tables down");
    assert!(!table_exists(&db, "outbox").await && !table_exists(&db, "password_resets").await);
    assert!(table_exists(&db, "search_index").await);
    Migrator::down(&db, Some(1)).await.expect("the search index down");
    assert!(!table_exists(&db, "search_index").await, "the search index is gone");
    db.execute_unprepared(
        "INSERT INTO organisations (slug, name, acronym, kind, country, region, website, description, version, \
         updated_at) VALUES ('x', 'X', '', 'ngo', '', 'global', '', 'a write without the index', 1, \
         '2026-01-01 00:00:00+00')",
    )
    .await
    .expect("no trigger is left behind");
    db.execute_unprepared("DELETE FROM organisations WHERE slug = 'x'").await.expect("clean");
    Migrator::up(&db, None).await.expect("up after the search index down");
    assert!(table_exists(&db, "search_index").await);
    Migrator::down(&db, Some(3)).await.expect("following, mail and search down again");

    // then one step back removes the kept list of moved demands, the next the listing indexes (and
    // no table), the next the change log, the next the scorecard's tallies, and back again
    Migrator::down(&db, Some(1)).await.expect("the moved demands down");
    assert!(!table_exists(&db, "demand_moves").await, "the moved demands' list is gone");
    assert!(table_exists(&db, "score_moves").await);
    Migrator::down(&db, Some(1)).await.expect("the index down");
    assert!(table_exists(&db, "change_log").await, "an index's step leaves the tables");
    Migrator::down(&db, Some(1)).await.expect("one down");
    assert!(!table_exists(&db, "change_log").await, "the change log is gone");
    assert!(table_exists(&db, "score_tallies").await);
    Migrator::down(&db, Some(1)).await.expect("two down");
    assert!(!table_exists(&db, "score_tallies").await, "the tallies are gone");
    assert!(table_exists(&db, "draft_changes").await);
    Migrator::up(&db, None).await.expect("up after two down");
    assert!(table_exists(&db, "score_tallies").await);

    // eight steps back (with following, the mail and the search index) remove the true record's
    // table of documented changes
    Migrator::down(&db, Some(8)).await.expect("eight down");
    assert!(!table_exists(&db, "draft_changes").await, "the documented changes' table is gone");
    assert!(table_exists(&db, "positions").await);
    Migrator::up(&db, None).await.expect("up after eight down");
    assert!(table_exists(&db, "draft_changes").await);

    // eleven steps back (following, the mail, the search index, the moved demands, an index, the
    // change log, the tallies, the true record, two indexes, then the draft texts) remove only
    // those migrations' tables
    Migrator::down(&db, Some(11)).await.expect("eleven down");
    assert!(!table_exists(&db, "draft_texts").await, "the last table-creating migration's table is gone");
    assert!(table_exists(&db, "drafts").await);
    assert!(table_exists(&db, "comment_reports").await);
    assert!(table_exists(&db, "sessions").await, "earlier migrations stay");

    Migrator::down(&db, None).await.expect("all down");
    for t in TABLES_CHILDREN_FIRST {
        assert!(!table_exists(&db, t).await, "{t} is gone after down");
    }
    Migrator::up(&db, None).await.expect("up again");
    assert!(table_exists(&db, "revisions").await);
}
