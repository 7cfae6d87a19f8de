use sea_orm::entity::prelude::*;

use crate::types::Role;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub invited_by: Option<i32>,
    #[serde(with = "crate::backup::micros")]
    pub created_at: DateTimeUtc,
    #[serde(with = "crate::backup::micros")]
    pub expires_at: DateTimeUtc,
    #[serde(with = "crate::backup::micros::opt")]
    pub accepted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
