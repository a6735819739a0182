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
        let cache = if url == "/healthz" { "no-cache" } else { "no-store" };
        assert_eq!(h["cache-control"], cache, "{url}: pages and answers may hold personal data, the rest revalidates");
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

/// A built site in a temporary folder: one fingerprinted script, precompressed, and its manifest.
fn site() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("siao-site-{}-{}", std::process::id(), uuid::Uuid::new_v4()));
    let assets = root.join("assets");
    std::fs::create_dir_all(&assets).unwrap();
    std::fs::write(assets.join("siao-0123abcd.js"), "export default function () {}\n").unwrap();
    std::fs::write(assets.join("siao-0123abcd.js.br"), "brotli bytes").unwrap();
    std::fs::write(assets.join("siao-0123abcd.js.gz"), "gzip bytes").unwrap();
    std::fs::write(
        root.join("assets.json"),
        r#"{"pkg": "siao-0123abcd", "css": "siao-99.css", "dsfr": "dsfr-1.15.3"}"#,
    )
    .unwrap();
    root
}

#[sqlx::test(migrations = "../migrations")]
async fn assets_are_fingerprinted_precompressed_and_cached_pages_are_compressed_and_not(pool: PgPool) {
    let root = site();
    let app = spawn_app_with(pool, |c| c.site_root = root.to_string_lossy().into_owned()).await;
    let page = app.client.get(app.url("/connexion")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(page.headers()["content-encoding"], "gzip", "pages are compressed on the fly");
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = app.get("/connexion").await.text().await.unwrap();
    for name in ["/assets/siao-0123abcd.js", "/assets/siao-0123abcd_bg.wasm", "/assets/siao-99.css"] {
        assert!(html.contains(name), "the page names {name}");
    }
    assert!(html.contains("/assets/dsfr-1.15.3/dsfr.min.css"));

    let script = |encoding: &'static str| {
        app.client.get(app.url("/assets/siao-0123abcd.js")).header("accept-encoding", encoding).send()
    };
    let br = script("br, gzip").await.unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(br.text().await.unwrap(), "brotli bytes", "the file compressed at build time, as it is");
    let gz = script("gzip").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let plain = script("identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert!(plain.text().await.unwrap().starts_with("export default"));

    let missing = app.get("/assets/absent.js").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-store", "the 404 page is a page");
    std::fs::remove_dir_all(root).unwrap();
}
