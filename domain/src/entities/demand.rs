use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "demands")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub position_id: i32,
    pub ordinal: i32,
    pub text: String,
    pub quote: String,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
