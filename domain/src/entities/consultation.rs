use sea_orm::entity::prelude::*;

use crate::types::{CivilSocietyAccess, ConsultationKind, ConsultationStatus, DatePrecision, Region};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: ConsultationKind,
    pub title: String,
    pub phase_id: Option<i32>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub date_precision: DatePrecision,
    pub venue_city: String,
    pub venue_country: String,
    pub region: Region,
    pub organiser: String,
    pub civil_society_access: CivilSocietyAccess,
    pub status: ConsultationStatus,
    pub notes: String,
    pub version: i32,
    #[serde(with = "crate::backup::micros")]
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
