use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{drop_tables, fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(pk_auto("id"))
                    .col(text_uniq("email"))
                    .col(text("name"))
                    .col(text("password_hash"))
                    .col(text("role"))
                    .col(integer_null("organisation_id"))
                    .col(boolean("disabled").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk("users", "organisation_id", "organisations", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["users"]).await
    }
}
