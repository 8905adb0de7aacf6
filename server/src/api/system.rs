use app::{admin::emails::BrokerState, server::AppState};
use axum::{Json, extract::State, http::StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the process answers.
    status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ok` when every dependency answers, `unavailable` otherwise.
    status: &'static str,
    /// `ok` or `unavailable`.
    database: &'static str,
    broker: BrokerState,
}

/// Liveness: the process is up and serving requests.
#[utoipa::path(get, path = "/health", tag = "system", responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Readiness: the database answers and, when one is configured, the message broker does. While
/// the broker is away events wait in the outbox; the instance still serves, but a load balancer
/// should know.
#[utoipa::path(
    get,
    path = "/ready",
    tag = "system",
    responses((status = 200, body = Readiness), (status = 503, body = Readiness))
)]
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let database = match state.db.ping().await {
        Ok(()) => "ok",
        Err(error) => {
            tracing::warn!(%error, "readiness: database unreachable");
            "unavailable"
        }
    };
    let broker = state.broker.state();
    let ready = database == "ok" && state.broker.is_ready();
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Readiness {
            status: if ready { "ok" } else { "unavailable" },
            database,
            broker,
        }),
    )
}
