//! Compares the entities with the live tables, so a migration the entities forgot to follow (or
//! the reverse) shows up in a test instead of as a decoding error in production.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, IdenStatic,
    Iterable, Statement,
};

use super::{
    activity, budgets, categories, chat_messages, daily_active_users, daily_counters, emails,
    expenses, notifications, processed_events, query_log, receipts, sessions, users, worker_leases,
};

/// One human-readable line per difference between the entities and the database (missing table,
/// missing column, extra column, nullability). Empty when they agree.
pub async fn mismatches(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let mut lines = Vec::new();
    lines.extend(table_mismatches::<users::Entity>(db).await?);
    lines.extend(table_mismatches::<sessions::Entity>(db).await?);
    lines.extend(table_mismatches::<categories::Entity>(db).await?);
    lines.extend(table_mismatches::<receipts::Entity>(db).await?);
    lines.extend(table_mismatches::<expenses::Entity>(db).await?);
    lines.extend(table_mismatches::<budgets::Entity>(db).await?);
    lines.extend(table_mismatches::<chat_messages::Entity>(db).await?);
    lines.extend(table_mismatches::<query_log::Entity>(db).await?);
    lines.extend(table_mismatches::<activity::Entity>(db).await?);
    lines.extend(table_mismatches::<notifications::Entity>(db).await?);
    lines.extend(table_mismatches::<emails::Entity>(db).await?);
    lines.extend(table_mismatches::<processed_events::Entity>(db).await?);
    lines.extend(table_mismatches::<daily_counters::Entity>(db).await?);
    lines.extend(table_mismatches::<daily_active_users::Entity>(db).await?);
    lines.extend(table_mismatches::<worker_leases::Entity>(db).await?);
    Ok(lines)
}

struct LiveColumn {
    name: String,
    nullable: bool,
}

async fn table_mismatches<E: EntityTrait>(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let table = E::default().table_name();
    let live = live_columns(db, table).await?;
    if live.is_empty() {
        return Ok(vec![format!("{table}: table is missing from the database")]);
    }

    let mut lines = Vec::new();
    for column in E::Column::iter() {
        let name = column.as_str();
        let entity_nullable = column.def().is_null();
        match live.iter().find(|live| live.name == name) {
            None => lines.push(format!(
                "{table}.{name}: in the entity, missing from the database"
            )),
            Some(live) if live.nullable != entity_nullable => lines.push(format!(
                "{table}.{name}: the entity says {}, the database says {}",
                nullability(entity_nullable),
                nullability(live.nullable),
            )),
            Some(_) => {}
        }
    }
    for live in &live {
        if !E::Column::iter().any(|column| column.as_str() == live.name) {
            lines.push(format!(
                "{table}.{}: in the database, missing from the entity",
                live.name
            ));
        }
    }
    Ok(lines)
}

fn nullability(nullable: bool) -> &'static str {
    if nullable { "NULL" } else { "NOT NULL" }
}

/// The table's columns in declaration order; empty when the table does not exist.
async fn live_columns(db: &DatabaseConnection, table: &str) -> Result<Vec<LiveColumn>, DbErr> {
    let backend = db.get_database_backend();
    // Casts pin the result types: information_schema uses domain types sqlx will not decode.
    let sql = match backend {
        DbBackend::Sqlite => {
            r#"SELECT name AS name, CASE WHEN "notnull" = 0 THEN 1 ELSE 0 END AS nullable
               FROM pragma_table_info(?) ORDER BY cid"#
        }
        DbBackend::Postgres => {
            "SELECT CAST(column_name AS TEXT) AS name,
                    CAST(CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS BIGINT) AS nullable
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1
             ORDER BY ordinal_position"
        }
        DbBackend::MySql => {
            "SELECT CAST(column_name AS CHAR) AS name,
                    CAST(CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS SIGNED) AS nullable
             FROM information_schema.columns
             WHERE table_schema = DATABASE() AND table_name = ?
             ORDER BY ordinal_position"
        }
        other => {
            return Err(DbErr::BackendNotSupported {
                db: other.as_str(),
                ctx: "schema_check::mismatches",
            });
        }
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [table.into()]))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(LiveColumn {
                name: row.try_get("", "name")?,
                nullable: row.try_get::<i64>("", "nullable")? != 0,
            })
        })
        .collect()
}
