use sea_orm::entity::prelude::*;

use crate::types::DatePrecision;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "phases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub ordinal: i32,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub date_precision: DatePrecision,
    pub note: String,
    pub version: i32,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
