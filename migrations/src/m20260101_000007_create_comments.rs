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
                    .table("comments")
                    .col(pk_auto("id"))
                    .col(integer("position_id"))
                    .col(integer_null("demand_id"))
                    .col(integer_null("parent_id"))
                    .col(integer_null("author_id"))
                    .col(text("body"))
                    .col(text("status"))
                    .col(text("hidden_reason"))
                    .col(integer_null("moderated_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk("comments", "position_id", "positions", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("comments", "demand_id", "demands", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("comments", "parent_id", "comments", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("comments", "author_id", "users", ForeignKeyAction::SetNull))
                    .foreign_key(&mut fk("comments", "moderated_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("comments", &["position_id", "created_at"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["comments"]).await
    }
}
