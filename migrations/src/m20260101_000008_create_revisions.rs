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
                    .table("revisions")
                    .col(pk_auto("id"))
                    .col(text("entity_type"))
                    .col(integer("entity_id"))
                    .col(text("entity_label"))
                    .col(text("action"))
                    .col(text("changes"))
                    .col(text("actor_role"))
                    .col(integer_null("actor_user_id"))
                    .col(text("note"))
                    .col(timestamp_with_time_zone("changed_at"))
                    .foreign_key(&mut fk("revisions", "actor_user_id", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![index("revisions", &["entity_type", "entity_id"], false), index("revisions", &["changed_at"], false)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["revisions"]).await
    }
}
