//! Per-day counters for admin analytics, kept from the events as they are handled: events per
//! day, expenses created per day (one per `expense.created`, the count of an import), and the
//! users active on a day.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::Expr,
    sea_query::ExprTrait,
};

use super::Event;
use crate::server::entities::{
    daily_active_users, daily_counters,
    prelude::{DailyActiveUsers, DailyCounters, Users},
};

pub const EVENTS: &str = "events";
pub const EXPENSES_CREATED: &str = "expenses_created";

/// The counter day of an instant: its UTC date.
pub fn day_of(at: DateTime<Utc>) -> String {
    at.date_naive().format("%Y-%m-%d").to_string()
}

pub async fn on_event(db: &impl ConnectionTrait, event: &Event) -> Result<(), DbErr> {
    let day = day_of(event.created_at);
    add(db, &day, EVENTS, 1).await?;
    let created = match event.kind.as_str() {
        "expense.created" => 1,
        "expense.imported" => event.payload["imported"].as_i64().unwrap_or(0),
        _ => 0,
    };
    if created > 0 {
        add(db, &day, EXPENSES_CREATED, created).await?;
    }
    if let Some(user_id) = event.user_id {
        mark_active(db, &day, user_id).await?;
    }
    Ok(())
}

async fn add(db: &impl ConnectionTrait, day: &str, name: &str, by: i64) -> Result<(), DbErr> {
    let updated = DailyCounters::update_many()
        .col_expr(
            daily_counters::Column::Value,
            Expr::col(daily_counters::Column::Value).add(by),
        )
        .filter(daily_counters::Column::Day.eq(day))
        .filter(daily_counters::Column::Name.eq(name))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        // Two first events of a day racing: the loser's transaction fails on the primary key
        // and the event is delivered again, finding the row then.
        DailyCounters::insert(daily_counters::ActiveModel {
            day: Set(day.to_string()),
            name: Set(name.to_string()),
            value: Set(by),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

async fn mark_active(db: &impl ConnectionTrait, day: &str, user_id: i64) -> Result<(), DbErr> {
    let seen = DailyActiveUsers::find_by_id((day.to_string(), user_id))
        .one(db)
        .await?
        .is_some();
    // A deleted user's events still count, but their day is not kept.
    if seen || Users::find_by_id(user_id).one(db).await?.is_none() {
        return Ok(());
    }
    DailyActiveUsers::insert(daily_active_users::ActiveModel {
        day: Set(day.to_string()),
        user_id: Set(user_id),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
