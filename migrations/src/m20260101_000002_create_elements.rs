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
                    .table("thematic_sessions")
                    .col(pk_auto("id"))
                    .col(integer_uniq("number"))
                    .col(text("title"))
                    .col(integer_null("consultation_id"))
                    .foreign_key(&mut fk(
                        "thematic_sessions",
                        "consultation_id",
                        "consultations",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("elements")
                    .col(pk_auto("id"))
                    .col(text_uniq("letter"))
                    .col(integer("ordinal"))
                    .col(text("text"))
                    .col(integer_null("thematic_session_id"))
                    .col(integer("version").default(1))
                    .foreign_key(&mut fk(
                        "elements",
                        "thematic_session_id",
                        "thematic_sessions",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("consultation_elements")
                    .col(integer("consultation_id"))
                    .col(integer("element_id"))
                    .primary_key(Index::create().col("consultation_id").col("element_id"))
                    .foreign_key(&mut fk(
                        "consultation_elements",
                        "consultation_id",
                        "consultations",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk("consultation_elements", "element_id", "elements", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("objectives")
                    .col(pk_auto("id"))
                    .col(integer_uniq("number"))
                    .col(text("title"))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("consultation_elements", &["element_id"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["objectives", "consultation_elements", "elements", "thematic_sessions"]).await
    }
}
