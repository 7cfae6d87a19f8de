use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "position_signatories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub position_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
}

impl ActiveModelBehavior for ActiveModel {}
