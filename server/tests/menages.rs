//! The fiche ménage on a real database: creation and history, a stale save refused with what changed,
//! the scope of the search (typos, swapped names, another territory), the duplicate check, the audit of
//! every opening, detaching a person.

mod common;

use common::{demo_email, error_of, field_of, seed, spawn_app, TestApp};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::history::repo as history;
use app::menage::model::{Duplicates, Fiche, Role, SearchHit};
use app::menage::repo;
use app::rights::model::Object;

async fn load(pool: &PgPool, id: Uuid) -> Fiche {
    repo::load(pool, id).await.unwrap().unwrap()
}

async fn create(client: &TestApp, nom: &str, prenoms: &str, naissance: &str) -> Uuid {
    let args = [
        ("form[nom_naissance]", nom.to_string()),
        ("form[prenoms]", prenoms.to_string()),
        ("form[date_naissance]", naissance.to_string()),
        ("form[sexe]", "FEMME".to_string()),
    ];
    let res = client.call("/api/menages/create", &args).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn search(client: &TestApp, q: &str) -> (Vec<SearchHit>, i64) {
    let res = client.call("/api/menages/search", &[("form[q]", q.to_string())]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

fn situation(id: Uuid, version: i32, domiciliation: &str) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_string()),
        ("version", version.to_string()),
        ("form[situation_logement]", "20".to_string()),
        ("form[domiciliation]", domiciliation.to_string()),
    ]
}

