use sea_orm_migration::prelude::*;

use crate::helpers::{create_indexes, index};

/// An index on each author's comments by time: the limit on comment floods counts an account's
/// comments of the last minutes before each post.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_indexes(manager, vec![index("comments", &["author_id", "created_at"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_comments_author_id_created_at").table("comments").to_owned()).await
    }
}
