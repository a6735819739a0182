use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the "État du service" panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStatus {
    pub database_ok: bool,
    pub version: String,
}

/// Checks that the database answers. Public: it reveals nothing but availability.
#[server(prefix = "/api/ui", endpoint = "service_status")]
pub async fn check_service() -> Result<ServiceStatus, crate::error::AppError> {
    let state = crate::state::app_state()?;
    let database_ok = sqlx::query_scalar::<_, i32>("SELECT 1")
        .fetch_one(&state.pool)
        .await
        .is_ok();
    Ok(ServiceStatus {
        database_ok,
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}
