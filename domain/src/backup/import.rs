//! Reading an export back: the whole file is checked first (header, every row against its
//! table's type, order, counts, checksum) without touching the database; then the rows are
//! written in one transaction into an empty database, so a file that fails at any point
//! writes nothing.
use std::io::{BufRead, BufReader};
use std::path::Path;

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityName, EntityTrait,
    Iterable, PaginatorTrait, PrimaryKeyTrait, Statement,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{damaged, hex, schema, tables, with_tables, BackupError, Footer, Header, Summary, FORMAT, VERSION};
use crate::entities;

/// Rows written per INSERT.
const BATCH: usize = 500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    table: String,
    row: Value,
}

/// One line of the file, with its number (from 1) and its bytes.
struct Lines<R: BufRead> {
    input: R,
    number: usize,
}

impl<R: BufRead> Lines<R> {
    fn next(&mut self) -> Result<Option<(usize, Vec<u8>)>, BackupError> {
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        self.number += 1;
        if bytes.last() != Some(&b'\n') {
            return Err(damaged(self.number, "the last line is cut short (was the file truncated?)"));
        }
        Ok(Some((self.number, bytes)))
    }
}

fn open(path: &Path) -> Result<Lines<BufReader<std::fs::File>>, BackupError> {
    Ok(Lines { input: BufReader::new(std::fs::File::open(path)?), number: 0 })
}

fn header(lines: &mut Lines<impl BufRead>) -> Result<Vec<u8>, BackupError> {
    let (n, bytes) = lines.next()?.ok_or_else(|| damaged(1, "the file is empty"))?;
    let header: Header = serde_json::from_slice(&bytes)
        .map_err(|e| damaged(n, format!("this is not a tracker export's first line ({e})")))?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(damaged(
            n,
            format!("format {} version {}, expected {FORMAT} version {VERSION}", header.format, header.version),
        ));
    }
    if header.schema != schema() {
        return Err(BackupError::Schema { file: header.schema, server: schema() });
    }
    Ok(bytes)
}

/// Checks the whole file without a database: returns what it holds, or the first line at fault.
pub fn verify(path: &Path) -> Result<Summary, BackupError> {
    let names = tables();
    let mut counts: Vec<u64> = vec![0; names.len()];
    let mut lines = open(path)?;
    let mut hash = Sha256::new();
    hash.update(header(&mut lines)?);
    let mut current = 0;
    while let Some((n, bytes)) = lines.next()? {
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| damaged(n, format!("not JSON ({e})")))?;
        if value.get("end").is_some() {
            let footer: Footer =
                serde_json::from_value(value).map_err(|e| damaged(n, format!("a malformed last line ({e})")))?;
            let expected: Vec<(String, u64)> = names.iter().map(|t| t.to_string()).zip(counts).collect();
            if footer.end.tables != expected {
                return Err(damaged(n, "the row counts of the last line do not match the rows in the file"));
            }
            let sha256 = hex(&hash.finalize());
            if footer.end.sha256 != sha256 {
                return Err(damaged(n, "the checksum does not match the content (the file was altered or damaged)"));
            }
            if lines.next()?.is_some() {
                return Err(damaged(n + 1, "there is data after the last line"));
            }
            return Ok(Summary { tables: expected, sha256 });
        }
        let row: Row = serde_json::from_value(value).map_err(|e| damaged(n, format!("not a row ({e})")))?;
        let index = names
            .iter()
            .position(|t| *t == row.table)
            .ok_or_else(|| damaged(n, format!("unknown table {:?}", row.table)))?;
        if index < current {
            return Err(damaged(n, format!("a row of {} after rows of {}", row.table, names[current])));
        }
        current = index;
        check_row(&row.table, row.row)
            .map_err(|e| damaged(n, format!("a row of {} that does not fit ({e})", row.table)))?;
        counts[index] += 1;
        hash.update(&bytes);
    }
    Err(damaged(lines.number + 1, "the file ends before its last line (was it truncated?)"))
}

fn check_row(table: &str, row: Value) -> Result<(), String> {
    macro_rules! check_each {
        ($($m:ident),*) => {
            $(
                if table == entities::$m::Entity.table_name() {
                    return serde_json::from_value::<entities::$m::Model>(row).map(drop).map_err(|e| e.to_string());
                }
            )*
        };
    }
    with_tables!(check_each);
    Err(format!("unknown table {table:?}"))
}

