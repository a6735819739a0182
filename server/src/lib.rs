//! The SI SIAO HTTP server: configuration, database, router.

pub mod config;
pub mod db;
pub mod health;
pub mod telemetry;

use axum::{routing::get, Router};
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::PgPool;

use app::{settings::UiSettings, state::AppState};
use config::Config;

/// Name of the wasm-bindgen output in `<site_root>/pkg/` (see scripts/build).
pub const OUTPUT_NAME: &str = "siao";

pub fn app_state(config: &Config, pool: PgPool) -> AppState {
    let leptos_options = LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.bind_addr)
        .env(Env::PROD)
        .build();
    AppState {
        leptos_options,
        pool,
        ui: UiSettings {
            state_branding: config.state_branding,
            demo_mode: config.demo_mode,
        },
    }
}

/// The whole router: probes, pages, server functions, static files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .leptos_routes(&state, routes, move || app::shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