#[sqlx::test(migrations = "../migrations")]
async fn a_ts_creates_a_menage_fills_it_and_a_stale_save_shows_what_changed(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let id = create(&ts, "Kerlo", "Anaïs", "1994-07-12").await;
    let fiche = load(&pool, id).await;
    assert_eq!(fiche.departement_code, "35");
    assert_eq!(fiche.composition().summary(), "Femme seule — 1 adulte(s) - 0 mineur(s)");
    assert!(app::menage::model::cle::parse(&fiche.cle).is_some_and(|k| k.starts_with('M')));

    // Two persons: a child joins; the composition follows.
    let child = [
        ("menage_id", id.to_string()),
        ("version", "1".to_string()),
        ("role", "enfant".to_string()),
        ("form[nom_naissance]", "Kerlo".to_string()),
        ("form[prenoms]", "Malo".to_string()),
        ("form[date_naissance]", "2021-02-01".to_string()),
    ];
    assert_eq!(ts.call("/api/menages/add-person", &child).await.status(), 200);
    let fiche = load(&pool, id).await;
    assert_eq!(fiche.version, 2);
    assert_eq!(fiche.composition().code.as_deref(), Some("40"));

    // The TS saves the situation; the Écoutant 115, on the version he loaded before, is told what changed.
    assert_eq!(ts.call("/api/menages/situation", &situation(id, 2, "CCAS de Rennes")).await.status(), 200);
    let ecoutant = app.logged_in(&demo_email("ecoutant.115")).await;
    let (status, error) = error_of(ecoutant.call("/api/menages/situation", &situation(id, 2, "Emmaüs")).await).await;
    assert_eq!(status, 409);
    let AppError::Stale { current_version, changes } = error else { panic!("a stale save: {error:?}") };
    assert_eq!(current_version, 3);
    assert!(changes.iter().any(|c| c.contains("Théo Travailleur") && c.contains("« CCAS de Rennes »")), "{changes:?}");
    // Knowing it, he saves on the current version.
    assert_eq!(ecoutant.call("/api/menages/situation", &situation(id, 3, "Emmaüs")).await.status(), 200);
    assert_eq!(load(&pool, id).await.situation.domiciliation, "Emmaüs");

    // The history: creation, the added person, both saves, field by field.
    let lines = history::of(&pool, Object::Menage, &id.to_string()).await.unwrap();
    let actions: Vec<&str> = lines.iter().rev().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, ["Création", "Ajout d'une personne", "Modification", "Modification"]);
    let last = &lines[0].changes;
    assert_eq!(last.len(), 1);
    assert_eq!((last[0].before.as_deref(), last[0].after.as_deref()), (Some("CCAS de Rennes"), Some("Emmaüs")));

    // A code outside the référentiel, a birth date in the future: field errors, nothing saved.
    let mut bad = situation(id, 4, "x");
    bad[2].1 = "999".into();
    let (status, error) = error_of(ts.call("/api/menages/situation", &bad).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["situation_logement".to_string()]));
    let (status, error) = error_of(
        ts.call(
            "/api/menages/create",
            &[
                ("form[nom_naissance]", "A".into()),
                ("form[prenoms]", "B".into()),
                ("form[date_naissance]", "2999-01-01".into()),
            ],
        )
        .await,
    )
    .await;
    assert_eq!((status, field_of(&error)), (422, vec!["date_naissance".to_string()]));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_search_tolerates_typos_and_swapped_names_within_the_scope(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;
    // The demo holds Sophie MARTIN (02/03/1990) and a likely duplicate, Sofie MARTIN.
    for q in ["martin sophie", "Sophie Martin", "MARTIN Sofie", "Martn Sophie", "martín"] {
        let (hits, _) = search(&operateur, q).await;
        assert!(hits.iter().any(|h| h.nom == "MARTIN" && h.prenoms == "Sophie"), "{q}: {hits:?}");
    }
    let (hits, _) = search(&operateur, "Marseille Lina").await;
    assert!(hits.is_empty(), "a ménage of the Bouches-du-Rhône is outside the SIAO 35: {hits:?}");

    // A TS finds the ménages they created and those linked to his dispositif (its demandes, the demo's
    // admissions at the CHRS); the Responsable of the
    // CHRS created none: he finds those the demo's demandes written from the CHRS link to it.
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let (_, by_ts) = search(&ts, "").await;
    let created: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM menages m
         WHERE m.created_by = (SELECT id FROM users WHERE email = 'ts.chrs@demo.si-siao.fr')
            OR m.id IN (SELECT l.menage_id FROM menage_liens l WHERE l.dispositif_id = '00000000-0000-0000-0000-000000350201')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(by_ts, created);
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let linked: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT l.menage_id) FROM menage_liens l JOIN user_dispositifs ud ON ud.dispositif_id = l.dispositif_id
         JOIN users u ON u.id = ud.user_id WHERE u.email = 'responsable.chrs@demo.si-siao.fr'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(linked > 0);
    assert_eq!(search(&rd, "").await.1, linked);
    let sophie = uuid::Uuid::from_u128(0x35_1000);
    assert!(!search(&rd, "Martin Sophie").await.0.iter().any(|h| h.menage_id == sophie), "not linked to the CHRS");

    // By number and by key.
    let fiche = load(&pool, hits_menage(&search(&operateur, "Martin Sophie").await.0)).await;
    let (hits, _) = search(&operateur, &format!("MÉNAGE {}", fiche.numero)).await;
    assert_eq!(hits[0].menage_id, fiche.id);
    let (hits, _) = search(&operateur, &fiche.cle.to_lowercase()).await;
    assert_eq!(hits[0].menage_id, fiche.id);
}

fn hits_menage(hits: &[SearchHit]) -> Uuid {
    hits.iter().find(|h| h.prenoms == "Sophie").expect("Sophie").menage_id
}

