use sea_orm::entity::prelude::*;

/// Which events a handler has applied: written in the same transaction as the handler's effect,
/// so a redelivered event is recognised and skipped.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "processed_events")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        column_type = "String(StringLen::N(32))"
    )]
    pub handler: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: i64,
    pub processed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
