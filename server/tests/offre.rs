//! The Offre module on a real database: the validation circuit, the notes of the matrix (what a
//! SIAO or a Gestionnaire d'entité may change), uniqueness, versions, and the history of each save.

mod common;

use common::{demo_email, error_of, field_of, seed, spawn_app, TestApp};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::history::repo as history;
use app::offre::entites::repo;
use app::offre::lifecycle::Statut;
use app::rights::model::Object;

fn form(nom: &str, siren: &str, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("form[nom]", nom.to_string()),
        ("form[siren]", siren.to_string()),
        ("form[departement_code]", "35".into()),
    ];
    f.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    f
}

async fn create(client: &TestApp, fields: Vec<(&'static str, String)>) -> Uuid {
    let res = client.call("/api/offre/entites/create", &fields).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}

async fn step(client: &TestApp, pool: &PgPool, id: Uuid, transition: &str, motif: &str) -> reqwest::Response {
    let version = repo::current_version(pool, id).await.unwrap().to_string();
    let mut args = vec![("id", id.to_string()), ("version", version), ("transition", transition.to_string())];
    if !motif.is_empty() {
        args.push(("motif", motif.to_string()));
    }
    client.call("/api/offre/entites/move", &args).await
}

async fn statut(pool: &PgPool, id: Uuid) -> Statut {
    repo::load(pool, id).await.unwrap().unwrap().statut
}

#[sqlx::test(migrations = "../migrations")]
async fn a_siao_draft_is_pre_validated_sent_back_and_validated_each_step_in_the_history(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let siao = app.logged_in(&demo_email("admin.siao35")).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let id = create(&siao, form("Escale", "732829320", &[])).await;
    assert_eq!(statut(&pool, id).await, Statut::Brouillon);

    // The département validates pre-validated entités only; the SIAO never validates.
    let (status, error) = error_of(step(&ddets, &pool, id, "valider", "").await).await;
    assert_eq!((status, error.code()), (422, "refused"));
    assert_eq!(step(&siao, &pool, id, "valider", "").await.status(), 403);
    assert_eq!(step(&siao, &pool, id, "prevalider", "").await.status(), 200);
    assert_eq!(statut(&pool, id).await, Statut::Prevalide);

    // Sending back needs a reason, which the entité then shows.
    let (status, error) = error_of(step(&ddets, &pool, id, "renvoyer", "  ").await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["motif".to_string()]));
    assert_eq!(step(&ddets, &pool, id, "renvoyer", "Adresse manquante").await.status(), 200);
    let detail = repo::load(&pool, id).await.unwrap().unwrap();
    assert_eq!((detail.statut, detail.motif_renvoi.as_deref()), (Statut::Renvoye, Some("Adresse manquante")));

    assert_eq!(step(&siao, &pool, id, "prevalider", "").await.status(), 200);
    assert_eq!(step(&ddets, &pool, id, "valider", "").await.status(), 200);
    assert_eq!(statut(&pool, id).await, Statut::Valide);

    // Validated: the SIAO no longer edits it.
    let version = repo::current_version(&pool, id).await.unwrap().to_string();
    let mut args = vec![("id", id.to_string()), ("version", version)];
    args.extend(form("Escale renommée", "732829320", &[]));
    assert_eq!(siao.call("/api/offre/entites/update", &args).await.status(), 403);

    let lines = history::of(&pool, Object::Entite, &id.to_string()).await.unwrap();
    let actions: Vec<&str> = lines.iter().rev().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, ["Création", "Pré-valider", "Renvoyer pour correction", "Pré-valider", "Valider"]);
    assert_eq!(lines[2].comment.as_deref(), Some("Adresse manquante"));
    assert!(lines.iter().all(|l| l.author.as_deref().is_some()));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_gestionnaire_changes_the_contact_fields_only_even_with_a_forged_form(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ge = app.logged_in(&demo_email("gestionnaire.horizon")).await;
    let id: Uuid =
        sqlx::query_scalar("SELECT id FROM entites WHERE nom = 'Association Horizon'").fetch_one(&pool).await.unwrap();
    let mut args = vec![("id", id.to_string()), ("version", "1".into())];
    args.extend(form("Horizon piraté", "732829320", &[("form[telephone]", "+33 2 99 11 22 33")]));
    let res = ge.call("/api/offre/entites/update", &args).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let after = repo::load(&pool, id).await.unwrap().unwrap();
    assert_eq!((after.form.nom.as_str(), after.form.siren.as_str()), ("Association Horizon", "123456782"));
    assert_eq!(after.form.telephone, "0299112233");
    let lines = history::of(&pool, Object::Entite, &id.to_string()).await.unwrap();
    let fields: Vec<&str> = lines[0].changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["telephone"]);
    assert_eq!(lines[0].changes[0].after.as_deref(), Some("02 99 11 22 33"));

    // The same version again: somebody (here: itself) changed it meanwhile.
    let (status, error) = error_of(ge.call("/api/offre/entites/update", &args).await).await;
    assert_eq!((status, error), (409, AppError::Conflict { current_version: 2 }));
}