#[sqlx::test(migrations = "../migrations")]
async fn creating_a_known_person_warns_of_the_likely_duplicates(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;
    let args = [
        ("nom", "Martin".to_string()),
        ("prenoms", "Sophie".to_string()),
        ("date_naissance", "1990-03-02".to_string()),
    ];
    let res = operateur.call("/api/menages/duplicates", &args).await;
    assert_eq!(res.status(), 200);
    let found: Duplicates = res.json().await.unwrap();
    let names: Vec<String> = found.visible.iter().map(|c| c.prenoms.clone()).collect();
    assert!(names.contains(&"Sophie".to_string()) && names.contains(&"Sofie".to_string()), "{names:?}");
    assert!(found.visible.iter().all(|c| c.raison == "même date de naissance"));
    assert_eq!(found.elsewhere, 0);
    // The Responsable of the CHRS follows neither: they are counted, not shown.
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let found: Duplicates = rd.call("/api/menages/duplicates", &args).await.json().await.unwrap();
    assert_eq!((found.visible.len(), found.elsewhere), (0, 2));
    // Another birth date, far from theirs: no candidate.
    let args = [
        ("nom", "Martin".to_string()),
        ("prenoms", "Sophie".to_string()),
        ("date_naissance", "1950-08-20".to_string()),
    ];
    let found: Duplicates = operateur.call("/api/menages/duplicates", &args).await.json().await.unwrap();
    assert!(found.visible.is_empty(), "{found:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_opening_of_a_fiche_is_journaled_and_a_detached_person_stays_readable(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let id = create(&ts, "Riou", "Nolwenn", "").await;
    let add = [
        ("menage_id", id.to_string()),
        ("version", "1".to_string()),
        ("role", "conjoint".to_string()),
        ("form[nom_naissance]", "Tanguy".to_string()),
        ("form[prenoms]", "Erwan".to_string()),
    ];
    let partner: Uuid = ts.call("/api/menages/add-person", &add).await.json().await.unwrap();
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;
    assert_eq!(search(&operateur, "Tanguy Erwan").await.1, 1, "the SIAO finds the new member");
    assert_eq!(ts.call("/api/menages/get", &[("id", id.to_string())]).await.status(), 200);
    let (n, territory): (i64, Vec<String>) = sqlx::query_as(
        "SELECT count(*), max(departement_codes) FROM audit_log
         WHERE object = 'menage' AND action = 'consulter' AND object_id = $1 AND nominative",
    )
    .bind(id.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((n, territory), (1, vec!["35".to_string()]));

    // The demandeur principal stays; the partner is detached, never deleted.
    let principal = load(&pool, id).await.principal().unwrap().id;
    let detach = |who: Uuid, version: i32| {
        vec![("menage_id", id.to_string()), ("version", version.to_string()), ("personne_id", who.to_string())]
    };
    let (status, _) = error_of(ts.call("/api/menages/detach", &detach(principal, 2)).await).await;
    assert_eq!(status, 422);
    assert_eq!(ts.call("/api/menages/detach", &detach(partner, 2)).await.status(), 200);
    let fiche = load(&pool, id).await;
    assert_eq!(fiche.personnes.len(), 1);
    assert_eq!((fiche.anciens[0].personne_id, fiche.anciens[0].role), (partner, Role::Conjoint));
    assert_eq!((fiche.anciens.len(), fiche.anciens[0].nom.as_str()), (1, "TANGUY Erwan"));
    let lines = history::of(&pool, Object::Personne, &partner.to_string()).await.unwrap();
    assert_eq!(lines[0].action, "Détachement");
    assert_eq!(search(&operateur, "Tanguy Erwan").await.1, 0, "a detached person is in no ménage to find");
    // The search table (kept by the database's triggers) holds exactly the members of current ménages.
    let (stray, missing): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM recherche_personnes r WHERE NOT EXISTS (SELECT 1 FROM menage_membres mm
                   JOIN menages m ON m.id = mm.menage_id WHERE mm.personne_id = r.personne_id
                   AND mm.jusqu_au IS NULL AND m.departement_code = r.departement_code)),
                (SELECT count(*) FROM menage_membres mm JOIN personnes p ON p.id = mm.personne_id
                   WHERE mm.jusqu_au IS NULL AND NOT EXISTS (SELECT 1 FROM recherche_personnes r
                   WHERE r.personne_id = p.id AND r.noms = p.noms_recherche))",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((stray, missing), (0, 0));

    // The Responsable of the same CHRS does not follow this ménage: 403.
    let other = app.logged_in(&demo_email("responsable.chrs")).await;
    assert_eq!(other.call("/api/menages/get", &[("id", id.to_string())]).await.status(), 403);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_sensitive_block_reaches_only_the_profiles_of_its_cell_and_every_read_is_journaled(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let id = create(&ts, "Le Bihan", "Morgane", "1985-09-09").await;
    let principal = load(&pool, id).await.principal().unwrap().id;
    let block = |version: &str, statut: &str| {
        vec![
            ("personne_id", principal.to_string()),
            ("version", version.to_string()),
            ("form[probleme_sante]", "oui".to_string()),
            ("form[sante_psychique]", "on".to_string()),
            ("form[justice_statut]", statut.to_string()),
            ("form[justice_mesure]", "SPIP de Rennes".to_string()),
        ]
    };
    // A code outside the référentiel is a field error; then the TS records the block.
    let (status, error) = error_of(ts.call("/api/menages/sensitive-update", &block("0", "bagne")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["justice_statut".to_string()]));
    assert_eq!(ts.call("/api/menages/sensitive-update", &block("0", "sortie_detention")).await.status(), 200);
    let (status, _) = error_of(ts.call("/api/menages/sensitive-update", &block("0", "aucune")).await).await;
    assert_eq!(status, 409, "a second first save is stale");

    // The Opérateur SIAO reads it (journaled, under the ménage's département); the Écoutant 115 never gets it.
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;
    let res = operateur.call("/api/menages/sensitive", &[("menage_id", id.to_string())]).await;
    assert_eq!(res.status(), 200);
    let blocks: Vec<app::menage::sensible::Sensible> = res.json().await.unwrap();
    assert_eq!(blocks[0].form.sante_psychique, "oui");
    assert_eq!(blocks[0].justice_label.as_deref(), Some("Sortie de détention (moins de 6 mois)"));
    let reads: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id
         WHERE a.object = 'situation_medico_sociale' AND a.action = 'consulter' AND a.outcome = 'succes'
           AND a.nominative AND a.departement_codes = '{35}' AND u.email = 'operateur.siao35@demo.si-siao.fr'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(reads, 1);
    let ecoutant = app.logged_in(&demo_email("ecoutant.115")).await;
    assert_eq!(ecoutant.call("/api/menages/sensitive", &[("menage_id", id.to_string())]).await.status(), 403);
    // The fiche page of the Écoutant holds no trace of the block; the Opérateur's shows it, read-only.
    let page = ecoutant.get(&format!("/menages/{id}")).await.text().await.unwrap();
    assert!(page.contains("MÉNAGE") && !page.contains("situation-sensible") && !page.contains("SPIP de Rennes"));
    let page = operateur.get(&format!("/menages/{id}")).await.text().await.unwrap();
    assert!(page.contains("situation-sensible") && page.contains("SPIP de Rennes"));
    assert!(!page.contains("form-s1-sensible"), "the Opérateur reads, does not write");
    // Its history is the block's own, not the fiche's.
    let lines = history::of(&pool, Object::SituationMedicoSociale, &principal.to_string()).await.unwrap();
    assert_eq!(lines.len(), 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_ts_records_a_persons_situations_and_the_budget_gives_the_reste_a_vivre(pool: PgPool) {
    use app::menage::situation::Euros;
    use app::menage::situation_server::SituationsView;
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let id = create(&ts, "Le Bihan", "Soizic", "1988-04-12").await;
    let get = || async { ts.call("/api/menages/persons-situations", &[("menage_id", id.to_string())]).await };
    let view: SituationsView = get().await.json().await.unwrap();
    let person = view.situations[0].clone();
    assert!(person.values.is_empty());

    // A code out of its list is refused next to its field; the right one is saved with its history.
    let save = |version: i32, sejour: &str| {
        vec![
            ("personne_id", person.personne_id.to_string()),
            ("version", version.to_string()),
            ("form[droit_sejour]", sejour.to_string()),
            ("form[fin_droits]", "31/12/2027".to_string()),
        ]
    };
    let (status, error) =
        error_of(ts.call("/api/menages/persons-situations-update", &save(person.version, "999")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["droit_sejour".to_string()]));
    let sejour = sqlx::query_scalar::<_, String>(
        "SELECT code FROM referentiel_valeurs WHERE referentiel = 'droit_sejours' AND active ORDER BY position LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let res = ts.call("/api/menages/persons-situations-update", &save(person.version, &sejour)).await;
    assert_eq!(res.status(), 200);
    let version: i32 = res.json().await.unwrap();
    assert_eq!(version, person.version + 1);
    // The same version again is stale: refused with what changed.
    let (status, _) =
        error_of(ts.call("/api/menages/persons-situations-update", &save(person.version, &sejour)).await).await;
    assert_eq!(status, 409);
    let view: SituationsView = get().await.json().await.unwrap();
    assert_eq!(view.situations[0].shown("fin_droits").as_deref(), Some("31/12/2027"));
    assert!(view.situations[0].labels.contains_key("droit_sejour"));

    // Budget: RSA and a rent; an unknown type and a bad amount are refused.
    let line = |kind: &str, montant: &str| {
        vec![
            ("form[personne_id]", person.personne_id.to_string()),
            ("form[type]", kind.to_string()),
            ("form[montant]", montant.to_string()),
        ]
    };
    let (status, error) = error_of(ts.call("/api/menages/budget-add", &line("ressource:9999", "10")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["type".to_string()]));
    let (status, error) = error_of(ts.call("/api/menages/budget-add", &line("ressource:60", "-3")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["montant".to_string()]));
    assert_eq!(ts.call("/api/menages/budget-add", &line("ressource:60", "607,75")).await.status(), 200);
    let rent: Uuid = ts.call("/api/menages/budget-add", &line("charge:10", "350")).await.json().await.unwrap();
    let view: SituationsView = get().await.json().await.unwrap();
    let totals = view.budget.totals(chrono::Utc::now().date_naive());
    assert_eq!((totals.reste_a_vivre, totals.par_personne_et_par_jour), (Euros(25775), Some(Euros(859))));

    // Removing the rent: kept in the history, gone from the totals; removing it twice is a 404.
    assert_eq!(ts.call("/api/menages/budget-remove", &[("id", rent.to_string())]).await.status(), 200);
    assert_eq!(ts.call("/api/menages/budget-remove", &[("id", rent.to_string())]).await.status(), 404);
    let view: SituationsView = get().await.json().await.unwrap();
    assert_eq!(view.budget.totals(chrono::Utc::now().date_naive()).reste_a_vivre, Euros(60775));
    let lines = history::of(&pool, Object::Personne, &person.personne_id.to_string()).await.unwrap();
    let comments: Vec<String> = lines.iter().filter_map(|l| l.comment.clone()).collect();
    assert!(comments.iter().any(|c| c.starts_with("Retrait : Charge Loyer 350,00")), "{comments:?}");
    assert!(lines
        .iter()
        .any(|l| l.action == "Modification des situations" && l.changes.iter().any(|c| c.label == "Fin des droits")));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_fiche_downloads_as_a_pdf_with_the_blocks_of_the_users_cells_and_is_journaled(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let id = create(&ts, "Morvan", "Anaïs", "1991-09-09").await;
    let journal = |object: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM audit_log WHERE object = $1 AND action = 'exporter' AND object_id = $2",
            )
            .bind(object)
            .bind(id.to_string())
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let res = ts.call("/api/menages/fiche-pdf", &[("id", id.to_string())]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("fiche-menage-"));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 1000);
    // The TS may export the sensitive block: both lines are in the journal.
    assert_eq!((journal("menage").await, journal("situation_medico_sociale").await), (1, 1));

    // The Opérateur SIAO exports the fiche without the sensitive block; the Écoutant 115 may not export.
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;
    assert_eq!(operateur.call("/api/menages/fiche-pdf", &[("id", id.to_string())]).await.status(), 200);
    assert_eq!((journal("menage").await, journal("situation_medico_sociale").await), (2, 1));
    let ecoutant = app.logged_in(&demo_email("ecoutant.115")).await;
    assert_eq!(ecoutant.call("/api/menages/fiche-pdf", &[("id", id.to_string())]).await.status(), 403);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_admin_siao_merges_two_duplicates_and_undoes_it_and_the_pair_is_never_proposed_again(pool: PgPool) {
    use app::menage::fusion::{FusionLine, Pair};
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let admin = app.logged_in(&demo_email("admin.siao35")).await;
    let pairs = || async {
        let res = admin.call("/api/menages/doublons", &[]).await;
        assert_eq!(res.status(), 200);
        res.json::<(Vec<Pair>, Vec<FusionLine>)>().await.unwrap()
    };
    let (found, _) = pairs().await;
    let pair = found
        .iter()
        .find(|p| p.b.form.prenoms == "Sofie" || p.a.form.prenoms == "Sofie")
        .expect("Sophie/Sofie MARTIN")
        .clone();
    assert_eq!(pair.raison, "même date de naissance");
    let (a, b) = (pair.a.clone(), pair.b.clone());
    let budget_of = |id: Uuid| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM budget_lignes WHERE personne_id = $1 AND removed_at IS NULL",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let (budget_a, budget_b) = (budget_of(a.id).await, budget_of(b.id).await);
    assert!(budget_b > 0, "the demo gives every demandeur principal a resource");

    // The merge keeps A's fiche, takes B's first names.
    let merge = vec![
        ("survivante", a.id.to_string()),
        ("absorbee", b.id.to_string()),
        ("version_survivante", a.version.to_string()),
        ("version_absorbee", b.version.to_string()),
        ("form[prenoms]", "b".to_string()),
    ];
    let res = admin.call("/api/menages/fusion", &merge).await;
    assert_eq!(res.status(), 200);
    let fusion: Uuid = res.json().await.unwrap();
    let prenoms = |id: Uuid| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, Option<Uuid>)>("SELECT prenoms, fusionnee_dans FROM personnes WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(prenoms(a.id).await, (b.form.prenoms.clone(), None));
    assert_eq!(prenoms(b.id).await.1, Some(a.id));
    assert_eq!((budget_of(a.id).await, budget_of(b.id).await), (budget_a + budget_b, 0));
    assert_eq!(repo::menage_of(&pool, b.id).await.unwrap(), None, "the absorbed person left its ménage");
    let (found, merges) = pairs().await;
    assert!(found.iter().all(|p| p.a.id != b.id && p.b.id != b.id));
    assert_eq!(merges[0].id, fusion);
    // The same merge again: B is merged (or stale).
    assert!(admin.call("/api/menages/fusion", &merge).await.status().is_client_error());

    // Undo: everything back, and the pair is never proposed again.
    assert_eq!(admin.call("/api/menages/fusion-annuler", &[("id", fusion.to_string())]).await.status(), 200);
    assert_eq!(prenoms(a.id).await, (a.form.prenoms.clone(), None));
    assert_eq!(prenoms(b.id).await, (b.form.prenoms.clone(), None));
    assert_eq!((budget_of(a.id).await, budget_of(b.id).await), (budget_a, budget_b));
    assert_eq!(repo::menage_of(&pool, b.id).await.unwrap(), Some(b.menage_id));
    let (found, merges) = pairs().await;
    assert!(found.iter().all(|p| !(p.a.id == a.id && p.b.id == b.id)), "a split pair is never proposed again");
    assert!(merges[0].annulee_le.is_some());
    let (status, _) = error_of(admin.call("/api/menages/fusion-annuler", &[("id", fusion.to_string())]).await).await;
    assert_eq!(status, 422);
    let lines = history::of(&pool, Object::Personne, &b.id.to_string()).await.unwrap();
    assert_eq!(lines.iter().map(|l| l.action.as_str()).take(2).collect::<Vec<_>>(), ["Fusion annulée", "Fusion"]);
    let journaled: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action IN ('fusionner', 'annuler_fusion') AND outcome = 'succes'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(journaled, 2);

    // The other fiche may be the one kept; here LE GALL Marie is the demandeur principal of a family: she
    // cannot be absorbed (her ménage would lose its principal), while LE GAL Marie, alone, can.
    let (found, _) = pairs().await;
    let pair = found.iter().find(|p| p.a.form.nom_naissance == "Le Gall").expect("LE GALL / LE GAL").clone();
    let keep_b = vec![
        ("survivante", pair.a.id.to_string()),
        ("absorbee", pair.b.id.to_string()),
        ("version_survivante", pair.a.version.to_string()),
        ("version_absorbee", pair.b.version.to_string()),
        ("form[conserver]", "b".to_string()),
    ];
    let (status, error) = error_of(admin.call("/api/menages/fusion", &keep_b).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["absorbee".to_string()]));
    let keep_a: Vec<_> = keep_b.into_iter().filter(|(k, _)| *k != "form[conserver]").collect();
    assert_eq!(admin.call("/api/menages/fusion", &keep_a).await.status(), 200);
    assert_eq!(prenoms(pair.b.id).await.1, Some(pair.a.id));

    // A Travailleur social may not merge.
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    assert_eq!(ts.call("/api/menages/doublons", &[]).await.status(), 403);
}
