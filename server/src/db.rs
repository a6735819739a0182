//! Database pool and migrations.
//!
//! The pool connects lazily and checks connections before handing them out, so the app
//! starts even if PostgreSQL is not up yet, answers 503 on /readyz while it is down, and
//! recovers by itself when it comes back.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

pub fn pool(database_url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    let options: PgConnectOptions = database_url.parse()?;
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(3))
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(true)
        .connect_lazy_with(options.application_name("si-siao")))
}

/// Runs the pending migrations, retrying while the database is unreachable (start-up order
/// of containers or services must not matter).
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    let mut delay = Duration::from_millis(250);
    loop {
        match sqlx::migrate!("../migrations").run(pool).await {
            Err(sqlx::migrate::MigrateError::Execute(sqlx::Error::PoolTimedOut))
            | Err(sqlx::migrate::MigrateError::Execute(sqlx::Error::Io(_))) => {
                tracing::warn!(?delay, "database not reachable yet, retrying migrations");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(10));
            }
            other => return other,
        }
    }
}
