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
                    .table("sources")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(text("title"))
                    .col(text("publisher"))
                    .col(date("published_on"))
                    .col(text("date_precision"))
                    .col(text("url"))
                    .col(text("description"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("organisations")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(text("name"))
                    .col(text("acronym"))
                    .col(text("kind"))
                    .col(text("country"))
                    .col(text("region"))
                    .col(text("website"))
                    .col(text("description"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("coalition_memberships")
                    .col(integer("coalition_id"))
                    .col(integer("member_id"))
                    .primary_key(Index::create().col("coalition_id").col("member_id"))
                    .foreign_key(&mut fk(
                        "coalition_memberships",
                        "coalition_id",
                        "organisations",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "coalition_memberships",
                        "member_id",
                        "organisations",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("coalition_memberships", &["member_id"], false),
                index("organisations", &["region"], false),
                index("organisations", &["kind"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["coalition_memberships", "organisations", "sources"]).await
    }
}
