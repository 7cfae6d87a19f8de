//! Opening the database and bringing its schema up to date.
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    FromQueryResult, QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
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
    // Every statement with its time at the debug level (`RUST_LOG=sqlx=debug`, off by default);
    // a statement slower than a second as a warning.
    opts.sqlx_logging(true)
        .sqlx_logging_level(log::LevelFilter::Debug)
        .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, Duration::from_secs(1))
        .connect_timeout(Duration::from_secs(3))
        .acquire_timeout(Duration::from_secs(3));
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

/// The connection pool's use at one moment (for the metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections open, idle or lent out.
    pub open: u32,
    /// Of those, idle ones.
    pub idle: u32,
    /// The most the pool may open.
    pub max: u32,
}

/// How many of the pool's connections are open, idle and allowed.
pub fn pool_use(db: &DatabaseConnection) -> Option<PoolUse> {
    fn of<D: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<D>) -> PoolUse {
        PoolUse {
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        }
    }
    match db.get_database_backend() {
        DbBackend::Sqlite => Some(of(db.get_sqlite_connection_pool())),
        DbBackend::Postgres => Some(of(db.get_postgres_connection_pool())),
        _ => None,
    }
}

/// Why an instance should not be sent readers (`/readyz`).
#[derive(Debug, thiserror::Error)]
pub enum NotReady {
    #[error("the database does not answer")]
    Unreachable,
    #[error("{0} migration(s) of this build are not applied to the database")]
    Behind(usize),
}

/// What `/readyz` checks: the database answers, and every migration this build knows is
/// applied (one read of the migrations table, which it never creates or writes). Migrations
/// of a newer release found there do not make this instance unready: during an upgrade the
/// new release migrates first, and the instances still running the previous one go on serving
/// until each is restarted (the migrations are written to allow it). Cheap enough to be asked
/// every second.
pub async fn ready(db: &DatabaseConnection) -> Result<(), NotReady> {
    #[derive(FromQueryResult)]
    struct Applied {
        version: String,
    }
    db.ping().await.map_err(|_| NotReady::Unreachable)?;
    let sql = Statement::from_string(db.get_database_backend(), "SELECT version FROM seaql_migrations");
    let applied: std::collections::HashSet<String> = Applied::find_by_statement(sql)
        .all(db)
        .await
        .map_err(|_| NotReady::Unreachable)?
        .into_iter()
        .map(|a| a.version)
        .collect();
    match Migrator::migrations().iter().filter(|m| !applied.contains(m.name())).count() {
        0 => Ok(()),
        n => Err(NotReady::Behind(n)),
    }
}

/// Starts a transaction that will write. On SQLite it first waits its turn in this process's
/// queue of writers (first come, first served), then takes the write lock at once (`BEGIN
/// IMMEDIATE`), so two concurrent edits queue instead of failing mid-way; the second then reads
/// the first one's version and is answered with a conflict. Without the queue, writers waiting
/// for SQLite's lock poll it with sleeps of up to 100 ms (SQLite's busy handler) while holding
/// a pooled connection that readers then lack: sixteen members commenting at once waited up to
/// 150 ms that way. PostgreSQL has no such limit and takes no turn.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => Some(SQLITE_WRITERS.clone().lock_owned().await),
        _ => None,
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// The queue of this process's SQLite writers (tokio's mutex is fair: first come, first
/// served). One queue for every SQLite file the process opens: writes are short, and only
/// tests open several.
static SQLITE_WRITERS: std::sync::LazyLock<std::sync::Arc<tokio::sync::Mutex<()>>> =
    std::sync::LazyLock::new(Default::default);

