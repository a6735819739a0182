//! Liveness and readiness probes for the load balancer.

use std::time::Duration;

use axum::{extract::State, http::StatusCode};

use app::state::AppState;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The app can serve requests: its database answers.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let ping = app::state::database_answers(&state.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(true) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// The bare database round trip of the benchmarks: one row read by primary key (a département of
/// the public référentiel), no session, no rendering. Pages and API answers that read the database
/// are measured against it (`scripts/bench`).
pub async fn row(State(state): State<AppState>) -> (StatusCode, String) {
    match app::state::departement_name(&state.pool, "35").await {
        Ok(Some(nom)) => (StatusCode::OK, nom),
        Ok(None) => (StatusCode::NOT_FOUND, String::new()),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, String::new()),
    }
}
