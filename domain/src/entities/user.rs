use sea_orm::entity::prelude::*;

use crate::types::Role;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub organisation_id: Option<i32>,
    pub disabled: bool,
    #[serde(with = "crate::backup::micros")]
    pub created_at: DateTimeUtc,
    pub version: i32,
    /// The language of the emails sent to them (en, fr, es); exports made before it read as en.
    #[serde(default = "english")]
    pub language: String,
}

fn english() -> String {
    "en".to_string()
}

impl ActiveModelBehavior for ActiveModel {}
