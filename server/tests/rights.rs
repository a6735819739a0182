//! The registry of server functions against the rights matrix: every server function is
//! registered, and every registered one is called as every profile, in and out of scope, on a real
//! database; the answer is 403 exactly when the matrix refuses.

mod common;

use common::{demo_email, outside, seed, spawn_app, user_id, ACCOUNTS, TARGET_TS_EMAIL};
use sqlx::PgPool;

use app::auth::{repo::load_principal, users::repo as users_repo};
use app::rights::authorize::{decide, scope_of, Target};
use app::rights::matrix::manageable_profiles;
use app::rights::model::{Action, Profile};
use app::rights::registry::{find, Probe, Requirement, SERVER_FNS};

#[sqlx::test(migrations = "../migrations")]
async fn every_server_function_is_in_the_registry(pool: PgPool) {
    let _app = spawn_app(pool).await;
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    assert!(paths.len() >= SERVER_FNS.len());
    for path in &paths {
        assert!(find(path).is_some(), "{path} is missing from app::rights::registry::SERVER_FNS");
    }
    for registered in SERVER_FNS {
        assert!(paths.contains(&registered.path), "{} is registered but is no server function", registered.path);
    }
}

/// Arguments of a probe call, and the target they point at.
async fn probe(pool: &PgPool, probe: Probe, inside: bool, n: usize) -> (Vec<(&'static str, String)>, Target) {
    let account = if inside { user_id(pool, TARGET_TS_EMAIL).await } else { user_id(pool, outside::TS_EMAIL).await };
    let detail = users_repo::load(pool, account).await.unwrap().unwrap();
    let (_, attachment) = detail.form.validate().unwrap();
    match probe {
        Probe::NoArgs => (vec![], Target::default()),
        Probe::Fields(fields) => (fields.iter().map(|f| (*f, "x".to_string())).collect(), Target::default()),
        Probe::UserId => (
            vec![("id", account.to_string())],
            users_repo::target_of(pool, &attachment, Some(account)).await.unwrap(),
        ),
        Probe::UserUpdate => {
            let f = detail.form;
            let mut args = vec![
                ("id", account.to_string()),
                ("version", detail.version.to_string()),
                ("form[prenom]", f.prenom),
                ("form[nom]", f.nom),
                ("form[email]", f.email),
                ("form[profile]", f.profile),
                ("form[entite_id]", f.entite_id.unwrap_or_default()),
            ];
            args.push(("form[dispositif_ids][0]", f.dispositif_ids[0].clone()));
            (args, users_repo::target_of(pool, &attachment, Some(account)).await.unwrap())
        }
        Probe::NewUser => {
            let f = detail.form;
            let args = vec![
                ("form[prenom]", "Nina".to_string()),
                ("form[nom]", "Nouvelle".to_string()),
                ("form[email]", format!("nouvelle.{n}@demo.si-siao.fr")),
                ("form[profile]", "travailleur_social".to_string()),
                ("form[entite_id]", f.entite_id.unwrap_or_default()),
                ("form[dispositif_ids][0]", f.dispositif_ids[0].clone()),
            ];
            (args, users_repo::target_of(pool, &attachment, None).await.unwrap())
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn every_registered_function_obeys_the_matrix_for_every_profile(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let mut checked = 0;
    for (local, _, _, profile) in ACCOUNTS {
        let client = app.logged_in(&demo_email(local)).await;
        let principal = load_principal(&pool, user_id(&pool, &demo_email(local)).await).await.unwrap().unwrap();
        for registered in SERVER_FNS {
            let Requirement::Matrix(object, action) = registered.requirement else { continue };
            for inside in [true, false] {
                if matches!(registered.probe, Probe::NoArgs | Probe::Fields(_)) && !inside {
                    continue;
                }
                checked += 1;
                let (args, target) = probe(&pool, registered.probe, inside, checked).await;
                let expected = match registered.probe {
                    Probe::NoArgs | Probe::Fields(_) => scope_of(profile, object, action).is_some(),
                    // Accounts (the probes' targets are Travailleur social accounts): the matrix,
                    // plus "who manages whom" for every write.
                    _ => {
                        decide(&principal, object, action, &target)
                            && (action == Action::Consulter
                                || manageable_profiles(profile).contains(&Profile::TravailleurSocial))
                    }
                };
                let res = client.call(registered.path, &args).await;
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                assert_eq!(
                    status == 403,
                    !expected,
                    "{profile:?} {} ({}): status {status}, body {body}",
                    registered.path,
                    if inside { "inside" } else { "outside" },
                );
                assert!(status < 500, "{profile:?} {}: {status} {body}", registered.path);
            }
        }
    }
    let matrix_fns = SERVER_FNS.iter().filter(|r| matches!(r.requirement, Requirement::Matrix(..))).count();
    assert!(checked >= matrix_fns * ACCOUNTS.len());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_denial_is_written_to_the_audit_journal(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    assert_eq!(ts.call("/api/journal/list", &[]).await.status(), 403);
    let denials: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE outcome = 'refus' AND object = 'journal_audit' AND user_email = $1",
    )
    .bind(demo_email("ts.chrs"))
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(denials, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn every_non_public_function_requires_a_login(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let mut checked = 0;
    for (n, registered) in SERVER_FNS.iter().enumerate() {
        if registered.requirement == Requirement::Public {
            continue;
        }
        let (args, _) = probe(&pool, registered.probe, true, n).await;
        let status = app.call(registered.path, &args).await.status();
        assert_eq!(status, 401, "{} without a session", registered.path);
        checked += 1;
    }
    assert!(checked > 10);
}