/// Imports an export into `db`, which must be migrated and empty. Checks the whole file first;
/// writes everything in one transaction or nothing.
pub async fn import(db: &DatabaseConnection, path: &Path) -> Result<Summary, BackupError> {
    let summary = verify(path)?;
    refuse_unless_empty(db).await?;
    let txn = crate::db::begin_write(db).await?;
    let mut lines = open(path)?;
    header(&mut lines)?;
    let mut batch: Vec<Value> = Vec::with_capacity(BATCH);
    let mut batch_table = String::new();
    while let Some((n, bytes)) = lines.next()? {
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| damaged(n, format!("not JSON ({e})")))?;
        if value.get("end").is_some() {
            break;
        }
        let row: Row = serde_json::from_value(value).map_err(|e| damaged(n, format!("not a row ({e})")))?;
        if row.table != batch_table || batch.len() == BATCH {
            insert_rows(&txn, &batch_table, std::mem::take(&mut batch)).await?;
            batch_table = row.table;
        }
        batch.push(row.row);
    }
    insert_rows(&txn, &batch_table, batch).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        restart_sequences(&txn).await?;
    }
    // the scorecard's counts are not exported: they are counted from the rows, in the same
    // transaction
    crate::services::tallies::rebuild_all(&txn).await.map_err(|e| BackupError::Counts(e.to_string()))?;
    crate::services::changes::note(&txn, vec![crate::services::changes::Topic::ANY.into()])
        .await
        .map_err(|e| BackupError::Counts(e.to_string()))?;
    txn.commit().await?;
    crate::services::search::compact(db).await?;
    Ok(summary)
}

async fn refuse_unless_empty(db: &DatabaseConnection) -> Result<(), BackupError> {
    macro_rules! count_each {
        ($($m:ident),*) => {
            $(
                let rows = entities::$m::Entity::find().count(db).await?;
                if rows > 0 {
                    return Err(BackupError::NotEmpty { table: entities::$m::Entity.table_name(), rows });
                }
            )*
        };
    }
    with_tables!(count_each);
    Ok(())
}

async fn insert_rows(txn: &DatabaseTransaction, table: &str, rows: Vec<Value>) -> Result<(), BackupError> {
    if rows.is_empty() {
        return Ok(());
    }
    macro_rules! insert_each {
        ($($m:ident),*) => {
            $(
                if table == entities::$m::Entity.table_name() {
                    return insert_batch::<entities::$m::Entity>(txn, rows).await;
                }
            )*
        };
    }
    with_tables!(insert_each);
    Err(damaged(0, format!("unknown table {table:?}")))
}

async fn insert_batch<E>(txn: &DatabaseTransaction, rows: Vec<Value>) -> Result<(), BackupError>
where
    E: EntityTrait,
    E::Model: DeserializeOwned,
    E::ActiveModel: ActiveModelTrait<Entity = E> + From<E::Model> + Send,
{
    let mut models = Vec::with_capacity(rows.len());
    for row in rows {
        let model: E::Model = serde_json::from_value(row).map_err(|e| damaged(0, e.to_string()))?;
        models.push(E::ActiveModel::from(model).reset_all());
    }
    E::insert_many(models).exec_without_returning(txn).await?;
    Ok(())
}

/// PostgreSQL's id sequences do not follow ids written explicitly: each is moved past the
/// largest id imported, so the next row created gets a fresh id.
async fn restart_sequences(txn: &DatabaseTransaction) -> Result<(), BackupError> {
    macro_rules! restart_each {
        ($($m:ident),*) => {
            $(
                let table = entities::$m::Entity.table_name();
                let keys = <entities::$m::Entity as EntityTrait>::PrimaryKey::iter().count();
                if keys == 1 && <<entities::$m::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::auto_increment() {
                    let sql = format!(
                        "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \"{table}\""
                    );
                    txn.execute_raw(Statement::from_string(DbBackend::Postgres, sql)).await?;
                }
            )*
        };
    }
    with_tables!(restart_each);
    Ok(())
}
