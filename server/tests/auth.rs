//! Login, throttling, sessions, CSRF, and the welcome and reset flows through a real SMTP server.

mod common;

use common::{demo_email, seed, spawn_app, token_in, user_id, watch_mail, DEMO_PASSWORD};
use sqlx::PgPool;

const LOGIN_FAILED: &str = app::auth::server::LOGIN_FAILED;

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.cookies().find(|c| c.name() == server::SESSION_COOKIE).map(|c| c.value().to_string())
}

#[sqlx::test(migrations = "../migrations")]
async fn login_opens_a_new_session_each_time_with_safe_cookie_flags(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let first = app.login(&demo_email("admin.siao35"), DEMO_PASSWORD).await;
    assert_eq!(first.status(), 200);
    let set_cookie = first.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(set_cookie.contains("Max-Age=1800"), "idle timeout of 30 minutes: {set_cookie}");
    assert!(!set_cookie.contains("Secure"), "tests run on plain HTTP: {set_cookie}");
    let first_id = session_cookie(&first).unwrap();
    let second = app.login(&demo_email("admin.siao35"), DEMO_PASSWORD).await;
    let second_id = session_cookie(&second).unwrap();
    assert_ne!(first_id, second_id, "the session id is rotated at login");
    let old_still_stored: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM tower_sessions.session WHERE id = $1)")
            .bind(&first_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!old_still_stored, "the previous session id is no longer valid");
    assert_eq!(app.get("/utilisateurs").await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn wrong_password_and_unknown_account_get_the_same_answer(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let wrong = app.login(&demo_email("admin.siao35"), "pas le bon mot de passe").await;
    let unknown = app.login("personne@nulle-part.fr", "pas le bon mot de passe").await;
    assert_eq!(wrong.status(), unknown.status());
    assert_eq!(wrong.status(), 422);
    let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(wrong, unknown);
    assert!(wrong.contains(LOGIN_FAILED), "{wrong}");
    let failures: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'connexion' AND outcome = 'echec'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(failures, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn repeated_failures_lock_the_account_for_a_while(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let email = demo_email("operateur.siao35");
    for _ in 0..app::auth::throttle::MAX_PER_ACCOUNT {
        assert_eq!(app.login(&email, "mauvais mot de passe").await.status(), 422);
    }
    let locked = app.login(&email, DEMO_PASSWORD).await;
    assert_eq!(locked.status(), 429, "even the right password is refused while locked");
    let error: app::error::AppError = locked.json().await.unwrap();
    assert_eq!(error, app::error::AppError::TooManyAttempts);
    // Same behaviour for an e-mail that has no account: nothing reveals which ones exist.
    for _ in 0..app::auth::throttle::MAX_PER_ACCOUNT {
        app.login("inconnu@nulle-part.fr", "mauvais mot de passe").await;
    }
    assert_eq!(app.login("inconnu@nulle-part.fr", "mauvais mot de passe").await.status(), 429);
    // Another account is not affected.
    assert_eq!(app.login(&demo_email("ecoutant.115"), DEMO_PASSWORD).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn cross_site_posts_are_refused(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool).await;
    let bare = reqwest::Client::new();
    let form = [("email", demo_email("admin.siao35")), ("password", DEMO_PASSWORD.to_string())];
    let no_origin = bare.post(app.url("/api/auth/login")).form(&form).send().await.unwrap();
    assert_eq!(no_origin.status(), 403);
    let foreign = bare
        .post(app.url("/api/auth/login"))
        .header("Origin", "https://site-malveillant.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    assert!(foreign.text().await.unwrap().contains("falsification"));
    // The Host header is the client's to choose: naming it in Origin proves nothing.
    let same_host = bare
        .post(app.url("/api/auth/login"))
        .header("Host", "site-malveillant.example")
        .header("Origin", "http://site-malveillant.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(same_host.status(), 403);
    assert_eq!(app.login(&demo_email("admin.siao35"), DEMO_PASSWORD).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn welcome_mail_link_sets_the_first_password_once(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let admin = app.logged_in(&demo_email("admin.siao35")).await;
    let email = format!("nouvelle.{}@demo.si-siao.fr", std::process::id());
    let siao: uuid::Uuid = sqlx::query_scalar("SELECT id FROM siaos WHERE nom = 'SIAO d''Ille-et-Vilaine'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let inbox = watch_mail(&email);
    let created = admin
        .call(
            "/api/utilisateurs/create",
            &[
                ("form[prenom]", "Nora".into()),
                ("form[nom]", "Nouvelle".into()),
                ("form[email]", email.clone()),
                ("form[profile]", "operateur_siao".into()),
                ("form[siao_id]", siao.to_string()),
            ],
        )
        .await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    let mail = inbox.next().await;
    assert!(mail.contains("Bienvenue"), "{mail}");
    let token = token_in(&mail);
    assert_eq!(token.len(), 64);

    // The account cannot log in before choosing a password.
    assert_eq!(app.login(&email, "nimporte quoi du tout").await.status(), 422);
    // A refused password does not use the link up.
    let weak = app
        .call(
            "/api/auth/set_password",
            &[("token", token.clone()), ("password", "motdepasse123".into()), ("confirmation", "motdepasse123".into())],
        )
        .await;
    assert_eq!(weak.status(), 422);
    let error: app::error::AppError = weak.json().await.unwrap();
    assert!(error.field_message("password").unwrap().contains("courants"), "{error:?}");
    let good = "le phare de la pointe du raz";
    let set = app
        .call(
            "/api/auth/set_password",
            &[("token", token.clone()), ("password", good.into()), ("confirmation", good.into())],
        )
        .await;
    assert_eq!(set.status(), 200, "{}", set.text().await.unwrap());
    let fresh = common::TestApp { addr: app.addr, client: common::new_client(app.addr) };
    assert_eq!(fresh.login(&email, good).await.status(), 200);
    let again = app
        .call("/api/auth/set_password", &[("token", token), ("password", good.into()), ("confirmation", good.into())])
        .await;
    assert_eq!(again.status(), 422, "single use");
}

#[sqlx::test(migrations = "../migrations")]
async fn forgotten_password_resets_through_the_mailed_link_and_ends_sessions(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let email = demo_email("ts.chrs");
    let session = app.logged_in(&email).await;
    assert_eq!(session.get("/compte").await.status(), 200);

    let unknown = app.call("/api/auth/forgot_password", &[("email", "personne@nulle-part.fr".into())]).await;
    let inbox = watch_mail(&email);
    let known = app.call("/api/auth/forgot_password", &[("email", email.clone())]).await;
    assert_eq!(unknown.status(), 200);
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap(), "same answer");
    let token = token_in(&inbox.next().await);
    let new_password = "trois petits chats blancs";
    let set = app
        .call(
            "/api/auth/set_password",
            &[("token", token), ("password", new_password.into()), ("confirmation", new_password.into())],
        )
        .await;
    assert_eq!(set.status(), 200);
    // The open session was ended, the old password no longer works, the new one does.
    assert_eq!(session.call("/api/auth/my_sessions", &[]).await.status(), 401);
    assert_eq!(app.login(&email, DEMO_PASSWORD).await.status(), 422);
    assert_eq!(app.login(&email, new_password).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn deactivating_an_account_ends_its_sessions(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    assert_eq!(ts.call("/api/auth/my_sessions", &[]).await.status(), 200);
    let manager = app.logged_in(&demo_email("gestionnaire.horizon")).await;
    let id = user_id(&pool, &demo_email("ts.chrs")).await;
    let res = manager.call("/api/utilisateurs/deactivate", &[("id", id.to_string())]).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(ts.call("/api/auth/my_sessions", &[]).await.status(), 401);
    assert_eq!(app.login(&demo_email("ts.chrs"), DEMO_PASSWORD).await.status(), 422);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_user_lists_and_ends_their_other_sessions(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let email = demo_email("ecoutant.115");
    let laptop = app.logged_in(&email).await;
    let phone = app.logged_in(&email).await;
    let list: Vec<serde_json::Value> = laptop.call("/api/auth/my_sessions", &[]).await.json().await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let ended: u64 = laptop.call("/api/auth/end_session", &[]).await.json().await.unwrap();
    assert_eq!(ended, 1);
    assert_eq!(phone.call("/api/auth/my_sessions", &[]).await.status(), 401);
    assert_eq!(laptop.call("/api/auth/my_sessions", &[]).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn sessions_are_named_by_a_handle_never_by_their_secret_id(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let email = demo_email("ecoutant.115");
    let laptop = app.logged_in(&email).await;
    let phone = app.logged_in(&email).await;
    let secrets: Vec<String> =
        sqlx::query_scalar("SELECT session_id FROM user_sessions").fetch_all(&pool).await.unwrap();
    assert_eq!(secrets.len(), 2);
    let list = laptop.call("/api/auth/my_sessions", &[]).await.text().await.unwrap();
    let page = laptop.get("/compte").await.text().await.unwrap();
    for secret in &secrets {
        assert!(!list.contains(secret.as_str()) && !page.contains(secret.as_str()), "a session id is shown");
    }
    // The phone's session is ended through its handle; the handle itself opens nothing.
    let lines: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let other = lines.iter().find(|l| l["current"] == false).unwrap()["id"].as_str().unwrap().to_string();
    let forged = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/compte"))
        .header("cookie", format!("{}={other}", server::SESSION_COOKIE))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 302, "a handle is no session");
    assert!(forged.headers()["location"].to_str().unwrap().starts_with("/connexion"));
    let ended: u64 = laptop.call("/api/auth/end_session", &[("id", other)]).await.json().await.unwrap();
    assert_eq!(ended, 1);
    assert_eq!(phone.call("/api/auth/my_sessions", &[]).await.status(), 401);
    assert_eq!(laptop.call("/api/auth/my_sessions", &[]).await.status(), 200);
}

#[sqlx::test(migrations = "../migrations")]
async fn concurrent_edits_of_an_account_are_detected(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let admin = app.logged_in(&demo_email("admin.siao35")).await;
    let id = user_id(&pool, &demo_email("operateur.siao35")).await;
    let siao: uuid::Uuid =
        sqlx::query_scalar("SELECT siao_id FROM users WHERE id = $1").bind(id).fetch_one(&pool).await.unwrap();
    let edit = |nom: &str| {
        vec![
            ("id", id.to_string()),
            ("version", "1".to_string()),
            ("form[prenom]", "Omar".to_string()),
            ("form[nom]", nom.to_string()),
            ("form[email]", demo_email("operateur.siao35")),
            ("form[profile]", "operateur_siao".to_string()),
            ("form[siao_id]", siao.to_string()),
        ]
    };
    assert_eq!(admin.call("/api/utilisateurs/update", &edit("Premier")).await.status(), 200);
    let stale = admin.call("/api/utilisateurs/update", &edit("Second")).await;
    assert_eq!(stale.status(), 409);
    let error: app::error::AppError = stale.json().await.unwrap();
    assert_eq!(error, app::error::AppError::Conflict { current_version: 2 });
    let nom: String =
        sqlx::query_scalar("SELECT nom FROM users WHERE id = $1").bind(id).fetch_one(&pool).await.unwrap();
    assert_eq!(nom, "Premier", "the second edit lost nothing and changed nothing");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_audit_journal_is_append_only(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    app.logged_in(&demo_email("admin.national")).await;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(&pool).await.unwrap();
    assert!(count >= 1);
    assert!(sqlx::query("UPDATE audit_log SET outcome = 'succes'").execute(&pool).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log").execute(&pool).await.is_err());
    assert!(sqlx::query("TRUNCATE audit_log").execute(&pool).await.is_err());
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_edits_or_deactivates_their_own_account(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let admin = app.logged_in(&demo_email("admin.siao35")).await;
    let id = user_id(&pool, &demo_email("admin.siao35")).await;
    let res = admin.call("/api/utilisateurs/deactivate", &[("id", id.to_string())]).await;
    assert_eq!(res.status(), 422);
    let active: bool =
        sqlx::query_scalar("SELECT active FROM users WHERE id = $1").bind(id).fetch_one(&pool).await.unwrap();
    assert!(active);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_session_cookie_is_secure_unless_configured_off(pool: PgPool) {
    seed(&pool).await;
    let app = common::spawn_app_with(pool, |c| c.secure_cookies = true).await;
    let res = app.login(&demo_email("admin.siao35"), DEMO_PASSWORD).await;
    let set_cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(set_cookie.contains("Secure"), "{set_cookie}");
}
