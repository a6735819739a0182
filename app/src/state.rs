//! State shared by every request on the server: database pool, Leptos options, settings.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

use crate::settings::UiSettings;

/// The axum state; also provided as Leptos context to server functions and pages.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub ui: UiSettings,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
