use sea_orm::entity::prelude::*;

/// One row once the scorecard's counts were built from the record (see `services::tallies`).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tallies_built")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub built_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
