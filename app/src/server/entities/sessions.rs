use sea_orm::entity::prelude::*;

/// Not `Serialize`: it carries the refresh token hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub refresh_token_hash: String,
    #[sea_orm(column_type = "String(StringLen::N(36))")]
    pub family_id: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "String(StringLen::N(512))")]
    pub user_agent: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(45))")]
    pub ip: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub previous_refresh_token_hash: Option<String>,
    pub rotated_at: Option<DateTimeUtc>,
    /// The last time the password was typed again in this session (the console's write mode).
    pub password_confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id",
        on_delete = "Cascade",
        fk_name = "fk_sessions_user_id"
    )]
    Users,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
