//! Generic tests over the registry of server functions (`app::handler::registered`): every server
//! function is registered; every matrix function answers 403 exactly when the matrix refuses, for
//! every profile, in and out of its territory; every non-public one answers 401 without a session;
//! and every one answers malformed input with a 4xx and a French message, never a 500. A new domain
//! adds its probes (`common/probes/`) and is covered without a change here.

mod common;

use common::probes::{self, Side, World};
use common::{demo_email, seed, spawn_app, user_id, ACCOUNTS};
use sqlx::PgPool;

use app::auth::repo::load_principal;
use app::error::AppError;
use app::handler::{find, registered, Requirement};
use app::rights::authorize::{decide, scope_of};

#[sqlx::test(migrations = "../migrations")]
async fn every_server_function_is_in_the_registry(pool: PgPool) {
    let _app = spawn_app(pool).await;
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    assert!(paths.len() >= registered().count());
    for path in &paths {
        assert!(find(path).is_some(), "{path} has no requirement: add it to its domain's server_fns! table");
    }
    for r in registered() {
        assert!(paths.contains(&r.path), "{} is registered but is no server function", r.path);
    }
    let probed: Vec<&str> = probes::all().iter().map(|p| p.path).collect();
    for path in probed {
        assert!(find(path).is_some(), "probe for {path}, which is no server function");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn every_registered_function_obeys_the_matrix_for_every_profile(pool: PgPool) {
    seed(&pool).await;
    let world = World::load(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let mut checked = 0;
    for (local, _, _, profile) in ACCOUNTS {
        let client = app.logged_in(&demo_email(local)).await;
        let principal = load_principal(&pool, user_id(&pool, &demo_email(local)).await).await.unwrap().unwrap();
        for registered in registered() {
            let Requirement::Matrix(object, action) = registered.requirement else { continue };
            let probe = probes::for_path(registered.path);
            for &side in probe.sides() {
                checked += 1;
                let call = (probe.call)(&world, side, checked);
                let expected = match &call.target {
                    None => scope_of(profile, object, action).is_some(),
                    Some(target) => decide(&principal, object, action, target),
                } && (probe.also)(profile, action);
                let res = probe.send(&client, &call).await;
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                assert_eq!(
                    status == 403,
                    !expected,
                    "{profile:?} {} ({side:?}): status {status}, body {body}",
                    registered.path
                );
                assert!(status < 500, "{profile:?} {}: {status} {body}", registered.path);
            }
        }
    }
    let matrix_fns = registered().filter(|r| matches!(r.requirement, Requirement::Matrix(..))).count();
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
    let world = World::load(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let mut checked = 0;
    for (n, registered) in registered().enumerate() {
        if registered.requirement == Requirement::Public {
            continue;
        }
        let probe = probes::for_path(registered.path);
        let call = (probe.call)(&world, Side::Inside, n);
        let status = probe.send(&app, &call).await.status();
        assert_eq!(status, 401, "{} without a session", registered.path);
        checked += 1;
    }
    assert!(checked > 10);
}

/// What a server function answered: status and the error it carries (None: not an `AppError`).
async fn answer(res: reqwest::Response) -> (u16, Option<AppError>, String) {
    let status = res.status().as_u16();
    let body = res.text().await.expect("the answer is read to its end (no dropped connection)");
    (status, serde_json::from_str(&body).ok(), body)
}

/// A 4xx carrying an `AppError`, whose message is the French one of the screens.
fn is_client_error(answer: &(u16, Option<AppError>, String)) -> bool {
    let (status, error, _) = answer;
    (400..500).contains(status) && error.as_ref().is_some_and(|e| e.status() == *status && !e.to_string().is_empty())
}

#[sqlx::test(migrations = "../migrations")]
async fn malformed_input_gets_a_4xx_with_a_french_message_never_a_500(pool: PgPool) {
    seed(&pool).await;
    let world = World::load(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let client = app.logged_in(&demo_email("admin.national")).await;
    let url = |path: &str| client.url(path);
    let big = "a=".to_string() + &"x".repeat(3 * 1024 * 1024);
    let mut checked = 0;
    for (n, registered) in registered().enumerate() {
        let path = registered.path;
        let probe = probes::for_path(path);
        let call = (probe.call)(&world, Side::Inside, n);
        let post = |body: Vec<u8>, content_type: &'static str| {
            client.client.post(url(path)).header("content-type", content_type).body(body).send()
        };
        let form = "application/x-www-form-urlencoded";

        let utf8 = answer(post(b"email=\xff\xfe&id=\xc3".to_vec(), form).await.expect(path)).await;
        assert!(is_client_error(&utf8) && utf8.0 == 400, "{path}, invalid UTF-8: {utf8:?}");
        let too_big = answer(post(big.clone().into_bytes(), form).await.expect(path)).await;
        assert!(is_client_error(&too_big) && too_big.0 == 413, "{path}, 3 MB body: {too_big:?}");

        let required = probe.has_required_field(&call);
        let json = serde_json::to_vec(&call.args.iter().cloned().collect::<std::collections::HashMap<_, _>>()).unwrap();
        let mut malformed =
            vec![("JSON instead of a form", answer(post(json, "application/json").await.expect(path)).await)];
        malformed.push(("empty body", answer(post(vec![], form).await.expect(path)).await));
        for (i, (name, _)) in call.args.iter().enumerate().filter(|(_, (name, _))| !probe.optional.contains(name)) {
            let mut args = call.args.clone();
            args.remove(i);
            malformed.push((name, answer(app_call(&client, path, &args).await).await));
        }
        for (case, answer) in &malformed {
            assert!(answer.0 < 500, "{path}, {case}: {answer:?}");
            if required {
                assert!(is_client_error(answer), "{path}, {case}: {answer:?}");
            }
        }
        // Typed fields (ids, versions) with a value of the wrong type.
        for (i, (name, value)) in call.args.iter().enumerate() {
            let garbage = if uuid::Uuid::parse_str(value).is_ok() {
                "pas-un-uuid"
            } else if value.parse::<i64>().is_ok() {
                "douze"
            } else {
                continue;
            };
            let mut args = call.args.clone();
            args[i].1 = garbage.to_string();
            let wrong = answer(app_call(&client, path, &args).await).await;
            assert!(is_client_error(&wrong), "{path}, {name}={garbage}: {wrong:?}");
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked} functions checked");
}

async fn app_call(client: &common::TestApp, path: &str, args: &[(&str, String)]) -> reqwest::Response {
    client.client.post(client.url(path)).form(args).send().await.expect("no dropped connection")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_journal_line_is_filed_under_the_territory_of_its_target(pool: PgPool) {
    seed(&pool).await;
    let world = World::load(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let target = world.accounts.inside.detail.id;
    // A national actor (no territory of his own) deactivates an account of the 35.
    let national = app.logged_in(&demo_email("admin.national")).await;
    assert_eq!(national.call("/api/utilisateurs/deactivate", &[("id", target.to_string())]).await.status(), 200);
    let (codes, nominative): (Vec<String>, bool) = sqlx::query_as(
        "SELECT departement_codes, nominative FROM audit_log WHERE action = 'supprimer' AND object_id = $1",
    )
    .bind(target.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((codes, nominative), (vec!["35".to_string()], false));
    // So the Administrateur départemental of the 35 sees it in his journal.
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let lines: Vec<app::audit::AuditLine> =
        ddets.call("/api/journal/list", &[("filter[action]", "supprimer".into())]).await.json().await.unwrap();
    assert!(lines.iter().any(|l| l.object_id.as_deref() == Some(&target.to_string())), "{lines:?}");
}
