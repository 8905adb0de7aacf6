//! Query analytics and usage for administrators, over a window of UTC days. Queries are read as
//! (series, time) pairs and counted per day here rather than in SQL, so one code path serves
//! the three engines, whose date functions differ; usage comes from the per-day counters the
//! event handlers keep.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use crate::{
    AppError,
    admin::analytics::{
        AdminAnalytics, CountSeries, DEFAULT_DAYS, DailyCounts, MAX_DAYS, ReceiptStorage,
        SlowQuery, UnansweredQuestion,
    },
    analytics::service::top_queries,
    events::counters,
    server::{
        Viewer, clock,
        entities::{
            chat_messages, daily_active_users, daily_counters, prelude::*, query_log, receipts,
        },
        sql::sum_as_i64,
    },
};

const SLOWEST: u64 = 10;
const UNANSWERED: usize = 20;
/// The latest unanswered questions read to find the most repeated ones.
const UNANSWERED_SCANNED: u64 = 1_000;

/// The first day of a window of `days` days ending today, and its start as an instant.
#[derive(Clone, Copy)]
struct Window {
    days: u32,
    first: NaiveDate,
}

impl Window {
    fn new(days: Option<u32>) -> Result<Self, AppError> {
        let days = days.unwrap_or(DEFAULT_DAYS);
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(AppError::validation(
                "days",
                format!("days must be between 1 and {MAX_DAYS}."),
            ));
        }
        let today = clock::now().date_naive();
        Ok(Self {
            days,
            first: today - Duration::days(i64::from(days) - 1),
        })
    }

    fn since(self) -> DateTime<Utc> {
        self.first.and_time(chrono::NaiveTime::MIN).and_utc()
    }

    /// Adds up `(series, day, amount)` per day and series; every day of the window is present.
    fn count(self, events: impl IntoIterator<Item = (String, NaiveDate, u64)>) -> DailyCounts {
        let days: Vec<NaiveDate> = (0..self.days)
            .map(|offset| self.first + Duration::days(i64::from(offset)))
            .collect();
        let mut series: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (name, day, amount) in events {
            let Ok(index) = usize::try_from((day - self.first).num_days()) else {
                continue;
            };
            if let Some(slot) = series
                .entry(name)
                .or_insert_with(|| vec![0; days.len()])
                .get_mut(index)
            {
                *slot += amount;
            }
        }
        let mut series: Vec<CountSeries> = series
            .into_iter()
            .map(|(name, values)| CountSeries {
                total: values.iter().sum(),
                name,
                values,
            })
            .collect();
        series.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
        DailyCounts { days, series }
    }
}

/// Everything on the analytics page.
pub async fn analytics(
    db: &DatabaseConnection,
    viewer: &Viewer,
    days: Option<u32>,
) -> Result<AdminAnalytics, AppError> {
    viewer.require_admin()?;
    let window = Window::new(days)?;
    Ok(AdminAnalytics {
        days: window.days,
        top_queries: top_queries(db, viewer, true, Some(window.since())).await?,
        queries_per_day: queries_per_day(db, window).await?,
        slowest: slowest(db, window).await?,
        unanswered: unanswered(db, window).await?,
        usage_per_day: usage_per_day(db, window).await?,
        receipt_storage: receipt_storage(db).await?,
    })
}

/// Queries run per day, a series per origin (`GET /analytics/trends?metric=queries`).
pub async fn query_trends(
    db: &DatabaseConnection,
    viewer: &Viewer,
    days: Option<u32>,
) -> Result<DailyCounts, AppError> {
    viewer.require_admin()?;
    queries_per_day(db, Window::new(days)?).await
}

