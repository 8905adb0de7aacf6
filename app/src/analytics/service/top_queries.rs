//! The queries run most often, from the query log (filled by the assistant and the admin
//! console), with how fast and how reliably they ran; an empty list until they exist.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func},
};

use crate::{
    AppError,
    analytics::TopQuery,
    server::{
        Viewer,
        entities::{prelude::QueryLog, query_log},
        sql::sum_as_i64,
    },
};

const LIMIT: u64 = 20;
/// The latest runs of each top query that its percentiles are taken over (one query each; the
/// counts and error totals come from the grouping query itself).
const SAMPLE: u64 = 1_000;
const OK: &str = "ok";

/// The viewer's own queries; with `everyone` (admins only) every user's. `since` narrows the
/// log to a window.
pub async fn top_queries(
    db: &DatabaseConnection,
    viewer: &Viewer,
    everyone: bool,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<TopQuery>, AppError> {
    if everyone {
        viewer.require_admin()?;
    }
    let mut scope = Condition::all();
    if !everyone {
        scope = scope.add(query_log::Column::UserId.eq(viewer.user_id));
    }
    if let Some(since) = since {
        scope = scope.add(query_log::Column::CreatedAt.gte(since));
    }
    let failed = Expr::case(query_log::Column::Status.ne(OK), 1).finally(0);
    let rows: Vec<(String, String, String, i64, i64, DateTime<Utc>)> = QueryLog::find()
        .select_only()
        .column(query_log::Column::Fingerprint)
        .column_as(query_log::Column::Sql.max(), "sql")
        .column_as(query_log::Column::Origin.max(), "origin")
        .column_as(query_log::Column::Id.count(), "count")
        .column_as(
            sum_as_i64(db.get_database_backend(), failed.into()),
            "errors",
        )
        .column_as(query_log::Column::CreatedAt.max(), "last_run_at")
        .filter(scope.clone())
        .group_by(query_log::Column::Fingerprint)
        .order_by_desc(Expr::expr(Func::count(Expr::col(query_log::Column::Id))))
        .order_by_asc(query_log::Column::Fingerprint)
        .limit(LIMIT)
        .into_tuple()
        .all(db)
        .await?;
    let mut top = Vec::with_capacity(rows.len());
    for (fingerprint, sql, origin, count, errors, last_run_at) in rows {
        let durations = latest_durations(db, scope.clone(), &fingerprint).await?;
        top.push(TopQuery {
            errors,
            p50_ms: percentile(&durations, 50),
            p95_ms: percentile(&durations, 95),
            fingerprint,
            sql,
            origin,
            count,
            last_run_at,
        });
    }
    Ok(top)
}

/// Durations of the latest runs of one fingerprint, shortest first.
async fn latest_durations(
    db: &DatabaseConnection,
    scope: Condition,
    fingerprint: &str,
) -> Result<Vec<i64>, AppError> {
    let latest: Vec<i32> = QueryLog::find()
        .select_only()
        .column(query_log::Column::DurationMs)
        .filter(scope.add(query_log::Column::Fingerprint.eq(fingerprint)))
        .order_by_desc(query_log::Column::Id)
        .limit(SAMPLE)
        .into_tuple()
        .all(db)
        .await?;
    let mut durations: Vec<i64> = latest.into_iter().map(i64::from).collect();
    durations.sort_unstable();
    Ok(durations)
}

/// The nearest-rank percentile of sorted values; 0 for none.
fn percentile(sorted: &[i64], percent: usize) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(percentile(&[], 50), 0);
        assert_eq!(percentile(&[7], 95), 7);
        let hundred: Vec<i64> = (1..=100).collect();
        assert_eq!(percentile(&hundred, 50), 50);
        assert_eq!(percentile(&hundred, 95), 95);
        assert_eq!(percentile(&[1, 2, 3, 1000], 50), 2);
        assert_eq!(percentile(&[1, 2, 3, 1000], 95), 1000);
    }
}
