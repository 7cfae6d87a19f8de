use sea_orm_migration::prelude::*;

use crate::helpers::{create_indexes, index};

/// An index on when comments last changed: the public pages' freshness stamp reads the newest
/// one on every anonymous request, which must not scan the table.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_indexes(manager, vec![index("comments", &["updated_at"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_comments_updated_at").table("comments").to_owned()).await
    }
}