async fn queries_per_day(
    db: &impl ConnectionTrait,
    window: Window,
) -> Result<DailyCounts, AppError> {
    let runs: Vec<(String, DateTime<Utc>)> = QueryLog::find()
        .select_only()
        .column(query_log::Column::Origin)
        .column(query_log::Column::CreatedAt)
        .filter(query_log::Column::CreatedAt.gte(window.since()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(window.count(
        runs.into_iter()
            .map(|(origin, at)| (origin, at.date_naive(), 1)),
    ))
}

async fn slowest(db: &impl ConnectionTrait, window: Window) -> Result<Vec<SlowQuery>, AppError> {
    Ok(QueryLog::find()
        .filter(query_log::Column::CreatedAt.gte(window.since()))
        .order_by_desc(query_log::Column::DurationMs)
        .order_by_desc(query_log::Column::Id)
        .limit(SLOWEST)
        .all(db)
        .await?
        .into_iter()
        .map(|run| SlowQuery {
            sql: run.sql,
            origin: run.origin,
            duration_ms: i64::from(run.duration_ms),
            status: run.status,
            created_at: run.created_at,
        })
        .collect())
}

#[derive(serde::Deserialize)]
struct Asked {
    #[serde(default)]
    question: String,
}

/// The questions most often answered with "I did not understand" (no SQL run), case aside.
async fn unanswered(
    db: &impl ConnectionTrait,
    window: Window,
) -> Result<Vec<UnansweredQuestion>, AppError> {
    let answers: Vec<(Option<String>, DateTime<Utc>)> = ChatMessages::find()
        .select_only()
        .column(chat_messages::Column::ResultJson)
        .column(chat_messages::Column::CreatedAt)
        .filter(chat_messages::Column::Role.eq("assistant"))
        .filter(chat_messages::Column::Sql.is_null())
        .filter(chat_messages::Column::CreatedAt.gte(window.since()))
        .order_by_desc(chat_messages::Column::Id)
        .limit(UNANSWERED_SCANNED)
        .into_tuple()
        .all(db)
        .await?;
    let mut grouped: HashMap<String, UnansweredQuestion> = HashMap::new();
    for (stored, at) in answers {
        // Every answer keeps the question it answered (see the assistant's history).
        let Some(Asked { question }) = stored.and_then(|json| serde_json::from_str(&json).ok())
        else {
            continue;
        };
        if question.is_empty() {
            continue;
        }
        let entry = grouped
            .entry(question.to_lowercase())
            .or_insert_with(|| UnansweredQuestion {
                question: question.clone(),
                times: 0,
                last_asked_at: at,
            });
        entry.times += 1;
        entry.last_asked_at = entry.last_asked_at.max(at);
    }
    let mut unanswered: Vec<UnansweredQuestion> = grouped.into_values().collect();
    unanswered.sort_by(|a, b| {
        b.times
            .cmp(&a.times)
            .then_with(|| b.last_asked_at.cmp(&a.last_asked_at))
    });
    unanswered.truncate(UNANSWERED);
    Ok(unanswered)
}

/// Distinct active users and expenses created per day, from the event handlers' counters.
async fn usage_per_day(db: &impl ConnectionTrait, window: Window) -> Result<DailyCounts, AppError> {
    let first = counters::day_of(window.since());
    let active: Vec<String> = DailyActiveUsers::find()
        .select_only()
        .column(daily_active_users::Column::Day)
        .filter(daily_active_users::Column::Day.gte(first.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let created: Vec<(String, i64)> = DailyCounters::find()
        .select_only()
        .column(daily_counters::Column::Day)
        .column(daily_counters::Column::Value)
        .filter(daily_counters::Column::Day.gte(first.as_str()))
        .filter(daily_counters::Column::Name.eq(counters::EXPENSES_CREATED))
        .into_tuple()
        .all(db)
        .await?;
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let events = active
        .iter()
        .filter_map(|text| Some(("active_users".to_string(), day(text)?, 1)))
        .chain(created.iter().filter_map(|(text, value)| {
            Some((
                counters::EXPENSES_CREATED.to_string(),
                day(text)?,
                u64::try_from(*value).ok()?,
            ))
        }));
    Ok(window.count(events))
}

async fn receipt_storage(db: &impl ConnectionTrait) -> Result<ReceiptStorage, AppError> {
    let backend = db.get_database_backend();
    let (receipts, bytes): (i64, Option<i64>) = Receipts::find()
        .select_only()
        .column_as(receipts::Column::Id.count(), "receipts")
        .column_as(
            sum_as_i64(backend, Expr::col(receipts::Column::ByteSize)),
            "bytes",
        )
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok(ReceiptStorage {
        receipts: receipts.try_into().unwrap_or_default(),
        bytes: bytes.unwrap_or_default().try_into().unwrap_or_default(),
    })
}
