//! Structured logs with `tracing` (level from RUST_LOG, default info).

use tracing_subscriber::{fmt, EnvFilter};

pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = fmt().with_env_filter(filter);
    // Ignore the error if a subscriber is already set (tests).
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
