use sea_orm::entity::prelude::*;

use crate::types::SectionKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "draft_sections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub draft_id: i32,
    pub parent_id: Option<i32>,
    pub ordinal: i32,
    pub kind: SectionKind,
    pub number: String,
    pub heading: String,
    pub body: String,
    /// Where the heading, as worded in this draft, was read (built-in drafts without text).
    pub source_url: String,
}

impl ActiveModelBehavior for ActiveModel {}
