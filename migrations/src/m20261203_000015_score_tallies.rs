use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, index};

/// The scorecard's counts, kept with the record: for each draft, how the demands it counts
/// were rated, overall (organisation 0, element 0), per element (organisation 0), per
/// organisation (element 0), and per organisation and element. Every write that moves a score
/// updates the rows it touches in its own transaction (`domain::services::tallies`); a row
/// exists only while it counts at least one demand. Draft 0 counts every published demand,
/// whatever the drafts count (the elements' list); `limits` counts the mappings that would
/// limit an element. The tables start empty: the server fills them from the record on its
/// first start after this migration.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("score_tallies")
                    .col(integer("draft_id"))
                    .col(integer("organisation_id"))
                    .col(integer("element_id"))
                    .col(integer("demands"))
                    .col(integer("met"))
                    .col(integer("partly_met"))
                    .col(integer("not_addressed"))
                    .col(integer("contradicted"))
                    .col(integer("by_tracker"))
                    .col(integer("limits"))
                    .col(integer("organisations"))
                    .primary_key(Index::create().col("draft_id").col("organisation_id").col("element_id"))
                    .to_owned(),
            )
            .await?;
        // (draft, 0, element) rows and the organisations a draft counts, without the
        // organisation-by-element rows in between
        create_indexes(
            manager,
            vec![
                index("score_tallies", &["draft_id", "element_id", "organisation_id"], true),
                // the scorecard's "as of": the newest revision of each kind
                index("revisions", &["entity_type", "changed_at"], false),
            ],
        )
        .await?;
        // each demand's ratings on two drafts side by side, counted: the change between drafts
        manager
            .create_table(
                Table::create()
                    .table("score_moves")
                    .col(integer("first_draft_id"))
                    .col(integer("second_draft_id"))
                    .col(integer("organisation_id"))
                    .col(integer("element_id"))
                    .col(string_len("first_rating", 20))
                    .col(string_len("second_rating", 20))
                    .col(integer("demands"))
                    .primary_key(
                        Index::create()
                            .col("first_draft_id")
                            .col("second_draft_id")
                            .col("organisation_id")
                            .col("element_id")
                            .col("first_rating")
                            .col("second_rating"),
                    )
                    .to_owned(),
            )
            .await?;
        // the demands the gaps list: unmapped, or never rated on any draft
        manager
            .create_table(
                Table::create()
                    .table("demand_gaps")
                    .col(integer("demand_id"))
                    .col(string_len("gap", 20))
                    .primary_key(Index::create().col("gap").col("demand_id"))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("demand_gaps", &["demand_id"], false)]).await?;
        manager
            .create_table(
                Table::create()
                    .table("tallies_built")
                    .col(integer("id").primary_key())
                    .col(timestamp_with_time_zone("built_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_revisions_entity_type_changed_at").table("revisions").to_owned())
            .await?;
        drop_tables(manager, &["tallies_built", "demand_gaps", "score_moves", "score_tallies"]).await
    }
}
