use sea_orm::entity::prelude::*;

use crate::types::FollowKind;

/// One person following one thing (an organisation, an element, a consultation, a position, a
/// draft), by its id.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "follows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub target_kind: FollowKind,
    pub target_id: i32,
    #[serde(with = "crate::backup::micros")]
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
