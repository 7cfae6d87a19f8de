use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

/// Following and notifications: what each person follows (an organisation, an element, a
/// consultation, a position, a draft), the notifications a change writes for its followers (in
/// the change's transaction), how each person wants each kind of notification delivered (at
/// once by email, in a daily digest, or only on the notifications page), and the language their
/// emails are written in.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("follows")
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("target_kind", 20))
                    .col(integer("target_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("follows", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notifications")
                    .col(big_pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("kind", 20))
                    // what it is about (a position's title, a consultation's), and a detail (the
                    // rating, the organisation, the new dates), as the record wrote them
                    .col(text("subject"))
                    .col(text("detail").default(""))
                    .col(string_len("href", 500))
                    .col(string_len_null("rating", 20))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    // the delivery chosen when it was written, and when its email was queued
                    .col(string_len("delivery", 20))
                    .col(timestamp_with_time_zone_null("emailed_at"))
                    .foreign_key(&mut fk("notifications", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notification_choices")
                    .col(integer("user_id"))
                    .col(string_len("kind", 20))
                    .col(string_len("delivery", 20))
                    .primary_key(Index::create().col("user_id").col("kind"))
                    .foreign_key(&mut fk("notification_choices", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("users").add_column(string_len("language", 8).default("en")).to_owned())
            .await?;
        create_indexes(
            manager,
            vec![
                index("follows", &["user_id", "target_kind", "target_id"], true),
                index("follows", &["target_kind", "target_id"], false),
                index("notifications", &["user_id", "read_at"], false),
                index("notifications", &["delivery", "emailed_at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("users").drop_column("language").to_owned()).await?;
        drop_tables(manager, &["notification_choices", "notifications", "follows"]).await
    }
}
