use sea_orm::entity::prelude::*;

use crate::types::{Delivery, NoticeKind, Rating};

/// What a change told one person, written in the change's transaction.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i32,
    pub kind: NoticeKind,
    pub subject: String,
    pub detail: String,
    pub href: String,
    /// A rating's value, for a rating's notification.
    pub rating: Option<Rating>,
    #[serde(with = "crate::backup::micros")]
    pub created_at: DateTimeUtc,
    #[serde(with = "crate::backup::micros::opt")]
    pub read_at: Option<DateTimeUtc>,
    pub delivery: Delivery,
    #[serde(with = "crate::backup::micros::opt")]
    pub emailed_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
