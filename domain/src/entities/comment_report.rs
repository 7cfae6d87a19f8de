use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub comment_id: i32,
    pub reporter_id: Option<i32>,
    pub reason: String,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
