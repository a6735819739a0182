//! Second factor: enrolment with re-authentication, login with a code, no replay, recovery codes,
//! mandatory per profile.

mod common;

use common::{demo_email, seed, spawn_app, spawn_app_with, TestApp, DEMO_PASSWORD};
use sqlx::PgPool;
use totp_rs::{Algorithm, Secret, TOTP};

use app::auth::model::TotpSetup;
use app::error::AppError;
use app::rights::model::Profile;

/// Codes are computed for fixed instants (the enrolment's time step, and the next one), so that a
/// step boundary passing during the test changes nothing.
fn code_at(secret: &str, email: &str, at: u64) -> String {
    let totp = TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        Secret::Encoded(secret.to_string()).to_bytes().unwrap(),
        Some("SI SIAO".into()),
        email.to_string(),
    )
    .unwrap();
    totp.generate(at)
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// Enrols `email`'s second factor; returns the secret, the recovery codes and the enrolment time.
async fn enrol(app: &TestApp, email: &str) -> (String, Vec<String>, u64) {
    let user = app.logged_in(email).await;
    let wrong = user.call("/api/auth/totp_begin", &[("password", "pas le mot de passe".into())]).await;
    assert_eq!(wrong.status(), 422, "re-authentication is required");
    let setup: TotpSetup =
        user.call("/api/auth/totp_begin", &[("password", DEMO_PASSWORD.into())]).await.json().await.unwrap();
    let secret = setup.secret.replace(' ', "");
    assert!(setup.qr_svg.contains("<svg"));
    let enrolled_at = now();
    let codes: Vec<String> = user
        .call("/api/auth/totp_confirm", &[("code", code_at(&secret, email, enrolled_at))])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(codes.len(), 10);
    (secret, codes, enrolled_at)
}

#[sqlx::test(migrations = "../migrations")]
async fn login_asks_for_a_code_once_the_second_factor_is_on(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool).await;
    let email = demo_email("ts.chrs");
    let (secret, recovery, t0) = enrol(&app, &email).await;

    let visitor = TestApp { addr: app.addr, client: common::new_client(app.addr) };
    let first = visitor.login(&email, DEMO_PASSWORD).await;
    assert_eq!(first.status(), 200);
    assert!(first.headers()["location"].to_str().unwrap().starts_with("/connexion/code"));
    assert_eq!(visitor.call("/api/auth/my_sessions", &[]).await.status(), 401, "the password alone grants nothing");
    let wrong = visitor.call("/api/auth/login_code", &[("code", "000000".into())]).await;
    assert_eq!(wrong.status(), 422);
    let replay = visitor.call("/api/auth/login_code", &[("code", code_at(&secret, &email, t0))]).await;
    assert_eq!(replay.status(), 422, "the enrolment code cannot be used again");
    let next = visitor.call("/api/auth/login_code", &[("code", code_at(&secret, &email, t0 + 30))]).await;
    assert_eq!(next.status(), 200, "{}", next.text().await.unwrap());
    assert_eq!(visitor.call("/api/auth/my_sessions", &[]).await.status(), 200);

    // A recovery code works once.
    for expected in [200, 422] {
        let other = TestApp { addr: app.addr, client: common::new_client(app.addr) };
        other.login(&email, DEMO_PASSWORD).await;
        let res = other.call("/api/auth/login_code", &[("code", recovery[0].to_uppercase())]).await;
        assert_eq!(res.status(), expected);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_profile_can_be_required_to_use_the_second_factor(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app_with(pool, |c| c.totp_required = vec![Profile::AdminNational]).await;
    let admin = app.logged_in(&demo_email("admin.national")).await;
    let refused = admin.call("/api/utilisateurs/list", &[]).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(refused.json::<AppError>().await.unwrap(), AppError::SecondFactorRequired);
    assert_eq!(admin.call("/api/auth/second_factor_status", &[]).await.status(), 200);
    // Other profiles are not concerned.
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    assert_eq!(ts.call("/api/auth/my_sessions", &[]).await.status(), 200);

    let (secret, _, t0) = enrol(&app, &demo_email("admin.national")).await;
    let again = TestApp { addr: app.addr, client: common::new_client(app.addr) };
    again.login(&demo_email("admin.national"), DEMO_PASSWORD).await;
    let code =
        again.call("/api/auth/login_code", &[("code", code_at(&secret, &demo_email("admin.national"), t0 + 30))]).await;
    assert_eq!(code.status(), 200);
    assert_eq!(again.call("/api/utilisateurs/list", &[]).await.status(), 200);
    let disable =
        again.call("/api/auth/totp_disable", &[("password", DEMO_PASSWORD.into()), ("code", "123456".into())]).await;
    assert_eq!(disable.status(), 422, "a required second factor cannot be turned off");
}

#[sqlx::test(migrations = "../migrations")]
async fn replacing_an_active_second_factor_needs_a_current_code(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool).await;
    let email = demo_email("responsable.chrs");
    let (_, recovery, _) = enrol(&app, &email).await;
    let user = app.logged_in(&email).await;
    assert_eq!(user.call("/api/auth/login_code", &[("code", recovery[0].clone())]).await.status(), 200);
    let without = user.call("/api/auth/totp_begin", &[("password", DEMO_PASSWORD.into())]).await;
    assert_eq!(without.status(), 422, "the password alone does not replace the device");
    let error: AppError = without.json().await.unwrap();
    assert!(error.field_message("code").is_some(), "{error:?}");
    let with =
        user.call("/api/auth/totp_begin", &[("password", DEMO_PASSWORD.into()), ("code", recovery[1].clone())]).await;
    assert_eq!(with.status(), 200);
}
