//! Évaluations approfondies on a real database: a TS starts one prefilled from the fiche, saves it step by
//! step (a stale save refused), cannot finalise it while domains are missing, finalises it: the fiche's
//! situations change with their history, the note sociale is published, the EA is immutable (the database
//! refuses it too); the SIAO reads the final EA, not the draft; a second EA starts from the first's wishes.

mod common;

use common::{demo_email, error_of, field_of, seed, spawn_app, TestApp};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::evaluation::model::{compare, EvaluationView, Resume, Statut};
use app::rights::authorize::scope_of;
use app::rights::model::{Action, Object};

/// The demo's first ménage (created by the demo TS) and its demandeur principal.
async fn menage(pool: &PgPool) -> (Uuid, Uuid) {
    let id = Uuid::from_u128(0x35_1000);
    let principal = sqlx::query_scalar(
        "SELECT personne_id FROM menage_membres WHERE menage_id = $1 AND role = 'demandeur_principal' AND jusqu_au IS NULL",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    (id, principal)
}

/// Starts (or resumes) the caller's EA: its id.
async fn start(client: &TestApp, menage: Uuid) -> Uuid {
    let res = client.call("/api/evaluations/start", &[("menage_id", menage.to_string())]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn get(client: &TestApp, id: Uuid) -> (u16, Option<EvaluationView>) {
    let res = client.call("/api/evaluations/get", &[("id", id.to_string())]).await;
    let status = res.status().as_u16();
    (status, if status == 200 { res.json().await.ok() } else { None })
}

async fn save(client: &TestApp, id: Uuid, version: i32, etape: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut args = vec![("id", id.to_string()), ("version", version.to_string()), ("etape", etape.to_string())];
    args.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    client.call("/api/evaluations/save", &args).await
}

async fn ok(res: reqwest::Response) {
    let status = res.status();
    assert!(status.is_success(), "{status}: {}", res.text().await.unwrap());
}

async fn series(client: &TestApp, menage: Uuid) -> Vec<Resume> {
    let res = client.call("/api/evaluations/list", &[("menage_id", menage.to_string())]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_ts_drafts_an_evaluation_over_steps_finalises_it_and_the_fiche_follows(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let (menage, principal) = menage(&pool).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;

    // Prefilled from the fiche: the demo gave the demandeur principal a droit_securite_sociale.
    let id = start(&ts, menage).await;
    assert_eq!(start(&ts, menage).await, id, "the draft is resumed, not doubled");
    let (_, draft) = get(&ts, id).await;
    let draft = draft.expect("the author reads his draft");
    assert_eq!(draft.resume.statut, Statut::Brouillon);
    let p0 = draft.contenu.personnes.iter().position(|p| p.personne_id == principal).unwrap();
    assert!(draft.contenu.personnes[p0].values.contains_key("droit_securite_sociale"));
    assert!(draft.sante.is_some(), "the TS reads the health part");
    // The opérateur reads neither the draft nor its line in the series.
    assert_eq!(get(&operateur, id).await.0, 404);
    assert!(series(&operateur, menage).await.iter().all(|r| r.id != id));

    // Step 1, the administrative situation of the principal; the same version again is stale.
    let (pid, id_key, droit_key) =
        (principal.to_string(), format!("p[{p0}][id]"), format!("p[{p0}][droit_securite_sociale]"));
    let (id_key, droit_key) = (id_key.as_str(), droit_key.as_str());
    let step1 = [(id_key, pid.as_str()), (droit_key, "10")];
    ok(save(&ts, id, 1, "administrative", &step1).await).await;
    let (status, error) = error_of(save(&ts, id, 1, "administrative", &step1).await).await;
    assert_eq!(status, 409);
    assert!(matches!(error, AppError::Stale { current_version: 2, .. }));
    // A code outside its référentiel is refused next to its field.
    let bad = [(id_key, pid.as_str()), (droit_key, "999")];
    let (status, error) = error_of(save(&ts, id, 2, "administrative", &bad).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_of(&error), [format!("p{p0}_droit_securite_sociale")]);

    // Prefilled too from the demo's final EA of seven months ago: wishes, needs, orientation (not the synthesis).
    assert!(draft.contenu.souhaits.starts_with("Hébergée chez des tiers"));
    assert!(draft.contenu.synthese.is_empty());
    // Finalising now is refused: the mandatory domains are listed.
    let (status, error) =
        error_of(ts.call("/api/evaluations/finalise", &[("id", id.to_string()), ("version", "2".into())]).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_of(&error), ["synthese"]);

    // The ménage's housing situation changes (to another code than the demo's).
    let situation: String = sqlx::query_scalar(
        "SELECT code FROM referentiel_valeurs WHERE referentiel = 'situation_demandes' AND active
           AND code IS DISTINCT FROM (SELECT situation_logement FROM menages WHERE id = $1) ORDER BY position LIMIT 1",
    )
    .bind(menage)
    .fetch_one(&pool)
    .await
    .unwrap();
    let logement =
        [("form[situation_logement]", situation.as_str()), ("form[souhaits]", "Un T2 à Rennes, près de l'école.")];
    ok(save(&ts, id, 2, "logement", &logement).await).await;
    let orientation = [
        ("form[besoin_logement]", "oui"),
        ("form[besoin_budget]", "oui"),
        ("form[preconisation]", "400"),
        ("form[synthese]", "Madame est prête pour un CHRS avec accompagnement budgétaire."),
    ];
    ok(save(&ts, id, 3, "orientation", &orientation).await).await;
    let finalise = ts.call("/api/evaluations/finalise", &[("id", id.to_string()), ("version", "4".into())]).await;
    assert!(finalise.status().is_success(), "{}", finalise.status());

    // The fiche follows, with its history; the note sociale is published; the opérateur reads the EA.
    let droit: Option<String> =
        sqlx::query_scalar("SELECT data ->> 'droit_securite_sociale' FROM situations_personnes WHERE personne_id = $1")
            .bind(principal)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(droit.as_deref(), Some("10"));
    let logement: Option<String> = sqlx::query_scalar("SELECT situation_logement FROM menages WHERE id = $1")
        .bind(menage)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(logement, Some(situation));
    let history: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM historique WHERE action = 'Évaluation approfondie' AND object_id IN ($1, $2)",
    )
    .bind(principal.to_string())
    .bind(menage.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(history, 2);
    let note: String = sqlx::query_scalar(
        "SELECT n.corps FROM evaluations e JOIN notes n ON n.id = e.note_id WHERE e.id = $1 AND n.statut = 'publiee'",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(note.contains("prête pour un CHRS") && note.contains("Orientation préconisée : CHRS"), "{note}");
    let (status, read) = get(&operateur, id).await;
    assert_eq!(status, 200);
    assert_eq!(read.unwrap().resume.statut, Statut::Finale);
    let health_reads: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE object = 'situation_medico_sociale' AND object_id = $1 AND user_email = $2",
    )
    .bind(id.to_string())
    .bind(demo_email("operateur.siao35"))
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(health_reads, 1, "the read of the health part is journaled");
    // Neither the 115 nor a Responsable who does not follow the ménage reads it; whoever reads it gets its
    // health part exactly when his profile reads the situation médico-sociale.
    for other in ["ecoutant.115", "responsable.chrs"] {
        let client = app.logged_in(&demo_email(other)).await;
        assert_eq!(get(&client, id).await.0, 403, "{other}");
    }
    for (local, _, _, profile) in common::ACCOUNTS {
        let client = app.logged_in(&demo_email(local)).await;
        if let (200, Some(ea)) = get(&client, id).await {
            let reads_health = scope_of(profile, Object::SituationMedicoSociale, Action::Consulter).is_some();
            assert_eq!(ea.sante.is_some(), reads_health, "{profile:?}");
        }
    }

    // The TS downloads it as a PDF (journaled, its health part on its own line); the opérateur may not.
    let pdf = ts.call("/api/evaluations/pdf", &[("id", id.to_string())]).await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    let exports: Vec<String> = sqlx::query_scalar(
        "SELECT object FROM audit_log WHERE action = 'exporter' AND object_id = $1 AND user_email = $2 ORDER BY object",
    )
    .bind(id.to_string())
    .bind(demo_email("ts.chrs"))
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(exports, ["evaluation_approfondie", "situation_medico_sociale"]);
    assert_eq!(operateur.call("/api/evaluations/pdf", &[("id", id.to_string())]).await.status(), 403);

    // Final: never changed, by the application or in the database.
    let (status, _) = error_of(save(&ts, id, 5, "budget", &[("form[budget_observations]", "x")]).await).await;
    assert_eq!(status, 422);
    let (status, _) =
        error_of(ts.call("/api/evaluations/delete", &[("id", id.to_string()), ("version", "5".into())]).await).await;
    assert_eq!(status, 422);
    assert!(sqlx::query("UPDATE evaluations SET contenu = '{}' WHERE id = $1").bind(id).execute(&pool).await.is_err());

    // Six months later, a new EA starts from the wishes of the first; both are in the series and compare.
    let second = start(&ts, menage).await;
    assert_ne!(second, id);
    let (_, next) = get(&ts, second).await;
    let next = next.unwrap();
    assert_eq!(next.contenu.souhaits, "Un T2 à Rennes, près de l'école.");
    assert!(next.contenu.synthese.is_empty(), "a new synthesis each time");
    let orientation = [
        ("form[besoin_logement]", "oui"),
        ("form[preconisation]", "1000"),
        ("form[synthese]", "Prête pour un logement de droit commun."),
    ];
    ok(save(&ts, second, 1, "orientation", &orientation).await).await;
    let finalise = ts.call("/api/evaluations/finalise", &[("id", second.to_string()), ("version", "2".into())]).await;
    assert!(finalise.status().is_success());
    let finals: Vec<Resume> =
        series(&operateur, menage).await.into_iter().filter(|r| r.statut == Statut::Finale).collect();
    assert_eq!(finals.len(), 3, "the demo's, then two");
    let (a, b) = (get(&operateur, id).await.1.unwrap(), get(&operateur, second).await.1.unwrap());
    let changed: Vec<String> = compare(&a.rows(), &b.rows()).into_iter().filter(|r| r.4).map(|r| r.1).collect();
    assert!(
        changed.contains(&"Orientation préconisée".to_string()) && changed.contains(&"Besoins".to_string()),
        "{changed:?}"
    );
    assert!(!changed.contains(&"Parcours et souhaits".to_string()));
}
