//! Spending over time, bucketed by day, week or month and split by category or merchant.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr,
};

use super::{AnalyticsCache, cache::Key, in_base_currency};
use crate::{
    AppError,
    analytics::{Group, RangeQuery, Series, SeriesBy, Trends},
    budgets::Month,
    expenses::service::user_context,
    server::{
        Viewer,
        entities::{
            categories, expenses,
            prelude::{Categories, Expenses},
        },
        sql,
    },
};

/// Merchants beyond the biggest few are summed as "Other", or the chart becomes confetti.
const TOP_MERCHANTS: usize = 8;

/// Every bucket label of the period, oldest first, in the format the SQL buckets use.
fn bucket_labels(from: NaiveDate, to: NaiveDate, group: Group) -> Vec<String> {
    let mut labels = Vec::new();
    match group {
        Group::Day => {
            let mut day = from;
            while day <= to {
                labels.push(day.to_string());
                day += Duration::days(1);
            }
        }
        Group::Week => {
            let mut monday =
                from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
            while monday <= to {
                labels.push(monday.to_string());
                monday += Duration::days(7);
            }
        }
        Group::Month => {
            let mut month = Month::of(from);
            while month.first_day() <= to {
                labels.push(month.to_string());
                month = month.next();
            }
        }
    }
    labels
}

fn bucket_expr(db: &DatabaseConnection, group: Group) -> Expr {
    let backend = db.get_database_backend();
    match group {
        Group::Day => sql::day_of_spent_on(backend),
        Group::Week => sql::week_of_spent_on(backend),
        Group::Month => sql::month_of_spent_on(backend),
    }
}

/// (series key, bucket, total) rows, aggregated by the database.
async fn totals(
    db: &DatabaseConnection,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
    group: Group,
    by: SeriesBy,
) -> Result<Vec<(String, String, i64)>, AppError> {
    let bucket = bucket_expr(db, group);
    let key = match by {
        SeriesBy::Category => expenses::Column::CategoryId,
        SeriesBy::Merchant => expenses::Column::Merchant,
    };
    let query = Expenses::find()
        .select_only()
        .column(key)
        .column_as(bucket.clone(), "bucket")
        .column_as(sql::sum_of_amounts(db.get_database_backend()), "total")
        .filter(in_base_currency(viewer, from, to))
        .group_by(key)
        .group_by(bucket);
    Ok(match by {
        SeriesBy::Category => query
            .into_tuple::<(i64, String, i64)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, bucket, total)| (id.to_string(), bucket, total))
            .collect(),
        SeriesBy::Merchant => query.into_tuple().all(db).await?,
    })
}

async fn category_labels(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<HashMap<String, (String, String)>, AppError> {
    Ok(Categories::find()
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|category| (category.id.to_string(), (category.name, category.color)))
        .collect())
}

pub async fn trends(
    db: &DatabaseConnection,
    cache: &AnalyticsCache,
    viewer: &Viewer,
    query: &RangeQuery,
) -> Result<Trends, AppError> {
    let context = user_context(viewer);
    let period = query
        .resolve(context.today)
        .map_err(|error| AppError::validation(error.field, error.message))?;
    let key = Key {
        user_id: viewer.user_id,
        data_version: context.data_version,
        today: context.today,
        currency: viewer.base_currency.code,
        question: format!("{period:?}"),
    };
    if let Some(trends) = cache.trends(&key) {
        return Ok(trends);
    }
    let buckets = bucket_labels(period.from, period.to, period.group);
    let position: HashMap<&str, usize> = buckets
        .iter()
        .enumerate()
        .map(|(index, label)| (label.as_str(), index))
        .collect();
    let mut series: HashMap<String, Vec<i64>> = HashMap::new();
    for (key, bucket, total) in
        totals(db, viewer, period.from, period.to, period.group, period.by).await?
    {
        if let Some(&index) = position.get(bucket.as_str()) {
            series.entry(key).or_insert_with(|| vec![0; buckets.len()])[index] += total;
        }
    }
    let mut series: Vec<Series> = series
        .into_iter()
        .map(|(key, values)| Series {
            label: key.clone(),
            key,
            color: None,
            total_minor: values.iter().sum(),
            values,
        })
        .collect();
    series.sort_by(|a, b| {
        b.total_minor
            .cmp(&a.total_minor)
            .then_with(|| a.key.cmp(&b.key))
    });
    match period.by {
        SeriesBy::Category => {
            let labels = category_labels(db, viewer).await?;
            for line in &mut series {
                if let Some((name, color)) = labels.get(&line.key) {
                    line.label = name.clone();
                    line.color = Some(color.clone());
                }
            }
        }
        SeriesBy::Merchant => {
            for line in &mut series {
                if line.key.is_empty() {
                    line.label = "(no merchant)".into();
                }
            }
            if series.len() > TOP_MERCHANTS {
                let rest = series.split_off(TOP_MERCHANTS);
                let mut values = vec![0; buckets.len()];
                for line in &rest {
                    for (sum, value) in values.iter_mut().zip(&line.values) {
                        *sum += value;
                    }
                }
                series.push(Series {
                    key: "other".into(),
                    label: format!("Other ({} merchants)", rest.len()),
                    color: None,
                    total_minor: values.iter().sum(),
                    values,
                });
            }
        }
    }
    let trends = Trends {
        currency: viewer.base_currency.code.to_string(),
        from: period.from,
        to: period.to,
        group: period.group,
        by: period.by,
        buckets,
        series,
    };
    cache.keep_trends(key, &trends);
    Ok(trends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn every_bucket_of_the_period_is_labelled() {
        assert_eq!(
            bucket_labels(day("2026-02-27"), day("2026-03-02"), Group::Day),
            ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]
        );
        // 2026-03-04 is a Wednesday: its week starts on Monday the 2nd.
        assert_eq!(
            bucket_labels(day("2026-03-04"), day("2026-03-16"), Group::Week),
            ["2026-03-02", "2026-03-09", "2026-03-16"]
        );
        assert_eq!(
            bucket_labels(day("2025-12-15"), day("2026-02-01"), Group::Month),
            ["2025-12", "2026-01", "2026-02"]
        );
    }
}
