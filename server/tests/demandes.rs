//! Demandes and orientation on a real database: a demande d'insertion from the prescripteur's draft to the
//! ménage's departure, through the SIAO's waiting list and the dispositif's decision (places, scope,
//! notifications, mails, history); illegal steps refused; and the last free place given to exactly one of
//! fifty listeners orienting at once.

mod common;

use common::builders::MenageBuilder;
use common::{demo_email, error_of, field_of, json, seed, spawn_app, user_id};
use sqlx::PgPool;
use uuid::Uuid;

use app::demande::model::{Compatible, DemandeView, OrientationStatut, Statut};
use app::error::AppError;

/// The demo groupe "Chambres familles" of the CHRS Horizon (insertion).
const CHAMBRES_FAMILLES: Uuid = Uuid::from_u128(0x35_0301);

#[sqlx::test(migrations = "../migrations")]
async fn an_insertion_demande_from_the_draft_to_the_departure(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let os = app.logged_in(&demo_email("operateur.siao35")).await;
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let ts_id = user_id(&pool, &demo_email("ts.chrs")).await;
    // A family of the TS (a mother and her child), not followed by anyone else yet.
    let (menage, personnes) = MenageBuilder::new("35", ts_id)
        .person("Durand", "Léa", Some("1990-03-01"))
        .person("Durand", "Tom", Some("2019-06-01"))
        .insert(&pool)
        .await;
    sqlx::query("UPDATE personnes SET sexe = 'FEMME' WHERE id = $1").bind(personnes[0]).execute(&pool).await.unwrap();
    let target = app::menage::repo::target_of(&pool, menage).await.unwrap().unwrap();
    assert_eq!((target.owner, target.dispositifs.len()), (Some(ts_id), 0), "the author follows it alone");

    // The draft: the persons are mandatory; codes must be in their référentiels.
    let mut form = vec![("menage_id", menage.to_string())];
    let (status, error) = error_of(ts.call("/api/demandes/create", &form).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["personnes".to_string()]));
    form.extend([
        ("form[personnes][0]", personnes[0].to_string()),
        ("form[personnes][1]", personnes[1].to_string()),
        ("form[motif_demande]", "pas-un-code".into()),
    ]);
    let (status, error) = error_of(ts.call("/api/demandes/create", &form).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["motif_demande".to_string()]));
    form.pop();
    let id: Uuid = json(ts.call("/api/demandes/create", &form).await).await;
    let get = async |client: &common::TestApp| -> DemandeView {
        json(client.call("/api/demandes/get", &[("id", id.to_string())]).await).await
    };
    let d = get(&ts).await;
    assert_eq!(
        (d.statut, d.nb_personnes, d.composition.as_str()),
        (Statut::Brouillon, 2, "Femme seule avec enfant(s)")
    );

    // Transmitting an incomplete demande is refused with what is missing; the SIAO cannot orient a draft.
    let step = |v: i32| vec![("id", id.to_string()), ("version", v.to_string())];
    let (status, error) = error_of(ts.call("/api/demandes/transmit", &step(d.version)).await).await;
    assert_eq!(status, 422, "{error}");
    assert!(error.to_string().contains("situation"), "{error}");
    let mut update = step(d.version);
    update.extend([
        ("form[personnes][0]", personnes[0].to_string()),
        ("form[personnes][1]", personnes[1].to_string()),
        ("form[situation_demande]", "20".into()),
        ("form[motif_demande]", "204".into()),
        ("form[preconisations][0]", "400".into()),
    ]);
    let v: i32 = json(ts.call("/api/demandes/update", &update).await).await;
    json::<()>(ts.call("/api/demandes/transmit", &step(v)).await).await;
    // The ménage is now followed through the TS's dispositif (the CHRS), no longer as his creation.
    let target = app::menage::repo::target_of(&pool, menage).await.unwrap().unwrap();
    assert_eq!(target.owner, None);
    assert_eq!(target.dispositifs.len(), 1);

    // The SIAO sends it back to complete; the TS transmits again; the SIAO puts it on the list.
    let d = get(&os).await;
    assert_eq!(d.statut, Statut::Transmise);
    let mut back = step(d.version);
    back.push(("commentaire", "Joindre l'avis d'expulsion".into()));
    json::<()>(os.call("/api/demandes/return", &back).await).await;
    let d = get(&ts).await;
    assert_eq!(d.statut, Statut::ACompleter);
    json::<()>(ts.call("/api/demandes/transmit", &step(d.version)).await).await;
    let d = get(&os).await;
    // A stale version is refused, whatever the step.
    let (status, _) = error_of(os.call("/api/liste-attente/inscrire", &step(d.version - 1)).await).await;
    assert_eq!(status, 422);
    json::<()>(os.call("/api/liste-attente/inscrire", &step(d.version)).await).await;
    let (lines, total): (Vec<app::demande::model::AttenteLine>, i64) =
        json(os.call("/api/liste-attente/list", &[("composition", "40".into())]).await).await;
    assert!(total >= 1 && lines.iter().any(|l| l.demande_id == id), "{lines:?}");

    // Compatible groupes: the CHRS's family rooms (insertion, public "familles", free places) rank first.
    let compatibles: Vec<Compatible> =
        json(os.call("/api/orientations/compatibles", &[("demande_id", id.to_string())]).await).await;
    assert_eq!(compatibles.first().map(|c| c.groupe_id), Some(CHAMBRES_FAMILLES), "{compatibles:?}");
    assert!(compatibles.iter().all(|c| c.canal != "urgence_115" && c.libres >= 2));
    let free = |pool: &PgPool| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM places WHERE groupe_id = $1 AND statut = 'libre' AND orientation_id IS NULL",
            )
            .bind(CHAMBRES_FAMILLES)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let before = free(&pool).await;
    let d = get(&os).await;
    let orient = vec![
        ("demande_id", id.to_string()),
        ("version", d.version.to_string()),
        ("groupe_id", CHAMBRES_FAMILLES.to_string()),
    ];
    json::<Uuid>(os.call("/api/orientations/orient", &orient).await).await;
    assert_eq!(free(&pool).await, before - 2, "two places held for the two persons");

    // The dispositif refuses (a motif is mandatory): the demande is back on the list, the places free.
    let d = get(&rd).await;
    let o = d.orientation().expect("a live orientation").clone();
    assert_eq!(o.statut, OrientationStatut::Proposee);
    let decide = |v: i32, decision: &str, motif: &str| {
        vec![
            ("id", o.id.to_string()),
            ("version", v.to_string()),
            ("decision", decision.to_string()),
            ("motif_refus", motif.to_string()),
        ]
    };
    let (status, error) = error_of(rd.call("/api/orientations/decide", &decide(o.version, "refuser", "")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["motif_refus".to_string()]));
    json::<()>(rd.call("/api/orientations/decide", &decide(o.version, "refuser", "plus_de_place")).await).await;
    assert_eq!(free(&pool).await, before);
    let d = get(&os).await;
    assert_eq!(d.statut, Statut::EnAttente);

    // Oriented again, accepted, arrival, departure.
    let orient = vec![
        ("demande_id", id.to_string()),
        ("version", d.version.to_string()),
        ("groupe_id", CHAMBRES_FAMILLES.to_string()),
    ];
    let oid: Uuid = json(os.call("/api/orientations/orient", &orient).await).await;
    let d = get(&rd).await;
    let v = d.orientation().unwrap().version;
    json::<()>(rd.call("/api/orientations/decide", &decide_of(oid, v, "accepter")).await).await;
    // Arrival before acceptance would have been refused; departure before arrival is.
    let v = get(&rd).await.orientation().unwrap().version;
    let leave = vec![("id", oid.to_string()), ("version", v.to_string()), ("situation_sortie", "41".into())];
    let (status, _) = error_of(rd.call("/api/orientations/departure", &leave).await).await;
    assert_eq!(status, 422);
    json::<()>(rd.call("/api/orientations/arrival", &[("id", oid.to_string()), ("version", v.to_string())]).await)
        .await;
    let occupied: i64 =
        sqlx::query_scalar("SELECT count(*) FROM places WHERE orientation_id = $1 AND statut = 'occupee'")
            .bind(oid)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(occupied, 2);
    let d = get(&rd).await;
    assert_eq!(d.statut, Statut::Admise);
    let v = d.orientation().unwrap().version;
    let leave = vec![("id", oid.to_string()), ("version", v.to_string()), ("situation_sortie", "41".into())];
    json::<()>(rd.call("/api/orientations/departure", &leave).await).await;
    let d = get(&os).await;
    assert_eq!(d.statut, Statut::Terminee);
    assert_eq!(free(&pool).await, before);
    let events: Vec<String> = d.historique.iter().map(|e| e.vers.code().to_string()).collect();
    assert_eq!(
        events,
        [
            "brouillon",
            "brouillon",
            "transmise",
            "a_completer",
            "transmise",
            "en_attente",
            "orientee",
            "en_attente",
            "orientee",
            "acceptee",
            "admise",
            "terminee"
        ]
    );

    // Closing the last link took the ménage out of the RD's and the TS's scope.
    let target = app::menage::repo::target_of(&pool, menage).await.unwrap().unwrap();
    assert_eq!((target.owner, target.dispositifs.len()), (None, 0));
    assert_eq!(rd.call("/api/demandes/get", &[("id", id.to_string())]).await.status(), 403);

    // The TS was told of the return, the orientations, the refusal and the acceptance, in the app and by mail.
    let titles: Vec<String> = sqlx::query_scalar("SELECT titre FROM notifications WHERE user_id = $1 ORDER BY id")
        .bind(ts_id)
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(
        titles.iter().any(|t| t.contains("refusée")) && titles.iter().any(|t| t.contains("acceptée")),
        "{titles:?}"
    );
    let mails: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE kind = 'notification' AND recipient = $1")
        .bind(demo_email("ts.chrs"))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(mails >= 4, "{mails} mails");
}