#[sqlx::test(migrations = "../migrations")]
async fn siren_and_name_are_unique_and_a_territory_is_not_left(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let (status, error) =
        error_of(ddets.call("/api/offre/entites/create", &form("Autre nom", "123456782", &[])).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["siren".to_string()]));
    let (_, error) =
        error_of(ddets.call("/api/offre/entites/create", &form("association horizon", "732829320", &[])).await).await;
    assert_eq!(field_of(&error), ["nom"], "unique in the département, whatever the case");
    // Another département's administrator may use the name there.
    let national = app.logged_in(&demo_email("admin.national")).await;
    let mut other = form("Association Horizon", "732829320", &[]);
    other[2].1 = "13".into();
    create(&national, other).await;

    // A départemental administrator does not reach into another département.
    let (status, error) = error_of(
        ddets
            .call("/api/offre/entites/create", &form("Relais", "552081317", &[("form[autres_departements]", "13")]))
            .await,
    )
    .await;
    assert_eq!((status, field_of(&error)), (422, vec!["autres_departements".to_string()]));
    // Hostile input: control characters, an unknown département, an IDCC without "Autre".
    let (status, error) = error_of(
        ddets
            .call(
                "/api/offre/entites/create",
                &form("Nom\u{7}", "552081317", &[("form[idcc]", "413"), ("form[convention_collective]", "inconnue")]),
            )
            .await,
    )
    .await;
    assert_eq!((status, field_of(&error)), (422, vec!["nom".to_string(), "idcc".to_string()]));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM entites").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 14, "nothing created by the refused calls (12 demo entités, Sud, the national one)");
}

fn dispositif(entite: Uuid, nom: &str, p177: bool, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("form[entite_id]", entite.to_string()),
        ("form[nom]", nom.to_string()),
        ("form[departement_code]", "35".into()),
        ("form[nature_code]", "logement_rs".into()),
        ("form[type_code]", "logement_rs.pension_de_famille".into()),
        ("form[publics][0]", "hommes_seuls".into()),
    ];
    if p177 {
        f.push(("form[finance_p177]", "oui".into()));
    }
    for (k, v) in extra {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = v.to_string(),
            None => f.push((k, v.to_string())),
        }
    }
    f
}

#[sqlx::test(migrations = "../migrations")]
async fn dispositifs_follow_the_p177_rule_the_nomenclature_and_the_circuit(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let siao = app.logged_in(&demo_email("admin.siao35")).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let horizon: Uuid =
        sqlx::query_scalar("SELECT id FROM entites WHERE nom = 'Association Horizon'").fetch_one(&pool).await.unwrap();
    let create = "/api/offre/dispositifs/create";

    // P177: the département's; the others: the SIAO's.
    assert_eq!(siao.call(create, &dispositif(horizon, "Pension P177", true, &[])).await.status(), 403);
    assert_eq!(ddets.call(create, &dispositif(horizon, "Pension hors P177", false, &[])).await.status(), 403);
    let res = ddets.call(create, &dispositif(horizon, "Pension P177", true, &[])).await;
    assert_eq!(res.status(), 200);
    let p177: Uuid = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(app::offre::dispositifs::repo::load(&pool, p177).await.unwrap().unwrap().statut, Statut::Valide);

    // The nomenclature: a type of the chosen nature, valid today; a département of the entité.
    let (status, error) = error_of(
        siao.call(create, &dispositif(horizon, "Pension", false, &[("form[type_code]", "hebergement.chrs")])).await,
    )
    .await;
    assert_eq!((status, field_of(&error)), (422, vec!["type_code".to_string()]));
    let (_, error) = error_of(
        siao.call(create, &dispositif(horizon, "Pension", false, &[("form[type_code]", "hebergement.chrs_115")])).await,
    )
    .await;
    assert_eq!(field_of(&error), ["type_code"], "a 2023-only type is no longer offered");
    let elsewhere = dispositif(horizon, "Pension", false, &[("form[departement_code]", "22")]);
    assert_eq!(siao.call(create, &elsewhere).await.status(), 403, "outside the SIAO's territory");
    let national = app.logged_in(&demo_email("admin.national")).await;
    let (_, error) = error_of(national.call(create, &elsewhere).await).await;
    assert_eq!(field_of(&error), ["departement_code"], "the entité does not operate there");

    let res = siao.call(create, &dispositif(horizon, "Pension du Relais bis", false, &[])).await;
    assert_eq!(res.status(), 200);
    let draft: Uuid = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    let load = |id| {
        let pool = pool.clone();
        async move { app::offre::dispositifs::repo::load(&pool, id).await.unwrap().unwrap() }
    };
    assert_eq!(load(draft).await.statut, Statut::Brouillon);
    let step = |client: TestApp, transition: &'static str, version: i32| async move {
        let args =
            [("id", draft.to_string()), ("version", version.to_string()), ("transition", transition.to_string())];
        client.call("/api/offre/dispositifs/move", &args).await.status()
    };
    assert_eq!(step(siao.clone(), "prevalider", 1).await, 200);
    assert_eq!(step(ddets.clone(), "valider", 1).await, 409, "a stale version");
    assert_eq!(step(ddets.clone(), "valider", 2).await, 200);
    assert_eq!(load(draft).await.statut, Statut::Valide);
    let lines = history::of(&pool, Object::Dispositif, &draft.to_string()).await.unwrap();
    assert_eq!(lines.len(), 3);
    assert!(lines[2]
        .changes
        .iter()
        .any(|c| c.label == "Public accueilli" && c.after.as_deref() == Some("Hommes seuls")));
}
