//! State shared by every request on the server: database pool, mailer, Leptos options, settings.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

use crate::auth::mail::Mailer;
use crate::settings::UiSettings;

/// The axum state; also provided as Leptos context to server functions and pages.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub mailer: Mailer,
    pub ui: UiSettings,
    /// Profiles that must use the second factor (TOTP).
    pub totp_required: Vec<crate::rights::model::Profile>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none: the TCP peer is the client).
    pub trusted_proxies: Vec<crate::net::Cidr>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from a server function or page loader. Absent only when the app is rendered outside
/// a request (route discovery at start-up): then nothing may be loaded.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or(crate::error::AppError::Internal)
}

/// The database answers a trivial query (readiness probe, service status).
pub async fn database_answers(pool: &PgPool) -> bool {
    sqlx::query_scalar!("SELECT 1 AS one").fetch_one(pool).await.is_ok()
}

/// Name of a département, by code (the bare primary-key read of the benchmarks' ceiling).
pub async fn departement_name(pool: &PgPool, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!("SELECT nom FROM departements WHERE code = $1", code).fetch_optional(pool).await
}
