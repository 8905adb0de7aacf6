use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "receipts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub content_type: String,
    pub byte_size: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub sha256: String,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)]
    pub storage_key: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub original_name: String,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub thumbnail_key: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub ocr_text: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_receipts_user_id"
    )]
    Users,
    #[sea_orm(has_many = "super::expenses::Entity")]
    Expenses,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::expenses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Expenses.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