/// A transaction that writes, holding its turn among the process's writers until it ends.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl std::ops::Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// Checks the database file and its links: on SQLite `PRAGMA integrity_check` (pages, indexes,
/// records) and `PRAGMA foreign_key_check` (every reference points at a row); on PostgreSQL,
/// that every constraint is validated and every table can be read to the end. Returns the
/// problems found; none means the database is consistent.
pub async fn integrity(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    /// A line of `PRAGMA integrity_check`.
    #[derive(FromQueryResult)]
    struct Integrity {
        integrity_check: String,
    }
    /// A row of `PRAGMA foreign_key_check`: the table of the row, and the table it points at.
    #[derive(FromQueryResult)]
    struct ForeignKey {
        table: String,
        parent: String,
    }
    /// A constraint PostgreSQL has not validated.
    #[derive(FromQueryResult)]
    struct Unvalidated {
        table_name: String,
        conname: String,
    }
    let backend = db.get_database_backend();
    let statement = |sql: &str| Statement::from_string(backend, sql.to_string());
    let mut problems = Vec::new();
    match backend {
        DbBackend::Sqlite => {
            for row in Integrity::find_by_statement(statement("PRAGMA integrity_check")).all(db).await? {
                if row.integrity_check != "ok" {
                    problems.push(format!("integrity_check: {}", row.integrity_check));
                }
            }
            for row in ForeignKey::find_by_statement(statement("PRAGMA foreign_key_check")).all(db).await? {
                let (table, parent) = (row.table, row.parent);
                problems.push(format!("foreign_key_check: a row of {table} points at a missing row of {parent}"));
            }
        }
        _ => {
            let sql = "SELECT conrelid::regclass::text AS table_name, conname FROM pg_constraint \
                       WHERE NOT convalidated AND connamespace = 'public'::regnamespace";
            for row in Unvalidated::find_by_statement(statement(sql)).all(db).await? {
                let (table, name) = (row.table_name, row.conname);
                problems.push(format!("constraint {name} on {table} is not validated"));
            }
            for table in crate::backup::tables() {
                db.query_all_raw(statement(&format!("SELECT COUNT(*) FROM \"{table}\""))).await?;
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
    use sea_orm::ConnectionTrait;
    use std::time::{Duration, Instant};

    /// SQLite takes one writer at a time. Writers waiting their turn must not hold the pool's
    /// connections (eight): a reader is answered at once while sixteen writers queue, and
    /// every writer gets its turn.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queued_sqlite_writers_leave_connections_to_readers() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = super::connect(&format!("sqlite://{}/w.db?mode=rwc", dir.path().display())).await.expect("open");
        db.execute_unprepared("CREATE TABLE t (n INTEGER)").await.expect("a table");
        let mut writers = Vec::new();
        for n in 0..16 {
            let db = db.clone();
            writers.push(tokio::spawn(async move {
                let txn = super::begin_write(&db).await.expect("a turn to write");
                txn.execute_unprepared(&format!("INSERT INTO t VALUES ({n})")).await.expect("insert");
                tokio::time::sleep(Duration::from_millis(300)).await;
                txn.commit().await.expect("commit");
            }));
        }
        // the first writer holds the lock, the fifteen others are queued
        tokio::time::sleep(Duration::from_millis(40)).await;
        let started = Instant::now();
        let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), "SELECT 1"));
        row.await.expect("a reader is answered").expect("a row");
        let waited = started.elapsed();
        // before the queue, it waited at least for the first writer (300 ms): all eight
        // connections were held by writers waiting for the lock
        assert!(waited < Duration::from_millis(200), "the reader waited {waited:?} for a connection");
        for w in writers {
            w.await.expect("every writer commits");
        }
        use sea_orm::FromQueryResult;
        let count = crate::services::query::sql::Count::find_by_statement(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM t",
        ));
        let n: i64 = count.one(&db).await.expect("count").expect("a row").n;
        assert_eq!(n, 16);
    }

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(sqlite_file_path("sqlite://data/tracker.db?mode=rwc").as_deref(), Some("data/tracker.db"));
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://localhost/x"), None);
        assert_eq!(super::redact("postgres://gcm:secret@db:5432/gcm"), "postgres://gcm:***@db:5432/gcm");
    }
}