fn decide_of(id: Uuid, version: i32, decision: &str) -> Vec<(&'static str, String)> {
    vec![("id", id.to_string()), ("version", version.to_string()), ("decision", decision.to_string())]
}

#[sqlx::test(migrations = "../migrations")]
async fn fifty_listeners_orienting_to_the_last_place_exactly_one_gets_it(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let listener = app.logged_in(&demo_email("ecoutant.115")).await;
    let author = user_id(&pool, &demo_email("ecoutant.115")).await;
    // One emergency groupe with one free place, and fifty 115 demandes on hold.
    let groupe: Uuid = sqlx::query_scalar(
        "INSERT INTO groupes_places (dispositif_id, nom, canal, publics)
         VALUES ($1, 'Dernière place', 'urgence_115', '{tout_public}') RETURNING id",
    )
    .bind(Uuid::from_u128(0x35_0201))
    .fetch_one(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO places (groupe_id, numero) VALUES ($1, 1)").bind(groupe).execute(&pool).await.unwrap();
    let mut demandes = vec![];
    for i in 0..50 {
        let (menage, personnes) =
            MenageBuilder::new("35", author).person(&format!("Appel{i}"), "Camille", None).insert(&pool).await;
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, nb_adultes, nb_mineurs,
                                   created_by, appel_at, motif_appel)
             VALUES (gen_random_uuid(), 'urgence_115', $1, '35', $2, 'en_attente', 1, 0, $3, now(), 'hebergement_nuit')
             RETURNING id",
        )
        .bind(menage)
        .bind(&personnes)
        .bind(author)
        .fetch_one(&pool)
        .await
        .unwrap();
        demandes.push(id);
    }
    let calls = demandes.iter().map(|id| {
        let args =
            vec![("demande_id", id.to_string()), ("version", "1".to_string()), ("groupe_id", groupe.to_string())];
        let client = &listener;
        async move { client.call("/api/orientations/orient", &args).await }
    });
    let answers = futures::future::join_all(calls).await;
    let mut won = 0;
    for res in answers {
        match res.status().as_u16() {
            200 => won += 1,
            _ => {
                let (status, error) = error_of(res).await;
                assert_eq!(status, 422, "{error:?}");
                assert!(matches!(&error, AppError::Refused(m) if m.contains("attribuées")), "{error:?}");
            }
        }
    }
    assert_eq!(won, 1);
    // The invariant: no place holds two ménages, each live orientation holds its places, nothing else is held.
    let (held, live, oriented): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM places WHERE groupe_id = $1 AND orientation_id IS NOT NULL),
                (SELECT coalesce(sum(nb_places), 0) FROM orientations WHERE groupe_id = $1 AND statut IN ('proposee', 'acceptee', 'admise')),
                (SELECT count(*) FROM demandes WHERE id = ANY ($2) AND statut = 'orientee')",
    )
    .bind(groupe)
    .bind(&demandes)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((held, live, oriented), (1, 1, 1));
}

