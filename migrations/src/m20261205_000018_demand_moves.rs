use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, index};

/// The demands whose rating moved between two drafts, kept with the record (beside the counts
/// of `score_moves`): for each pair of drafts (the lower id first), each published demand both
/// drafts count and rate with a different score, whether it went up or down from the first to
/// the second, and its place in record order (undated positions last, then the position's
/// date, the position, the demand's ordinal). The change between two drafts lists a page of
/// them by walking the index in that order. The table starts empty: the kept counts are marked
/// as not built, so the server counts everything again on its first start after this
/// migration.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("demand_moves")
                    .col(integer("first_draft_id"))
                    .col(integer("second_draft_id"))
                    .col(integer("demand_id"))
                    .col(string_len("way", 4))
                    .col(integer("undated"))
                    .col(date_null("published_on"))
                    .col(integer("position_id"))
                    .col(integer("ordinal"))
                    .primary_key(Index::create().col("first_draft_id").col("second_draft_id").col("demand_id"))
                    .to_owned(),
            )
            .await?;
        let mut in_order = Index::create();
        in_order.name("idx_demand_moves_in_record_order").table("demand_moves");
        for c in ["first_draft_id", "second_draft_id", "way", "undated", "published_on", "position_id", "ordinal"] {
            in_order.col(c);
        }
        create_indexes(manager, vec![in_order.to_owned(), index("demand_moves", &["demand_id"], false)]).await?;
        manager.get_connection().execute_unprepared("DELETE FROM tallies_built").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["demand_moves"]).await
    }
}
