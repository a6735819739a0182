//! The principal is loaded once per request, however many loaders ask (the layout and the page).
//! Alone in its test binary: it reads a process-wide counter.

mod common;

use std::sync::atomic::Ordering;

use app::auth::session::PRINCIPAL_LOADS;
use common::{demo_email, seed, spawn_app};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn a_page_loads_the_principal_once(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool).await;
    let admin = app.logged_in(&demo_email("admin.national")).await;
    let before = PRINCIPAL_LOADS.load(Ordering::Relaxed);
    let page = admin.get("/utilisateurs").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Nationale") && html.contains("table-utilisateurs"), "header and list rendered");
    assert_eq!(PRINCIPAL_LOADS.load(Ordering::Relaxed) - before, 1, "layout and page share one load");
}
