use sea_orm::entity::prelude::*;

use crate::types::{EntityType, RevisionAction};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entity_type: EntityType,
    pub entity_id: i32,
    pub entity_label: String,
    pub action: RevisionAction,
    pub changes: String,
    pub actor_role: String,
    pub actor_user_id: Option<i32>,
    pub note: String,
    #[serde(with = "crate::backup::micros")]
    pub changed_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
