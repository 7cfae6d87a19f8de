use sea_orm::entity::prelude::*;

use crate::types::TextFormat;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "draft_texts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub draft_id: i32,
    pub format: TextFormat,
    pub text: String,
    pub entered_by: Option<i32>,
    #[serde(with = "crate::backup::micros")]
    pub entered_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
