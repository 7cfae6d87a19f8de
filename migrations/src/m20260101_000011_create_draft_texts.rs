use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

/// The text of a draft as a coordinator pasted or uploaded it (its sections are split from
/// it), an assessment's note (why the rating), and the indexes the scorecard's aggregations
/// and the section lookups use.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("draft_texts")
                    .col(pk_auto("id"))
                    .col(integer_uniq("draft_id"))
                    .col(string_len("format", 20))
                    .col(text("text"))
                    .col(integer_null("entered_by"))
                    .col(timestamp_with_time_zone("entered_at"))
                    .foreign_key(&mut fk("draft_texts", "draft_id", "drafts", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("draft_texts", "entered_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("assessments").add_column(text("note").default("")).to_owned())
            .await?;
        create_indexes(
            manager,
            vec![
                index("draft_sections", &["draft_id", "kind", "number"], false),
                index("positions", &["status"], false),
                index("assessments", &["draft_id", "rating"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in
            [("draft_sections", "draft_id_kind_number"), ("positions", "status"), ("assessments", "draft_id_rating")]
        {
            manager.drop_index(Index::drop().name(format!("idx_{table}_{columns}")).table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("assessments").drop_column("note").to_owned()).await?;
        drop_tables(manager, &["draft_texts"]).await
    }
}
