use sea_orm::entity::prelude::*;

use crate::types::Stance;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "demand_elements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub demand_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub element_id: i32,
    pub stance: Stance,
}

impl ActiveModelBehavior for ActiveModel {}
