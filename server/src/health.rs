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
    let ping = sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&state.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
