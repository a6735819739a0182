//! The SI SIAO HTTP server: configuration, database, sessions, CSRF guard, router.

pub mod config;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod errors;
pub mod fake;
pub mod headers;
pub mod health;
pub mod telemetry;

use axum::{handler::Handler, middleware, routing::get, Router};
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sqlx::PgPool;
use tower_http::{compression::CompressionLayer, services::ServeDir};
use tower_sessions::{cookie::time::Duration, cookie::SameSite, Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use app::outbox::sender::{self, Mailer, Wake};
use app::settings::UiSettings;
use app::state::{AppState, Assets};
use config::Config;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "siao_session";

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Mail(#[from] sender::MailConfigError),
    #[error("asset manifest: {0}")]
    Assets(String),
}

/// The state shared by requests.
pub fn app_state(config: &Config, pool: PgPool) -> Result<AppState, StartError> {
    let assets = Assets::load(&config.site_root).map_err(StartError::Assets)?;
    let leptos_options = LeptosOptions::builder()
        .output_name(assets.pkg.as_str())
        .site_root(config.site_root.as_str())
        .site_pkg_dir("assets")
        .site_addr(config.bind_addr)
        .env(Env::PROD)
        .build();
    Ok(AppState {
        assets,
        leptos_options,
        base_url: config.app_base_url.clone(),
        outbox: Wake::default(),
        pool,
        ui: UiSettings { state_branding: config.state_branding, demo_mode: config.demo_mode },
        totp_required: config.totp_required.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
    })
}

/// Starts the background work of this instance: the outbox's sender.
pub fn start_workers(config: &Config, state: &AppState) -> Result<(), StartError> {
    let mailer = Mailer::new(&config.smtp_url, &config.mail_from)?;
    tokio::spawn(sender::run(state.pool.clone(), mailer, state.outbox.clone()));
    Ok(())
}

/// The whole router: probes, pages, server functions, static files; sessions and CSRF guard.
pub fn router(config: &Config, state: AppState) -> Router {
    // Static files as built (brotli or gzip when the browser takes it); anything else is the 404 page.
    let not_found = leptos_axum::file_and_error_handler::<AppState, _>(app::shell).with_state(state.clone());
    let statics = ServeDir::new(&config.site_root).precompressed_br().precompressed_gzip().fallback(not_found);
    let routes = route_list();
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(PostgresStore::new(state.pool.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_secure(config.secure_cookies)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(Duration::minutes(app::auth::session::IDLE_TIMEOUT_MINUTES)));
    let allowed = csrf::AllowedOrigins::from_base_url(&config.app_base_url);
    // The DUI API: tokens, not cookies; its own errors, body limit and journal (app::interop::api).
    let api = Router::new().nest("/api/v1", app::interop::api::router(state.clone()));
    let site = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/healthz/db", get(health::row))
        .leptos_routes(&state, routes, move || app::shell(options.clone()))
        .fallback_service(statics)
        .layer(middleware::from_fn(errors::set_status))
        .layer(middleware::from_fn(app::auth::session::cache_layer))
        .layer(sessions)
        .layer(middleware::from_fn(errors::limit_body))
        .layer(middleware::from_fn_with_state(allowed, csrf::check))
        .with_state(state);
    api.merge(site)
        .layer(middleware::from_fn_with_state(headers::SecurityHeaders { https: config.secure_cookies }, headers::set))
        .layer(CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
}

/// The application's routes, generated once per process. Generating them renders the app with resource
/// loading suspended process-wide (Leptos' `SuppressResourceLoad`): a page rendered at that moment by
/// another router of the same process would wait forever on its resources (leptos-rs/leptos#4773). In
/// production there is one router, built before serving; the tests build many, concurrently.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}
