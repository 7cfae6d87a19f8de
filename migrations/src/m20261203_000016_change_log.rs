use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, index};

/// What each committed change touched, as the topics of the pages that show it (for example
/// `draft:3`, `position:17`, `timeline`). Written in the change's transaction; every server
/// instance reads it to forget the pages it kept of those topics (PostgreSQL also announces
/// each row with NOTIFY). Old rows are pruned.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("change_log")
                    .col(big_pk_auto("id"))
                    .col(text("topics"))
                    .col(timestamp_with_time_zone("changed_at"))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("change_log", &["changed_at"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["change_log"]).await
    }
}
