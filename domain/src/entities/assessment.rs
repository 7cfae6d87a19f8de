use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub demand_id: i32,
    pub draft_id: i32,
    pub rating: String,
    pub section_ref: String,
    pub quote: String,
    pub note: String,
    pub illustrative: bool,
    pub assessed_by: Option<i32>,
    #[serde(with = "crate::backup::micros")]
    pub assessed_at: DateTimeUtc,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
