use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expenses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub category_id: i64,
    /// Always > 0 (`chk_expenses_amount_minor_positive`).
    pub amount_minor: i64,
    #[sea_orm(column_type = "String(StringLen::N(3))")]
    pub currency: String,
    pub spent_on: chrono::NaiveDate,
    #[sea_orm(column_type = "String(StringLen::N(120))")]
    pub merchant: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    /// A JSON array of strings.
    #[sea_orm(column_type = "Text")]
    pub tags: String,
    pub receipt_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Merchant, note and tags, lowercased by the app: what the list's text search reads.
    #[sea_orm(column_type = "String(StringLen::N(1600))")]
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_expenses_user_id"
    )]
    Users,
    #[sea_orm(
        belongs_to = "super::categories::Entity",
        from = "Column::CategoryId",
        to = "super::categories::Column::Id",
        on_delete = "Restrict",
        fk_name = "fk_expenses_category_id"
    )]
    Categories,
    #[sea_orm(
        belongs_to = "super::receipts::Entity",
        from = "Column::ReceiptId",
        to = "super::receipts::Column::Id",
        on_delete = "SetNull",
        fk_name = "fk_expenses_receipt_id"
    )]
    Receipts,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::categories::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Categories.def()
    }
}

impl Related<super::receipts::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Receipts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
