use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChatMessages::Table)
                    .col(big_pk_auto(ChatMessages::Id))
                    .col(big_integer(ChatMessages::UserId))
                    .col(string_len(ChatMessages::ConversationId, 36))
                    .col(string_len(ChatMessages::Role, 16))
                    .col(text(ChatMessages::Content))
                    .col(text_null(ChatMessages::Sql))
                    .col(text_null(ChatMessages::ResultJson))
                    .col(string_len_null(ChatMessages::Source, 16))
                    .col(integer_null(ChatMessages::LatencyMs))
                    .col(timestamp_with_time_zone(ChatMessages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_chat_messages_user_id")
                            .from(ChatMessages::Table, ChatMessages::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_chat_messages_user_conversation_id")
                    .table(ChatMessages::Table)
                    .col(ChatMessages::UserId)
                    .col(ChatMessages::ConversationId)
                    .col(ChatMessages::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ChatMessages::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ChatMessages {
    Table,
    Id,
    UserId,
    ConversationId,
    Role,
    Content,
    Sql,
    ResultJson,
    Source,
    LatencyMs,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
