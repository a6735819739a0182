//! The SI SIAO HTTP server: configuration, database, sessions, CSRF guard, router.

pub mod config;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod errors;
pub mod headers;
pub mod health;
pub mod telemetry;

use axum::{middleware, routing::get, Router};
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::PgPool;
use tower_sessions::{cookie::time::Duration, cookie::SameSite, Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use app::{auth::mail::Mailer, settings::UiSettings, state::AppState};
use config::Config;

/// Name of the wasm-bindgen output in `<site_root>/pkg/` (see scripts/build).
pub const OUTPUT_NAME: &str = "siao";
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "siao_session";

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Mail(#[from] app::auth::mail::MailConfigError),
}

pub fn app_state(config: &Config, pool: PgPool) -> Result<AppState, StartError> {
    let leptos_options = LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.bind_addr)
        .env(Env::PROD)
        .build();
    Ok(AppState {
        leptos_options,
        mailer: Mailer::new(&config.smtp_url, &config.mail_from, &config.app_base_url)?,
        pool,
        ui: UiSettings { state_branding: config.state_branding, demo_mode: config.demo_mode },
        totp_required: config.totp_required.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
    })
}

/// The whole router: probes, pages, server functions, static files; sessions and CSRF guard.
pub fn router(config: &Config, state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(PostgresStore::new(state.pool.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_secure(config.secure_cookies)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(Duration::minutes(app::auth::session::IDLE_TIMEOUT_MINUTES)));
    let allowed = csrf::AllowedOrigins::from_base_url(&config.app_base_url);
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/healthz/db", get(health::row))
        .leptos_routes(&state, routes, move || app::shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        .layer(middleware::from_fn(errors::set_status))
        .layer(middleware::from_fn(app::auth::session::cache_layer))
        .layer(sessions)
        .layer(middleware::from_fn(errors::limit_body))
        .layer(middleware::from_fn_with_state(allowed, csrf::check))
        .layer(middleware::from_fn_with_state(headers::SecurityHeaders { https: config.secure_cookies }, headers::set))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
