use sea_orm_migration::prelude::*;

use crate::helpers::{create_indexes, index};

/// Indexes for lists read a page at a time, walked in order and left as soon as the page is
/// full, whatever the size of the record: organisations by name (the matrix, the change, the
/// element pages) and published positions by date (the record order of lists of demands).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_indexes(
            manager,
            vec![
                index("organisations", &["name", "id"], false),
                index("positions", &["status", "published_on", "id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_organisations_name_id").table("organisations").to_owned()).await?;
        manager
            .drop_index(Index::drop().name("idx_positions_status_published_on_id").table("positions").to_owned())
            .await
    }
}
