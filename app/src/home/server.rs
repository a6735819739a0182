use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::handler::server_fns;
#[cfg(feature = "ssr")]
use crate::handler::Public;

/// What the "État du service" panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStatus {
    pub database_ok: bool,
    pub version: String,
}

server_fns! {
    CheckService => public,
}

/// Checks that the database answers. Public: it reveals nothing but availability.
#[server(prefix = "/api/ui", endpoint = "service_status")]
pub async fn check_service() -> Result<ServiceStatus, AppError> {
    CheckService::run(async |cx| {
        Ok(ServiceStatus {
            database_ok: crate::state::database_answers(cx.db()).await,
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    })
    .await
}
