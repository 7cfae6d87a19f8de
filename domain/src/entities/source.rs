use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "sources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub publisher: String,
    pub published_on: Option<Date>,
    pub date_precision: String,
    pub url: String,
    pub description: String,
}

impl ActiveModelBehavior for ActiveModel {}
