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
                    .table("phases")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(integer("ordinal"))
                    .col(text("name"))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(text("date_precision"))
                    .col(text("note"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("consultations")
                    .col(pk_auto("id"))
                    .col(text_uniq("slug"))
                    .col(text("kind"))
                    .col(text("title"))
                    .col(integer_null("phase_id"))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(text("date_precision"))
                    .col(text("venue_city"))
                    .col(text("venue_country"))
                    .col(text("region"))
                    .col(text("organiser"))
                    .col(text("civil_society_access"))
                    .col(text("status"))
                    .col(text("notes"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("consultations", "phase_id", "phases", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("consultation_links")
                    .col(pk_auto("id"))
                    .col(integer("consultation_id"))
                    .col(integer("ordinal"))
                    .col(text("label"))
                    .col(text("url"))
                    .foreign_key(&mut fk(
                        "consultation_links",
                        "consultation_id",
                        "consultations",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("consultations", &["phase_id"], false),
                index("consultations", &["starts_on"], false),
                index("consultation_links", &["consultation_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["consultation_links", "consultations", "phases"]).await
    }
}
