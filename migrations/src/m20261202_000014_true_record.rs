//! The true record: what a position addresses and when, the evidence of an assessment, and
//! the drafts as they were.
//!
//! - `positions`: `addresses` (negotiation, follow_up, other), `addressee` (who, for "other"),
//!   `responds_to_id` (the draft it responds to), `latest_on` (the last day its date can be,
//!   which the scorecard's rule compares with a draft's release); `published_on` may be NULL
//!   (an undated statement keeps no invented date).
//! - `sources.published_on` may be NULL for the same reason.
//! - `assessments`: `illustrative` becomes `by_tracker` (rated by the tracker from public
//!   sources, not by a coordinator) and `source_url` holds the public source that documents
//!   the draft's wording where the product does not hold the draft's text.
//! - `draft_sections.source_url`: where a section's title, as worded in that draft, was read.
//! - `draft_changes`: the changes documented between drafts, with their source.
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn run(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    manager.get_connection().execute_unprepared(sql).await.map(|_| ())
}

async fn add(manager: &SchemaManager<'_>, table: &'static str, column: &mut ColumnDef) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table(table).add_column(column).to_owned()).await
}

/// Makes `table.published_on` nullable (PostgreSQL alters it in place; SQLite, which cannot,
/// gets a nullable copy of the column under the same name).
async fn published_on_nullable(manager: &SchemaManager<'_>, table: &'static str) -> Result<(), DbErr> {
    match manager.get_database_backend() {
        DbBackend::Postgres => {
            run(manager, &format!("ALTER TABLE {table} ALTER COLUMN published_on DROP NOT NULL")).await
        }
        _ => {
            add(manager, table, &mut date_null("published_on_dated")).await?;
            run(manager, &format!("UPDATE {table} SET published_on_dated = published_on")).await?;
            run(manager, &format!("ALTER TABLE {table} DROP COLUMN published_on")).await?;
            run(manager, &format!("ALTER TABLE {table} RENAME COLUMN published_on_dated TO published_on")).await
        }
    }
}

/// The reverse: refused while an undated row exists, since no date can be made up for it.
async fn published_on_required(manager: &SchemaManager<'_>, table: &'static str) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    let undated = manager
        .get_connection()
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) FROM {table} WHERE published_on IS NULL"),
        ))
        .await?
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    if undated > 0 {
        return Err(DbErr::Migration(format!(
            "{undated} rows of {table} have no date; the earlier schema requires one. Date them first."
        )));
    }
    match backend {
        DbBackend::Postgres => {
            run(manager, &format!("ALTER TABLE {table} ALTER COLUMN published_on SET NOT NULL")).await
        }
        _ => {
            add(manager, table, date("published_on_dated").default("1970-01-01")).await?;
            run(manager, &format!("UPDATE {table} SET published_on_dated = published_on")).await?;
            run(manager, &format!("ALTER TABLE {table} DROP COLUMN published_on")).await?;
            run(manager, &format!("ALTER TABLE {table} RENAME COLUMN published_on_dated TO published_on")).await
        }
    }
}

/// The last day a date can be, at its precision (a position of "Feb 2018" may be of the 28th).
fn latest_day(first: chrono::NaiveDate, precision: &str) -> chrono::NaiveDate {
    use chrono::Datelike;
    let next = match precision {
        "day" => return first,
        "month" if first.month() == 12 => chrono::NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
        "month" => chrono::NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1),
        "quarter" if first.month() >= 10 => chrono::NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
        "quarter" => chrono::NaiveDate::from_ymd_opt(first.year(), first.month() - (first.month() - 1) % 3 + 3, 1),
        _ => chrono::NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(first)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on both databases: on SQLite its steps then run on one connection (a
    /// pooled connection may still read the schema as it was before the first step) and a
    /// failure leaves the schema as it was.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(manager, "positions", text("addresses").default("negotiation")).await?;
        add(manager, "positions", text("addressee").default("")).await?;
        // A SQLite database migrated down keeps this column, emptied (see `down`).
        if !manager.has_column("positions", "responds_to_id").await? {
            run(
                manager,
                "ALTER TABLE positions ADD COLUMN responds_to_id INTEGER NULL REFERENCES drafts(id) ON DELETE SET NULL",
            )
            .await?;
        }
        add(manager, "positions", &mut date_null("latest_on")).await?;
        published_on_nullable(manager, "positions").await?;
        published_on_nullable(manager, "sources").await?;

        // every existing position's last possible day, from its first day and precision
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, published_on, date_precision FROM positions WHERE published_on IS NOT NULL",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get_by_index(0)?;
            let first: chrono::NaiveDate = row.try_get_by_index(1)?;
            let precision: String = row.try_get_by_index(2)?;
            // values the migration computed itself: a date and an id
            let latest = latest_day(first, &precision).format("%Y-%m-%d");
            run(manager, &format!("UPDATE positions SET latest_on = '{latest}' WHERE id = {id}")).await?;
        }

        run(manager, "ALTER TABLE assessments RENAME COLUMN illustrative TO by_tracker").await?;
        add(manager, "assessments", text("source_url").default("")).await?;
        add(manager, "draft_sections", text("source_url").default("")).await?;

        manager
            .create_table(
                Table::create()
                    .table("draft_changes")
                    .col(pk_auto("id"))
                    .col(integer("draft_id"))
                    .col(integer_null("earlier_draft_id"))
                    .col(integer("ordinal"))
                    .col(text("section_ref"))
                    .col(text("locator"))
                    .col(text("summary"))
                    .col(text("before_text"))
                    .col(text("after_text"))
                    .col(text("source_url"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("draft_changes", "draft_id", "drafts", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("draft_changes", "earlier_draft_id", "drafts", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("draft_changes", &["draft_id", "ordinal"], false),
                index("positions", &["responds_to_id"], false),
                index("positions", &["addresses", "latest_on"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        published_on_required(manager, "positions").await?;
        published_on_required(manager, "sources").await?;
        drop_tables(manager, &["draft_changes"]).await?;
        manager.drop_index(Index::drop().name("idx_positions_responds_to_id").table("positions").to_owned()).await?;
        manager
            .drop_index(Index::drop().name("idx_positions_addresses_latest_on").table("positions").to_owned())
            .await?;
        for (table, column) in [
            ("draft_sections", "source_url"),
            ("assessments", "source_url"),
            ("positions", "latest_on"),
            ("positions", "addressee"),
            ("positions", "addresses"),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        // SQLite cannot drop a column that carries a foreign key: there it stays, emptied, and
        // `up` reuses it. PostgreSQL drops it.
        match manager.get_database_backend() {
            DbBackend::Postgres => run(manager, "ALTER TABLE positions DROP COLUMN responds_to_id").await?,
            _ => run(manager, "UPDATE positions SET responds_to_id = NULL").await?,
        }
        run(manager, "ALTER TABLE assessments RENAME COLUMN by_tracker TO illustrative").await
    }
}