/// A demande of the TS's family, put straight on the waiting list (the flow above tests how it gets there).
async fn waiting_demande(pool: &PgPool, menage: Uuid, personnes: &[Uuid], author: Uuid) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, nb_adultes, nb_mineurs,
                               composition_code, situation_demande, motif_demande, preconisations, created_by,
                               transmise_initiale_at, en_attente_depuis)
         VALUES (gen_random_uuid(), 'insertion', $1, '35', $2, 'en_attente', 1, 1, '40', '20', '204', '{400}', $3,
                 now(), now())
         RETURNING id",
    )
    .bind(menage)
    .bind(personnes)
    .bind(author)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_commission_session_decides_on_its_agenda(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let os = app.logged_in(&demo_email("operateur.siao35")).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let ts_id = user_id(&pool, &demo_email("ts.chrs")).await;
    let (menage, personnes) = MenageBuilder::new("35", ts_id)
        .person("Durand", "Léa", Some("1990-03-01"))
        .person("Durand", "Tom", Some("2019-06-01"))
        .insert(&pool)
        .await;
    let first = waiting_demande(&pool, menage, &personnes, ts_id).await;
    let second = waiting_demande(&pool, menage, &personnes[..1], ts_id).await;

    // A session: its date and title are mandatory; only the SIAO schedules one.
    let week = (chrono::Utc::now().date_naive() + chrono::Duration::days(7)).to_string();
    let (status, error) =
        error_of(os.call("/api/commissions/create", &[("form[date_seance]", week.clone())]).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["intitule".to_string()]));
    let form = [("form[date_seance]", week), ("form[intitule]", "Commission insertion Rennes".to_string())];
    assert_eq!(ts.call("/api/commissions/create", &form).await.status(), 403);
    let session: Uuid = json(os.call("/api/commissions/create", &form).await).await;

    // Presenting a demande needs a coming session of its territory.
    let get =
        async |id: Uuid| -> DemandeView { json(os.call("/api/demandes/get", &[("id", id.to_string())]).await).await };
    let present = async |id: Uuid, session: &str| {
        let d = get(id).await;
        let form = [("id", id.to_string()), ("version", d.version.to_string()), ("commission_id", session.to_string())];
        os.call("/api/liste-attente/commission", &form).await
    };
    let (status, error) = error_of(present(first, "").await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["commission_id".to_string()]));
    json::<()>(present(first, &session.to_string()).await).await;
    json::<()>(present(second, &session.to_string()).await).await;
    let agenda: app::demande::model::CommissionView =
        json(os.call("/api/commissions/get", &[("id", session.to_string())]).await).await;
    let order: Vec<(i32, Uuid)> = agenda.points.iter().map(|p| (p.rang, p.demande_id)).collect();
    assert_eq!(order, [(1, first), (2, second)]);
    assert!(agenda.points.iter().all(|p| p.statut == Statut::EnCommission && p.decision.is_none()));

    // Decisions: a favourable opinion keeps the first before the commission (to orient); the second is
    // adjourned, back on the list. A point is decided once.
    let decide = async |id: Uuid, decision: &str| {
        let d = get(id).await;
        let form = [
            ("commission_id", session.to_string()),
            ("demande_id", id.to_string()),
            ("version", d.version.to_string()),
            ("decision", decision.to_string()),
        ];
        os.call("/api/commissions/decide", &form).await
    };
    let (status, error) = error_of(decide(first, "peut-etre").await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["decision".to_string()]));
    json::<()>(decide(first, "avis_favorable").await).await;
    let (status, _) = error_of(decide(first, "ajournee").await).await;
    assert_eq!(status, 422, "decided once");
    json::<()>(decide(second, "ajournee").await).await;
    assert_eq!(get(first).await.statut, Statut::EnCommission);
    let d = get(second).await;
    assert_eq!(d.statut, Statut::EnAttente);
    assert!(d.historique.last().and_then(|e| e.commentaire.clone()).is_some_and(|c| c.contains("ajournée")));
    let agenda: app::demande::model::CommissionView =
        json(os.call("/api/commissions/get", &[("id", session.to_string())]).await).await;
    assert_eq!(agenda.line.decidees, 2);
    // A demande not on this agenda is not found there.
    let other = waiting_demande(&pool, menage, &personnes[..1], ts_id).await;
    let (status, _) = error_of(decide(other, "ajournee").await).await;
    assert_eq!(status, 404);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_structure_admits_directly_then_moves_the_menage_within_itself(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let os = app.logged_in(&demo_email("operateur.siao35")).await;
    let rd_id = user_id(&pool, &demo_email("responsable.chrs")).await;
    // A family who came to the CHRS's door: the RD records it.
    let (menage, personnes) = MenageBuilder::new("35", rd_id)
        .person("Keller", "Anna", Some("1988-01-01"))
        .person("Keller", "Lou", Some("2020-01-01"))
        .insert(&pool)
        .await;
    let admit = |groupe: Uuid| {
        vec![
            ("menage_id", menage.to_string()),
            ("form[personnes][0]", personnes[0].to_string()),
            ("form[personnes][1]", personnes[1].to_string()),
            ("form[groupe_id]", groupe.to_string()),
        ]
    };
    // Another structure's groupe (the hotel of Ker Avel) is not offered; the TS, the SIAO do not admit.
    let hotel = Uuid::from_u128(0x35_0304);
    let (status, error) = error_of(rd.call("/api/orientations/admission-directe", &admit(hotel)).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["groupe_id".to_string()]));
    assert_eq!(ts.call("/api/orientations/admission-directe", &admit(CHAMBRES_FAMILLES)).await.status(), 403);
    assert_eq!(os.call("/api/orientations/admission-directe", &admit(CHAMBRES_FAMILLES)).await.status(), 403);
    let mut future = admit(CHAMBRES_FAMILLES);
    future.push(("form[arrivee_le]", "2099-01-01".into()));
    let (status, error) = error_of(rd.call("/api/orientations/admission-directe", &future).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["arrivee_le".to_string()]));

    let id: Uuid = json(rd.call("/api/orientations/admission-directe", &admit(CHAMBRES_FAMILLES)).await).await;
    let d: DemandeView = json(rd.call("/api/demandes/get", &[("id", id.to_string())]).await).await;
    assert!(d.admission_directe);
    assert_eq!(d.statut, Statut::Admise);
    let o = d.orientation().expect("the prise en charge").clone();
    assert_eq!((o.statut, o.groupe_id, o.nb_places), (OrientationStatut::Admise, CHAMBRES_FAMILLES, 2));
    let held = |pool: &PgPool, o: Uuid| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (Uuid, String)>(
                "SELECT groupe_id, statut FROM places WHERE orientation_id = $1 ORDER BY numero",
            )
            .bind(o)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    let places = held(&pool, o.id).await;
    assert_eq!(places.len(), 2);
    assert!(places.iter().all(|(g, s)| *g == CHAMBRES_FAMILLES && s == "occupee"), "{places:?}");
    // Counted: on the structure's board and the SIAO's.
    let board: app::demande::model::OrientationsBoard = json(rd.call("/api/orientations/list", &[]).await).await;
    assert_eq!(board.admissions_directes, 1);
    let board: app::demande::model::OrientationsBoard = json(os.call("/api/orientations/list", &[]).await).await;
    assert_eq!(board.admissions_directes, 1);

    // The move: to another groupe of the CHRS (its emergency places), never to another structure's.
    let targets: Vec<app::demande::model::PlacesLibres> =
        json(rd.call("/api/orientations/move-targets", &[("id", o.id.to_string())]).await).await;
    let urgence = Uuid::from_u128(0x35_0302);
    assert_eq!(targets.iter().map(|t| t.groupe_id).collect::<Vec<_>>(), [urgence]);
    let step = |v: i32, groupe: Uuid| {
        vec![("id", o.id.to_string()), ("version", v.to_string()), ("groupe_id", groupe.to_string())]
    };
    let (status, error) = error_of(rd.call("/api/orientations/move", &step(o.version, hotel)).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["groupe_id".to_string()]));
    assert_eq!(error_of(rd.call("/api/orientations/move", &step(o.version - 1, urgence)).await).await.0, 422);
    json::<()>(rd.call("/api/orientations/move", &step(o.version, urgence)).await).await;
    let places = held(&pool, o.id).await;
    assert!(places.len() == 2 && places.iter().all(|(g, s)| *g == urgence && s == "occupee"), "{places:?}");
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM places WHERE groupe_id = $1 AND orientation_id = $2")
        .bind(CHAMBRES_FAMILLES)
        .bind(o.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "the former places are free");
    let d: DemandeView = json(rd.call("/api/demandes/get", &[("id", id.to_string())]).await).await;
    assert_eq!(d.orientation().map(|o| o.groupe_id), Some(urgence));
    let events: Vec<String> = d.historique.iter().map(|e| e.evenement.clone()).collect();
    assert_eq!(events, ["admettre directement", "changer de place pour"]);
}
