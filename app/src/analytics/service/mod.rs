//! Analytics over the viewer's expenses, aggregated in SQL and cached per user by data version
//! (every change bumps it, so a cached figure is never stale, on any instance).

mod cache;
mod overview;
mod top_queries;
mod trends;

pub use cache::AnalyticsCache;
pub use overview::overview;
pub use top_queries::top_queries;
pub use trends::trends;

use sea_orm::{ColumnTrait, Condition};

use crate::server::{Viewer, entities::expenses};

/// The viewer's expenses in their base currency between two dates, inclusive.
fn in_base_currency(viewer: &Viewer, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Condition {
    Condition::all()
        .add(expenses::Column::UserId.eq(viewer.user_id))
        .add(expenses::Column::Currency.eq(viewer.base_currency.code))
        .add(expenses::Column::SpentOn.between(from, to))
}
