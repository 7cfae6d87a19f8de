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
                    .table("positions")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(text("title"))
                    .col(date("published_on"))
                    .col(text("date_precision"))
                    .col(text("status"))
                    .col(integer_null("source_id"))
                    .col(text("source_locator"))
                    .col(integer_null("presented_at_id"))
                    .col(text("summary"))
                    .col(integer_null("created_by"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("positions", "source_id", "sources", ForeignKeyAction::SetNull))
                    .foreign_key(&mut fk("positions", "presented_at_id", "consultations", ForeignKeyAction::SetNull))
                    .foreign_key(&mut fk("positions", "created_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("position_signatories")
                    .col(integer("position_id"))
                    .col(integer("organisation_id"))
                    .primary_key(Index::create().col("position_id").col("organisation_id"))
                    .foreign_key(&mut fk("position_signatories", "position_id", "positions", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk(
                        "position_signatories",
                        "organisation_id",
                        "organisations",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("demands")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(integer("position_id"))
                    .col(integer("ordinal"))
                    .col(text("text"))
                    .col(text("quote"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk("demands", "position_id", "positions", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("demand_elements")
                    .col(integer("demand_id"))
                    .col(integer("element_id"))
                    .col(text("stance"))
                    .primary_key(Index::create().col("demand_id").col("element_id"))
                    .foreign_key(&mut fk("demand_elements", "demand_id", "demands", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("demand_elements", "element_id", "elements", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("positions", &["presented_at_id"], false),
                index("position_signatories", &["organisation_id"], false),
                index("demands", &["position_id"], false),
                index("demand_elements", &["element_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["demand_elements", "demands", "position_signatories", "positions"]).await
    }
}
