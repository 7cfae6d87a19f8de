use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{create_indexes, drop_tables, fk, index};

/// Sessions live in the database so several server instances share them; failed sign-ins
/// are counted here so the rate limit holds across instances; invitations carry only the
/// hash of their one-time token.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(text("id").primary_key())
                    .col(text("data"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("login_failures")
                    .col(pk_auto("id"))
                    .col(text("key"))
                    .col(timestamp_with_time_zone("failed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invitations")
                    .col(pk_auto("id"))
                    .col(text_uniq("token_hash"))
                    .col(text("email"))
                    .col(text("name"))
                    .col(text("role"))
                    .col(integer_null("organisation_id"))
                    .col(integer_null("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .foreign_key(&mut fk("invitations", "organisation_id", "organisations", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("invitations", "invited_by", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![index("sessions", &["expires_at"], false), index("login_failures", &["key", "failed_at"], false)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["invitations", "login_failures", "sessions"]).await
    }
}
