use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "positions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub published_on: Date,
    pub date_precision: String,
    pub status: String,
    pub source_id: Option<i32>,
    pub source_locator: String,
    pub presented_at_id: Option<i32>,
    pub summary: String,
    pub created_by: Option<i32>,
    pub version: i32,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
