use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

/// Members report comments to coordinators; a report stays open until a coordinator hides or
/// keeps the comment.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("comment_reports")
                    .col(pk_auto("id"))
                    .col(integer("comment_id"))
                    .col(integer_null("reporter_id"))
                    .col(text("reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("resolved_at"))
                    .foreign_key(&mut fk("comment_reports", "comment_id", "comments", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("comment_reports", "reporter_id", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("comment_reports", &["resolved_at"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["comment_reports"]).await
    }
}
