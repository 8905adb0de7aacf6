//! `/api/v1/events`: server-sent events for the signed-in user, so open pages update when the
//! user's data changes in another tab or on another instance.

use std::{convert::Infallible, time::Duration};

use app::{
    live::{DATA_CHANGED, DataChanged, service},
    server::{AppState, Viewer},
};
use axum::{
    Extension,
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
use tokio_util::sync::CancellationToken;

use super::json::ErrorResponse;

/// Proxies close idle connections; a comment line every 15 s keeps the stream open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A `text/event-stream` of `data_changed` events (`{"data_version": n}`), sent within about a
/// second (on PostgreSQL, at once) of any change to the user's expenses, categories, budgets or receipts. The stream
/// ends when the session does, and when the server shuts down (browsers reconnect by themselves,
/// to another instance if one is left).
#[utoipa::path(get, path = "/events", tag = "events", security(("bearer" = [])),
    responses(
        (status = 200, description = "Server-sent events", content_type = "text/event-stream", body = DataChanged),
        (status = 401, body = ErrorResponse),
    ),
)]
pub async fn stream(
    State(state): State<AppState>,
    Extension(stopping): Extension<CancellationToken>,
    viewer: Viewer,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = service::data_changes(state.db.clone(), viewer, &state.live)
        .map(|change| {
            Ok(Event::default()
                .event(DATA_CHANGED)
                .json_data(change)
                .unwrap_or_else(|_| Event::default().event(DATA_CHANGED)))
        })
        .take_until(stopping.cancelled_owned());
    Sse::new(changes).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}
