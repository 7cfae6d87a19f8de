use sea_orm::entity::prelude::*;

use crate::types::Rating;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub demand_id: i32,
    pub draft_id: i32,
    pub rating: Rating,
    pub section_ref: String,
    pub quote: String,
    pub note: String,
    /// Rated by the tracker from public sources (the built-in ratings), not by a coordinator.
    pub by_tracker: bool,
    /// The public source documenting the draft's wording, where the draft's text is not held.
    pub source_url: String,
    pub assessed_by: Option<i32>,
    #[serde(with = "crate::backup::micros")]
    pub assessed_at: DateTimeUtc,
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}
