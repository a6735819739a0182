//! The outbox: mails leave through a queue, so a down SMTP server fails no request and loses no mail;
//! the Administrateur national sees what waits and sends it again.

mod common;

use std::time::Duration;

use common::builders::UserBuilder;
use common::proxy::Proxy;
use common::{demo_email, seed, spawn_app_with, token_in, watch_mail};
use sqlx::PgPool;

use app::outbox::model::OutboxView;
use app::rights::model::Profile;

/// Polls `query` (a boolean) until it holds, for up to 10 s.
async fn eventually(pool: &PgPool, query: &str) -> bool {
    for _ in 0..100 {
        if sqlx::query_scalar::<_, bool>(query).fetch_one(pool).await.unwrap() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[sqlx::test(migrations = "../migrations")]
async fn an_smtp_outage_fails_no_request_and_loses_no_mail(pool: PgPool) {
    seed(&pool).await;
    let sink = std::env::var("TEST_SMTP_URL").expect("TEST_SMTP_URL: run through scripts/test");
    let (host, port) = sink.trim_start_matches("smtp://").split_once(':').unwrap();
    let mut smtp = Proxy::start((host.to_string(), port.parse().unwrap())).await;
    let smtp_port = smtp.port;
    let app = spawn_app_with(pool.clone(), |c| c.smtp_url = format!("smtp://127.0.0.1:{smtp_port}")).await;
    let email = format!("panne.smtp.{}@demo.si-siao.fr", std::process::id());
    UserBuilder::new(&email, Profile::OperateurSiao)
        .siao(sqlx::query_scalar("SELECT id FROM siaos LIMIT 1").fetch_one(&pool).await.unwrap())
        .insert(&pool)
        .await;

    smtp.cut();
    let res = app.call("/api/auth/forgot_password", &[("email", email.clone())]).await;
    assert_eq!(res.status(), 200, "the request does not wait for the mail: {}", res.text().await.unwrap());
    assert!(
        eventually(&pool, "SELECT EXISTS (SELECT 1 FROM outbox WHERE attempts >= 1 AND last_error IS NOT NULL)").await,
        "the sender tried, failed, and keeps the mail"
    );

    // The Administrateur national sees it (never its body: it holds a live link), and sends it again.
    let admin = app.logged_in(&demo_email("admin.national")).await;
    let raw = admin.call("/api/courriels/view", &[]).await.text().await.unwrap();
    assert!(!raw.contains("jeton"), "no link on the screen");
    let view: OutboxView = serde_json::from_str(&raw).unwrap();
    assert_eq!(view.waiting, 1);
    let line = view.lines.iter().find(|l| l.recipient == email).expect("the waiting mail is listed");
    assert!(line.sent_at.is_none() && line.last_error.is_some());
    let other = app.logged_in(&demo_email("admin.siao35")).await;
    assert_eq!(other.call("/api/courriels/view", &[]).await.status(), 403);

    smtp.restore().await;
    let inbox = watch_mail(&email);
    assert_eq!(admin.call("/api/courriels/retry", &[("id", line.id.to_string())]).await.status(), 200);
    let mail = inbox.next().await;
    assert!(!token_in(&mail).is_empty(), "the reset link arrived after the outage");
    assert!(
        eventually(&pool, "SELECT EXISTS (SELECT 1 FROM outbox WHERE sent_at IS NOT NULL AND body = '')").await,
        "sent, and the link is not kept"
    );
}
