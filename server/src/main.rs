use std::net::SocketAddr;

use server::{config::Config, db, demo, router, telemetry};
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    telemetry::init(config.log_json);
    let pool = db::pool(&config.database_url, config.db_max_connections)?;
    db::migrate(&pool).await?;
    if config.demo_mode {
        demo::seed(&pool).await?;
        demo::print_accounts(&config.app_base_url);
    }
    // Expired sessions are purged hourly (any app server may do it: the DELETE is idempotent).
    let store = PostgresStore::new(pool.clone());
    tokio::spawn(store.continuously_delete_expired(tokio::time::Duration::from_secs(3600)));

    let state = server::app_state(&config, pool)?;
    server::start_workers(&config, &state)?;
    let listener = tokio::net::TcpListener::bind(config.bind_addr).await?;
    tracing::info!(addr = %config.bind_addr, url = %config.app_base_url, "SI SIAO listening");
    axum::serve(listener, router(&config, state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM (orchestrators) or Ctrl-C: in-flight requests are finished first.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
