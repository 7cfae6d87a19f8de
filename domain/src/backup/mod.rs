//! `server export` and `server import`: the whole record in one portable file, read back into
//! an empty database of either kind (SQLite or PostgreSQL).
//!
//! The file is JSON Lines:
//! 1. a header: `{"format":"gcm-tracker-export","version":1,"schema":"<last migration>"}`;
//! 2. one line per row, `{"table":"phases","row":{...}}`, tables in foreign-key order, rows in
//!    primary-key order (so two exports of the same record are byte for byte the same);
//! 3. a footer: `{"end":{"tables":[["phases",6],...],"sha256":"<hex>"}}`, the row count of every
//!    table and the SHA-256 of every byte before the footer.
//!
//! Timestamps are written to the microsecond, the precision PostgreSQL keeps, so an export is the
//! same whichever database it came from. Sessions and failed sign-ins are not exported: they are
//! short-lived security state, and a file holding live session ids would let its reader in.
//! Accounts are exported with their password hashes: the file is as sensitive as the database.
mod export;
mod import;
pub mod micros;

pub use export::export;
pub use import::{import, verify};

use migrations::{Migrator, MigratorTrait};
use sea_orm::DbErr;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "gcm-tracker-export";
pub const VERSION: u32 = 1;

/// Every exported table, in an order where each row's foreign keys point to rows already read.
/// The callback macro is given the entity modules in that order.
macro_rules! with_tables {
    ($callback:ident) => {
        $callback!(
            phase,
            consultation,
            consultation_link,
            thematic_session,
            element,
            consultation_element,
            objective,
            source,
            organisation,
            coalition_membership,
            user,
            draft,
            draft_section,
            draft_change,
            position,
            position_signatory,
            demand,
            demand_element,
            assessment,
            comment,
            revision,
            invitation,
            comment_report,
            draft_text,
            follow,
            notification_choice,
            notification
        )
    };
}
pub(crate) use with_tables;

/// The exported tables' names, in the file's order.
pub fn tables() -> Vec<&'static str> {
    use sea_orm::EntityName;
    macro_rules! names {
        ($($m:ident),*) => { vec![$(crate::entities::$m::Entity.table_name()),*] };
    }
    with_tables!(names)
}

/// The schema an export belongs to: the name of the last migration applied.
pub fn schema() -> String {
    Migrator::migrations().last().map(|m| m.name().to_string()).unwrap_or_default()
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    schema: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Footer {
    end: End,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    tables: Vec<(String, u64)>,
    sha256: String,
}

/// What an export or import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub tables: Vec<(String, u64)>,
    pub sha256: String,
}

impl Summary {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("cannot read or write the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is not a usable export (line {line}): {reason}; nothing was written")]
    Damaged { line: usize, reason: String },
    #[error("the file was exported at schema {file}, this server is at {server}: migrate the source and export again; nothing was written")]
    Schema { file: String, server: String },
    #[error(
        "the database is not empty ({table} has {rows} rows): import only into an empty database; nothing was written"
    )]
    NotEmpty { table: &'static str, rows: u64 },
    #[error("the database refused the import ({0}); nothing was written")]
    Db(#[from] DbErr),
    #[error("the scorecard's counts could not be made from the imported rows ({0}); nothing was written")]
    Counts(String),
}

fn damaged(line: usize, reason: impl Into<String>) -> BackupError {
    BackupError::Damaged { line, reason: reason.into() }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
