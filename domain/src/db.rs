//! Opening the database and bringing its schema up to date.
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// The embedded default: a SQLite file under `./data/`, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/tracker.db?mode=rwc";

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the folder for the SQLite database {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("cannot open the database {url}: {source}")]
    Connect { url: String, source: DbErr },
    #[error("the database migration failed: {0}")]
    Migrate(DbErr),
    #[error("the scorecard's counts could not be built: {0}")]
    Counts(String),
}

/// Connects to `url` (SQLite or PostgreSQL). For SQLite files, creates the parent folder.
pub async fn connect(url: &str) -> Result<DatabaseConnection, OpenError> {
    if let Some(path) = sqlite_file_path(url) {
        if let Some(parent) = std::path::Path::new(&path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .map_err(|source| OpenError::Folder { path: parent.display().to_string(), source })?;
            }
        }
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(3)).acquire_timeout(Duration::from_secs(3));
    if url.starts_with("sqlite:") {
        // One writer at a time is SQLite's rule. Write-ahead logging lets readers go on while
        // a write commits; a writer waits up to ten seconds for the lock instead of failing
        // with "database is locked". With `synchronous = NORMAL` a commit is appended to the
        // log without waiting for the disk; the log is synced at each checkpoint. A committed
        // write survives the server being killed (the log is in the operating system's hands);
        // only a power cut or an operating-system crash can undo the last commits, never
        // corrupt the file (SQLite's documented guarantee). PostgreSQL is the production choice
        // where that matters. A small pool keeps readers concurrent on two cores.
        use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
        opts.max_connections(8).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
        });
    } else {
        opts.max_connections(16);
    }
    Database::connect(opts).await.map_err(|source| OpenError::Connect { url: redact(url), source })
}

/// Connects, runs every pending migration, and builds the scorecard's counts if they never
/// were (see `services::tallies`).
pub async fn open(url: &str) -> Result<DatabaseConnection, OpenError> {
    let db = connect(url).await?;
    migrate(&db).await?;
    crate::services::tallies::ensure_built(&db).await.map_err(|e| OpenError::Counts(e.to_string()))?;
    Ok(db)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), OpenError> {
    Migrator::up(db, None).await.map_err(OpenError::Migrate)
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so two concurrent edits queue instead of failing mid-way; the second
/// then reads the first one's version and is answered with a conflict.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Checks the database file and its links: on SQLite `PRAGMA integrity_check` (pages, indexes,
/// records) and `PRAGMA foreign_key_check` (every reference points at a row); on PostgreSQL,
/// that every constraint is validated and every table can be read to the end. Returns the
/// problems found; none means the database is consistent.
pub async fn integrity(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let backend = db.get_database_backend();
    let query = |sql: &str| db.query_all_raw(Statement::from_string(backend, sql.to_string()));
    let mut problems = Vec::new();
    match backend {
        DbBackend::Sqlite => {
            for row in query("PRAGMA integrity_check").await? {
                let line: String = row.try_get_by_index(0)?;
                if line != "ok" {
                    problems.push(format!("integrity_check: {line}"));
                }
            }
            for row in query("PRAGMA foreign_key_check").await? {
                let table: String = row.try_get_by_index(0)?;
                let parent: String = row.try_get_by_index(2)?;
                problems.push(format!("foreign_key_check: a row of {table} points at a missing row of {parent}"));
            }
        }
        _ => {
            let sql = "SELECT conrelid::regclass::text, conname FROM pg_constraint \
                       WHERE NOT convalidated AND connamespace = 'public'::regnamespace";
            for row in query(sql).await? {
                let table: String = row.try_get_by_index(0)?;
                let name: String = row.try_get_by_index(1)?;
                problems.push(format!("constraint {name} on {table} is not validated"));
            }
            for table in crate::backup::tables() {
                query(&format!("SELECT COUNT(*) FROM \"{table}\"")).await?;
            }
        }
    }
    Ok(problems)
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.split('?').next().unwrap_or_default().to_string(),
    }
}

/// The file behind a `sqlite://path?...` URL, if it is a file (not `:memory:`).
fn sqlite_file_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::sqlite_file_path;

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(sqlite_file_path("sqlite://data/tracker.db?mode=rwc").as_deref(), Some("data/tracker.db"));
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://localhost/x"), None);
        assert_eq!(super::redact("postgres://gcm:secret@db:5432/gcm"), "postgres://gcm:***@db:5432/gcm");
    }
}
