//! Probes, server-side rendering and recovery from a database outage.

mod common;

use std::time::Duration;

use common::proxy::Proxy;
use common::spawn_app;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn probes_answer(pool: PgPool) {
    let app = spawn_app(pool).await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
}

#[sqlx::test(migrations = "../migrations")]
async fn home_page_is_rendered_on_the_server_in_french(pool: PgPool) {
    let app = spawn_app(pool).await;
    let res = app.get("/").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="fr""#), "{html}");
    assert!(html.contains(r#"class="fr-header""#), "DSFR header");
    assert!(html.contains(r#"<p class="fr-logo">"#), "Marianne block");
    assert!(html.contains("/assets/siao.js"), "hydration script (default names: no built site in this test)");
    assert!(html.contains("<title>Accueil - SI SIAO</title>"));
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_page_is_a_404(pool: PgPool) {
    let app = spawn_app(pool).await;
    let res = app.get("/pas-de-page-ici").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Page non trouvée"));
}

#[sqlx::test(migrations = "../migrations")]
async fn readiness_follows_the_database_and_recovers_without_restart(pool: PgPool) {
    let direct = pool.connect_options();
    let mut proxy = Proxy::start((direct.get_host().to_string(), direct.get_port())).await;
    let through_proxy: PgConnectOptions = (*direct).clone().host("127.0.0.1").port(proxy.port);
    let app_pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .test_before_acquire(true)
        .connect_lazy_with(through_proxy);
    let app = spawn_app(app_pool).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    proxy.cut();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(app.get("/readyz").await.status(), 503, "database down");

    proxy.restore().await;
    let mut status = 0;
    for _ in 0..50 {
        status = app.get("/readyz").await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(status, 200, "the pool reconnects by itself");
}

#[sqlx::test(migrations = "../migrations")]
async fn state_branding_can_be_turned_off(pool: PgPool) {
    let app = common::spawn_app_with(pool, |config| config.state_branding = false).await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains(r#"class="fr-header""#));
    assert!(!html.contains("fr-logo"), "no Marianne block");
    assert!(html.contains("siao-no-branding"), "no Marianne font");
}
