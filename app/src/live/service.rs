//! Watching a user's data version. A stream reads it (one primary-key lookup joined to the
//! session) when the [`ChangeFeed`] nudges it and on its recheck timer; the same read ends the
//! stream once the session is revoked or expires, on whichever instance that happened.

use futures_util::{Stream, stream};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, RelationTrait,
    sea_query::JoinType,
};
use tokio::sync::broadcast::{self, error::RecvError};

use super::{
    DataChanged,
    feed::{ChangeFeed, Nudge, POLL_WITHOUT_PUSH},
};
use crate::server::{
    Viewer, clock,
    entities::{prelude::Users, sessions, users},
};

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
    feed: &ChangeFeed,
) -> impl Stream<Item = DataChanged> + Send + use<> {
    let (nudges, recheck) = feed.subscribe();
    let watch = Watch {
        db,
        seen: viewer.data_version,
        viewer,
        nudges,
        ticker: tokio::time::interval(recheck),
    };
    stream::unfold(watch, |mut watch| async move {
        loop {
            watch.next_reason_to_look().await;
            match live_version(&watch.db, &watch.viewer).await {
                Ok(Some(version)) if version != watch.seen => {
                    watch.seen = version;
                    let change = DataChanged {
                        data_version: version,
                    };
                    return Some((change, watch));
                }
                Ok(Some(_)) => {}
                Ok(None) => return None,
                // A passing database hiccup: keep the stream, try again next time.
                Err(error) => tracing::warn!(%error, "could not read the data version"),
            }
        }
    })
}

struct Watch {
    db: DatabaseConnection,
    viewer: Viewer,
    seen: i64,
    nudges: Option<broadcast::Receiver<Nudge>>,
    ticker: tokio::time::Interval,
}

impl Watch {
    /// Waits for the recheck timer or a nudge that concerns this user.
    async fn next_reason_to_look(&mut self) {
        let user_id = self.viewer.user_id;
        let Some(nudges) = self.nudges.as_mut() else {
            self.ticker.tick().await;
            return;
        };
        tokio::select! {
            _ = self.ticker.tick() => {}
            nudge = async {
                loop {
                    match nudges.recv().await {
                        Ok(nudge) if !nudge.concerns(user_id) => {}
                        // Some notices were dropped for this slow stream: any may be its own.
                        Ok(_) | Err(RecvError::Lagged(_)) => return Some(()),
                        Err(RecvError::Closed) => return None,
                    }
                }
            } => {
                if nudge.is_none() {
                    // The listener is gone (the process is stopping): poll from now on.
                    self.nudges = None;
                    self.ticker = tokio::time::interval(POLL_WITHOUT_PUSH);
                }
            }
        }
    }
}
