use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

/// Email: the outbox every message goes through (written in the transaction of the change
/// that causes it, sent by a background worker: claimed, sent, marked), the one-click
/// unsubscribe links' tokens, and password resets.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .col(big_pk_auto("id"))
                    .col(string_len_uniq("message_id", 200))
                    .col(string_len("to_address", 320))
                    .col(string_len("subject", 300))
                    .col(text("text_body"))
                    .col(text("html_body"))
                    .col(string_len("unsubscribe_url", 500))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(string_len("claimed_by", 64).default(""))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(text("last_error").default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("unsubscribe_tokens")
                    .col(string_len("token_hash", 64).primary_key())
                    .col(integer("user_id"))
                    .col(string_len("kind", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("unsubscribe_tokens", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("password_resets")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("password_resets", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("outbox", &["sent_at", "next_attempt_at"], false),
                index("unsubscribe_tokens", &["user_id"], false),
                index("password_resets", &["user_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["password_resets", "unsubscribe_tokens", "outbox"]).await
    }
}
