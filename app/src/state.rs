//! State shared by every request on the server: database pool, outbox, Leptos options, settings.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

use crate::outbox::sender::Wake;
use crate::settings::UiSettings;

/// The axum state; also provided as Leptos context to server functions and pages.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    /// Public base URL (links in mails).
    pub base_url: String,
    /// Wakes the outbox's sender once a mail is queued.
    pub outbox: Wake,
    pub ui: UiSettings,
    /// Profiles that must use the second factor (TOTP).
    pub totp_required: Vec<crate::rights::model::Profile>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none: the TCP peer is the client).
    pub trusted_proxies: Vec<crate::net::Cidr>,
    /// Names of the fingerprinted static files.
    pub assets: Assets,
}

/// Names of the static files under `/assets/`, which carry their content's hash (or, for the DSFR,
/// its version): `site/assets.json`, written by `scripts/build`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Assets {
    /// wasm-bindgen output: `/assets/{pkg}.js` and `/assets/{pkg}_bg.wasm`.
    pub pkg: String,
    /// Our stylesheet.
    pub css: String,
    /// Folder of the DSFR.
    pub dsfr: String,
    /// Folder of Swagger UI (the viewer of the API's contract).
    #[serde(default = "default_swagger")]
    pub swagger: String,
}

fn default_swagger() -> String {
    "swagger-ui".into()
}

impl Default for Assets {
    /// The names of a site built without a manifest (never in production).
    fn default() -> Self {
        Assets { pkg: "siao".into(), css: "siao.css".into(), dsfr: "dsfr".into(), swagger: default_swagger() }
    }
}

impl Assets {
    /// Reads `assets.json` of the built site; the default names when there is none (tests that do
    /// not serve the site).
    pub fn load(site_root: &str) -> Result<Assets, String> {
        let path = std::path::Path::new(site_root).join("assets.json");
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(_) => {
                tracing::warn!(path = %path.display(), "no asset manifest: default names (build the site with scripts/build)");
                Ok(Assets::default())
            }
        }
    }

    /// URL of a file of the DSFR.
    pub fn dsfr(&self, file: &str) -> String {
        format!("/assets/{}/{file}", self.dsfr)
    }
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
