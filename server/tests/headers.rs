//! Security headers on every kind of answer; the page's policy names the nonce its scripts carry.

mod common;

use common::{seed, spawn_app, spawn_app_with};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn every_answer_carries_the_security_headers(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool).await;
    let page = app.get("/connexion").await;
    let answers = [
        page,
        app.get("/page-inexistante").await,
        app.call("/api/ui/service_status", &[]).await,
        app.call("/api/auth/login", &[("email", "x".into()), ("password", "x".into())]).await,
        app.get("/healthz").await,
    ];
    for res in &answers {
        let h = res.headers();
        let url = res.url().path();
        assert_eq!(h["x-frame-options"], "DENY", "{url}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{url}");
        assert_eq!(h["referrer-policy"], "same-origin", "{url}");
        assert!(h["permissions-policy"].to_str().unwrap().contains("camera=()"), "{url}");
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{url}");
        assert_eq!(h["cache-control"], "no-store", "{url}: pages and answers may hold personal data");
        assert!(h.get("strict-transport-security").is_none(), "plain HTTP in tests: no HSTS");
    }
    let [page, not_found, ..] = answers;
    for page in [page, not_found] {
        let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
        let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce").to_string();
        assert!(
            csp.contains("object-src 'none'") && csp.contains("base-uri 'none'") && csp.contains("'wasm-unsafe-eval'")
        );
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the policy's nonce");
        assert!(!html.contains("<script>"), "no inline script without the nonce");
    }
    let again = app.get("/connexion").await.headers()["content-security-policy"].clone();
    let first = app.get("/connexion").await.headers()["content-security-policy"].clone();
    assert_ne!(again, first, "a fresh nonce for every page");
}

#[sqlx::test(migrations = "../migrations")]
async fn hsts_is_sent_when_the_site_is_https_only(pool: PgPool) {
    let app = spawn_app_with(pool, |c| c.secure_cookies = true).await;
    let res = app.get("/healthz").await;
    assert!(res.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
}
