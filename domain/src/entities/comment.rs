use sea_orm::entity::prelude::*;

use crate::types::CommentStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub position_id: i32,
    pub demand_id: Option<i32>,
    pub parent_id: Option<i32>,
    pub author_id: Option<i32>,
    pub body: String,
    pub status: CommentStatus,
    pub hidden_reason: String,
    pub moderated_by: Option<i32>,
    #[serde(with = "crate::backup::micros")]
    pub created_at: DateTimeUtc,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
