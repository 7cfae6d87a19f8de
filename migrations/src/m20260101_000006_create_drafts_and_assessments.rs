use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("drafts")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(text("label"))
                    .col(date("released_on"))
                    .col(integer_null("objective_count"))
                    .col(text("source_url"))
                    .col(text("note"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("draft_sections")
                    .col(pk_auto("id"))
                    .col(integer("draft_id"))
                    .col(integer_null("parent_id"))
                    .col(integer("ordinal"))
                    .col(text("kind"))
                    .col(text("number"))
                    .col(text("heading"))
                    .col(text("body"))
                    .foreign_key(&mut fk("draft_sections", "draft_id", "drafts", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("draft_sections", "parent_id", "draft_sections", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("assessments")
                    .col(pk_auto("id"))
                    .col(integer("demand_id"))
                    .col(integer("draft_id"))
                    .col(text("rating"))
                    .col(text("section_ref"))
                    .col(text("quote"))
                    .col(boolean("illustrative").default(false))
                    .col(integer_null("assessed_by"))
                    .col(timestamp_with_time_zone("assessed_at"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk("assessments", "demand_id", "demands", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("assessments", "draft_id", "drafts", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("assessments", "assessed_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("draft_sections", &["draft_id", "ordinal"], false),
                index("assessments", &["demand_id", "draft_id"], true),
                index("assessments", &["draft_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["assessments", "draft_sections", "drafts"]).await
    }
}
