use sea_orm::entity::prelude::*;

use crate::types::{OrganisationKind, Region};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub region: Region,
    pub website: String,
    pub description: String,
    pub version: i32,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
