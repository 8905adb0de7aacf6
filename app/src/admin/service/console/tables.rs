//! What the database holds, read from each engine's own catalog: tables, row counts, columns,
//! indexes and, where the engine reports it, size on disk.

use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, QueryResult, Statement, Value,
};

use crate::{
    AppError,
    admin::console::{ColumnInfo, IndexInfo, TableInfo},
};

/// The catalog queries of one engine; `?`/`$1` is the table name.
struct Catalog {
    /// Name and, where known, size in bytes.
    tables: &'static str,
    /// Name, type, nullable (`YES`/`NO` or 0/1 not-null), default.
    columns: &'static str,
    /// Index name, unique (as 0/1 or bool), comma-separated columns in order.
    indexes: &'static str,
}

const SQLITE: Catalog = Catalog {
    tables: "SELECT name, NULL FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    columns: "SELECT name, type, CASE WHEN \"notnull\" = 1 THEN 'NO' ELSE 'YES' END, dflt_value \
              FROM pragma_table_info(?) ORDER BY cid",
    indexes: "SELECT il.name, il.\"unique\", \
              (SELECT group_concat(ii.name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii) \
              FROM pragma_index_list(?) il ORDER BY il.name",
};

const POSTGRES: Catalog = Catalog {
    tables: "SELECT table_name::text, pg_total_relation_size((quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass)::bigint \
             FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             ORDER BY table_name",
    columns: "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text \
              FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 \
              ORDER BY ordinal_position",
    indexes: "SELECT i.relname::text, (CASE WHEN ix.indisunique THEN 1 ELSE 0 END)::bigint, \
              array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') \
              FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid \
              JOIN pg_namespace n ON n.oid = t.relnamespace \
              WHERE n.nspname = current_schema() AND t.relname = $1 ORDER BY i.relname",
};

const MYSQL: Catalog = Catalog {
    tables: "SELECT CAST(table_name AS CHAR), CAST(data_length + index_length AS SIGNED) \
             FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' \
             ORDER BY table_name",
    columns: "SELECT CAST(column_name AS CHAR), CAST(column_type AS CHAR), CAST(is_nullable AS CHAR), \
              CAST(column_default AS CHAR) \
              FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? \
              ORDER BY ordinal_position",
    indexes: "SELECT CAST(index_name AS CHAR), CAST(MIN(1 - non_unique) AS SIGNED), \
              CAST(GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ',') AS CHAR) \
              FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? \
              GROUP BY index_name ORDER BY index_name",
};

fn catalog(backend: DatabaseBackend) -> &'static Catalog {
    match backend {
        DatabaseBackend::Postgres => &POSTGRES,
        DatabaseBackend::MySql => &MYSQL,
        _ => &SQLITE,
    }
}

/// A table name as an identifier of `backend`.
pub fn quoted(backend: DatabaseBackend, name: &str) -> String {
    match backend {
        DatabaseBackend::MySql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

async fn rows(
    db: &DatabaseConnection,
    sql: &str,
    table: Option<&str>,
) -> Result<Vec<QueryResult>, AppError> {
    let backend = db.get_database_backend();
    let values: Vec<Value> = table.map(|table| table.into()).into_iter().collect();
    Ok(db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?)
}

/// Rows in a table, given as a quoted identifier.
pub async fn row_count(db: &DatabaseConnection, quoted_table: &str) -> Result<u64, AppError> {
    let count = rows(db, &format!("SELECT COUNT(*) FROM {quoted_table}"), None).await?;
    let count = count
        .first()
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or_default();
    Ok(u64::try_from(count).unwrap_or_default())
}

fn text(row: &QueryResult, index: usize) -> Result<Option<String>, AppError> {
    Ok(row.try_get_by_index::<Option<String>>(index)?)
}

pub async fn tables(db: &DatabaseConnection) -> Result<Vec<TableInfo>, AppError> {
    let backend = db.get_database_backend();
    let catalog = catalog(backend);
    let mut tables = Vec::new();
    for row in rows(db, catalog.tables, None).await? {
        let name = text(&row, 0)?.unwrap_or_default();
        let size_bytes = row
            .try_get_by_index::<Option<i64>>(1)
            .ok()
            .flatten()
            .and_then(|size| u64::try_from(size).ok());
        let row_count = row_count(db, &quoted(backend, &name)).await?;
        let mut columns = Vec::new();
        for column in rows(db, catalog.columns, Some(&name)).await? {
            columns.push(ColumnInfo {
                name: text(&column, 0)?.unwrap_or_default(),
                data_type: text(&column, 1)?.unwrap_or_default(),
                nullable: text(&column, 2)?.is_some_and(|nullable| nullable == "YES"),
                default: text(&column, 3)?,
            });
        }
        let mut indexes = Vec::new();
        for index in rows(db, catalog.indexes, Some(&name)).await? {
            indexes.push(IndexInfo {
                name: text(&index, 0)?.unwrap_or_default(),
                unique: index.try_get_by_index::<i64>(1)? == 1,
                columns: text(&index, 2)?
                    .unwrap_or_default()
                    .split(',')
                    .filter(|column| !column.is_empty())
                    .map(str::to_string)
                    .collect(),
            });
        }
        tables.push(TableInfo {
            name,
            row_count,
            size_bytes,
            columns,
            indexes,
        });
    }
    Ok(tables)
}
