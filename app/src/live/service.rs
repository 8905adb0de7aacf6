//! Watching a user's data version. Each open stream asks the database once per interval (one
//! primary-key lookup joined to the session), which also ends the stream as soon as the session
//! is revoked or expires, on whichever instance that happened.

use std::time::Duration;

use futures_util::{Stream, stream};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, RelationTrait,
    sea_query::JoinType,
};

use super::DataChanged;
use crate::server::{
    Viewer, clock,
    entities::{prelude::Users, sessions, users},
};

/// How often an open stream looks for changes; "within a second" for the dashboard.
pub const POLL_EVERY: Duration = Duration::from_millis(500);

/// The user's data version while the viewer's session is live; `None` once it is not.
async fn live_version(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<Option<i64>, sea_orm::DbErr> {
    Users::find()
        .select_only()
        .column(users::Column::DataVersion)
        .join(JoinType::InnerJoin, users::Relation::Sessions.def())
        .filter(users::Column::Id.eq(viewer.user_id))
        .filter(users::Column::DisabledAt.is_null())
        .filter(sessions::Column::Id.eq(viewer.session_id))
        .filter(sessions::Column::RevokedAt.is_null())
        .filter(sessions::Column::ExpiresAt.gt(clock::now()))
        .into_tuple()
        .one(db)
        .await
}

/// Yields every new data version after the viewer's; ends when the session does.
pub fn data_changes(
    db: DatabaseConnection,
    viewer: Viewer,
    every: Duration,
) -> impl Stream<Item = DataChanged> + Send + 'static {
    let ticker = tokio::time::interval(every);
    stream::unfold(
        (db, viewer.clone(), viewer.data_version, ticker),
        |(db, viewer, mut seen, mut ticker)| async move {
            loop {
                ticker.tick().await;
                match live_version(&db, &viewer).await {
                    Ok(Some(version)) if version != seen => {
                        seen = version;
                        let change = DataChanged {
                            data_version: version,
                        };
                        return Some((change, (db, viewer, seen, ticker)));
                    }
                    Ok(Some(_)) => {}
                    Ok(None) => return None,
                    // A passing database hiccup: keep the stream, try again next tick.
                    Err(error) => tracing::warn!(%error, "could not read the data version"),
                }
            }
        },
    )
}
