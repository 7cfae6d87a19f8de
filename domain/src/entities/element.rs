use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "elements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub letter: String,
    pub ordinal: i32,
    pub text: String,
    pub thematic_session_id: Option<i32>,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
