use sea_orm::entity::prelude::*;

use crate::types::{Delivery, NoticeKind};

/// How one person wants one kind of notification delivered (no row: the kind's default).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "notification_choices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: NoticeKind,
    pub delivery: Delivery,
}

impl ActiveModelBehavior for ActiveModel {}
