use sea_orm::entity::prelude::*;

use crate::types::{Addresses, PositionStatus};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "positions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    /// The first day the position can be of; `None` when no source dates it.
    pub published_on: Option<Date>,
    pub date_precision: String,
    /// The last day it can be of (its date at its precision): the scorecard's rule compares
    /// it with a draft's release.
    pub latest_on: Option<Date>,
    /// negotiation, follow_up or other (`types::Addresses`).
    pub addresses: Addresses,
    /// Who it is addressed to, for `other`.
    pub addressee: String,
    /// The draft it responds to, if any.
    pub responds_to_id: Option<i32>,
    pub status: PositionStatus,
    pub source_id: Option<i32>,
    pub source_locator: String,
    pub presented_at_id: Option<i32>,
    pub summary: String,
    pub created_by: Option<i32>,
    pub version: i32,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
