//! Test harness: the real router on a random port, against the test's own fresh database.
#![allow(dead_code)]

use std::net::SocketAddr;

use server::config::Config;
use sqlx::PgPool;

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request failed")
    }
}

/// Configuration for tests: defaults, plus the test SMTP sink if the test script started one.
pub fn test_config() -> Config {
    Config::from_lookup(|name| match name {
        "SMTP_URL" => std::env::var("TEST_SMTP_URL").ok(),
        "STATE_BRANDING" => Some("true".into()),
        "SECURE_COOKIES" => Some("false".into()),
        _ => None,
    })
    .expect("test config")
}

/// Starts the app on 127.0.0.1:<random> with `pool` (already migrated by `#[sqlx::test]`).
pub async fn spawn_app(pool: PgPool) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = test_config();
    config.bind_addr = addr;
    let router = server::router(&config, server::app_state(&config, pool).unwrap());
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .await
            .unwrap()
    });
    // A browser sends its page's origin with every POST (the CSRF guard checks it).
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ORIGIN, format!("http://{addr}").parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp { addr, client }
}
