use sea_orm::entity::prelude::*;

/// One row of the scorecard's counts (see `services::tallies`): organisation 0 and element 0
/// mean "all".
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_tallies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub draft_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub element_id: i32,
    pub demands: i32,
    pub met: i32,
    pub partly_met: i32,
    pub not_addressed: i32,
    pub contradicted: i32,
    pub by_tracker: i32,
    pub limits: i32,
    pub organisations: i32,
}

impl ActiveModelBehavior for ActiveModel {}
