use sea_orm::entity::prelude::*;

/// A change documented between drafts: first documented in `draft_id`, with the source that
/// documents it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "draft_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub draft_id: i32,
    pub earlier_draft_id: Option<i32>,
    pub ordinal: i32,
    pub section_ref: String,
    pub locator: String,
    pub summary: String,
    pub before_text: String,
    pub after_text: String,
    pub source_url: String,
    pub version: i32,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
