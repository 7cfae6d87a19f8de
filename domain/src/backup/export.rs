//! Writing the export: one read transaction (a consistent snapshot while the site keeps
//! serving), every table streamed in primary-key order.
use std::io::Write;

use futures_util::TryStreamExt;
use sea_orm::{
    AccessMode, DatabaseConnection, DatabaseTransaction, DbBackend, EntityName, EntityTrait, IsolationLevel, Iterable,
    PrimaryKeyToColumn, QueryOrder, TransactionTrait,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{hex, schema, with_tables, BackupError, End, Footer, Header, Summary, FORMAT, VERSION};
use crate::entities;

/// Writes every byte through a SHA-256 of the export so far.
struct Sink<W: Write> {
    out: W,
    hash: Sha256,
}

impl<W: Write> Sink<W> {
    fn line<T: Serialize>(&mut self, value: &T) -> Result<(), BackupError> {
        let mut bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        self.hash.update(&bytes);
        self.out.write_all(&bytes)?;
        Ok(())
    }
}

#[derive(Serialize)]
struct Row<'a, M> {
    table: &'a str,
    row: &'a M,
}

/// Exports the whole record to `out`; returns each table's row count and the file's checksum.
pub async fn export<W: Write>(db: &DatabaseConnection, out: W) -> Result<Summary, BackupError> {
    // PostgreSQL: one snapshot for every table. SQLite: a read transaction in WAL mode sees one
    // snapshot from its first read on.
    let txn = match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
        }
        _ => db.begin().await?,
    };
    let mut sink = Sink { out, hash: Sha256::new() };
    sink.line(&Header { format: FORMAT.to_string(), version: VERSION, schema: schema() })?;
    let mut tables = Vec::new();
    macro_rules! export_each {
        ($($m:ident),*) => {
            $(
                let rows = export_table::<entities::$m::Entity, W>(&txn, &mut sink).await?;
                tables.push((entities::$m::Entity.table_name().to_string(), rows));
            )*
        };
    }
    with_tables!(export_each);
    txn.commit().await?;
    let sha256 = hex(&sink.hash.clone().finalize());
    sink.line(&Footer { end: End { tables: tables.clone(), sha256: sha256.clone() } })?;
    sink.out.flush()?;
    Ok(Summary { tables, sha256 })
}

async fn export_table<E, W>(txn: &DatabaseTransaction, sink: &mut Sink<W>) -> Result<u64, BackupError>
where
    E: EntityTrait,
    E::Model: Serialize + Send + Sync,
    W: Write,
{
    let table = E::default().table_name();
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut rows = query.stream(txn).await?;
    let mut count = 0;
    while let Some(row) = rows.try_next().await? {
        sink.line(&Row { table, row: &row })?;
        count += 1;
    }
    Ok(count)
}
