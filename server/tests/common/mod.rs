//! Test harness: the real router on a random port, against the test's own fresh database.
#![allow(dead_code, unused_imports)]

use std::net::SocketAddr;

use app::rights::model::Profile;
use server::config::Config;
use sqlx::PgPool;

#[derive(Clone)]
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
    spawn_app_with(pool, |_| {}).await
}

/// Same, with a configuration changed by `adjust`.
pub async fn spawn_app_with(pool: PgPool, adjust: impl FnOnce(&mut Config)) -> TestApp {
    // TEST_LOG=1: the server's logs on the test's output (to read why an answer is a 500).
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_max_level(tracing::Level::INFO).with_test_writer().try_init();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = test_config();
    config.bind_addr = addr;
    config.app_base_url = format!("http://{addr}");
    adjust(&mut config);
    let state = server::app_state(&config, pool).expect("state");
    server::start_workers(&config, &state).expect("workers");
    let router = server::router(&config, state);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap()
    });
    TestApp { addr, client: new_client(addr) }
}

pub use server::demo::{email as demo_email, ACCOUNTS, DEMO_PASSWORD};

pub mod builders;
pub mod probes;
pub mod proxy;

use builders::{DispositifBuilder, EntiteBuilder, GroupeBuilder, SiaoBuilder, UserBuilder};

/// The out-of-territory fixture (département 13).
pub mod outside {
    pub const TS_EMAIL: &str = "ts.sud@demo.si-siao.fr";
}

/// A Travailleur social of the demo territory that tests act upon (never logs in).
pub const TARGET_TS_EMAIL: &str = "ts.cible@demo.si-siao.fr";

/// The demo data (département 35, one account per profile) plus another territory (13) with a SIAO,
/// an entité, a dispositif and a Travailleur social account, to test what lies outside a scope.
pub async fn seed(pool: &PgPool) {
    server::demo::seed(pool).await.expect("demo seed");
    SiaoBuilder::new("SIAO des Bouches-du-Rhône").covering("13").insert(pool).await;
    let sud = EntiteBuilder::new("Association Sud", "111222337").in_departement("13").insert(pool).await;
    let chrs_sud = DispositifBuilder::new(sud, "CHRS Sud", "13").p177().insert(pool).await;
    GroupeBuilder::new(chrs_sud, "Chambres Sud", 4).immobilisees(1).insert(pool).await;
    builders::financement(pool, chrs_sud, "p177", 4).await;
    let sam = UserBuilder::new(outside::TS_EMAIL, Profile::TravailleurSocial)
        .named("Sam", "Sud")
        .entite(sud, &[chrs_sud])
        .insert(pool)
        .await;
    builders::MenageBuilder::new("13", sam)
        .person("Marseille", "Lina", Some("1992-05-04"))
        .person("Marseille", "Noé", Some("2019-01-10"))
        .insert(pool)
        .await;
    let (horizon, chrs): (uuid::Uuid, uuid::Uuid) =
        sqlx::query_as("SELECT entite_id, id FROM dispositifs WHERE nom = 'CHRS Horizon'")
            .fetch_one(pool)
            .await
            .unwrap();
    UserBuilder::new(TARGET_TS_EMAIL, Profile::TravailleurSocial)
        .named("Cyril", "Cible")
        .entite(horizon, &[chrs])
        .insert(pool)
        .await;
}

pub async fn user_id(pool: &PgPool, email: &str) -> uuid::Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(pool).await.unwrap()
}

impl TestApp {
    /// Calls a server function with a form-encoded body, as `ActionForm` does from the browser.
    pub async fn call(&self, path: &str, form: &[(&str, String)]) -> reqwest::Response {
        self.client.post(self.url(path)).form(form).send().await.expect("request failed")
    }

    /// Calls a server function with a multipart body, as the upload form does: the field `fichier`
    /// is sent as a file (its value as the file's bytes), the others as text.
    pub async fn call_multipart(&self, path: &str, fields: &[(&str, String)]) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = if *name == "fichier" {
                let part = reqwest::multipart::Part::bytes(value.clone().into_bytes()).file_name("offre.xlsx");
                form.part(name.to_string(), part)
            } else {
                form.text(name.to_string(), value.clone())
            };
        }
        self.client.post(self.url(path)).multipart(form).send().await.expect("request failed")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.call("/api/auth/login", &[("email", email.to_string()), ("password", password.to_string())]).await
    }

    /// A new client (its own cookies) on the same app, logged in as `email`.
    pub async fn logged_in(&self, email: &str) -> TestApp {
        let other = TestApp { addr: self.addr, client: new_client(self.addr) };
        let res = other.login(email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "login of {email}: {}", res.text().await.unwrap());
        other
    }
}

/// A browser-like client: cookies, no redirect following, and the page's origin sent with every
/// request (the CSRF guard checks it on POST).
pub fn new_client(addr: SocketAddr) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ORIGIN, format!("http://{addr}").parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The mails the test SMTP sink received for `to`, oldest first.
fn mails_to(to: &str) -> Vec<std::path::PathBuf> {
    let dir = std::env::var("TEST_MAIL_DIR")
        .expect("TEST_MAIL_DIR: run the tests through scripts/test, which starts the SMTP sink");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(&format!("-{to}.eml")))
        .collect();
    found.sort();
    found
}

/// Watches the sink for the next mail to an address: taken before the action that sends it, since
/// mails leave asynchronously (outbox) and earlier runs left mails to the same address.
pub struct MailWatch {
    to: String,
    seen: usize,
}

pub fn watch_mail(to: &str) -> MailWatch {
    MailWatch { to: to.to_string(), seen: mails_to(to).len() }
}

impl MailWatch {
    /// The first mail to the address after the watch began (waits up to 10 s).
    pub async fn next(&self) -> String {
        for _ in 0..100 {
            if let Some(path) = mails_to(&self.to).get(self.seen) {
                return std::fs::read_to_string(path).unwrap();
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no new mail for {}", self.to);
    }
}

/// The single-use token of the set-password link in a mail (quoted-printable safe: hex only).
pub fn token_in(mail: &str) -> String {
    let unfolded = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let start = unfolded.find("jeton=").expect("link in mail") + "jeton=".len();
    unfolded[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// The status and the `app::error::AppError` of an answer (panics if the body is none).
/// The JSON answer of a successful call (the test fails with the body otherwise).
pub async fn json<T: serde::de::DeserializeOwned>(res: reqwest::Response) -> T {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

pub async fn error_of(res: reqwest::Response) -> (u16, app::error::AppError) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}")))
}

/// The fields named by a field error.
pub fn field_of(error: &app::error::AppError) -> Vec<String> {
    match error {
        app::error::AppError::Invalid(fields) => fields.iter().map(|f| f.field.clone()).collect(),
        other => panic!("not a field error: {other:?}"),
    }
}
