//! The DUI API over HTTP on a real database: the exchange scenario of the seed (a partner registered and
//! habilitated on the screen, a ménage created and oriented by the professionals, then consulted and updated
//! by the partner, its changes in the fiche's history with the partner as author), and every rejection with
//! its code: no or bad token, revoked secret, unknown or out-of-scope key (answered the same), stale version,
//! concurrent updates, invalid data, composition, malformed or oversized bodies, idempotency, rate limit.

mod common;

use reqwest::StatusCode;
use serde_json::{json as j, Value};
use sqlx::PgPool;
use uuid::Uuid;

use common::{demo_email, json, seed, spawn_app, TestApp};
use server::demo::{DUI_CLIENT_ID, DUI_SECRET};

/// The demo groupe "Chambres familles" of the CHRS Horizon, and the CHRS.
const CHAMBRES_FAMILLES: Uuid = Uuid::from_u128(0x35_0301);
const CHRS: Uuid = Uuid::from_u128(0x35_0201);
/// A demo ménage admitted at the CHRS (the demo partner's way in), and one followed by nobody there.
const ADMIS: Uuid = Uuid::from_u128(0x35_1008);
const AILLEURS: Uuid = Uuid::from_u128(0x35_1000);

/// A partner's client on the API.
struct Partner {
    app: TestApp,
    token: String,
}

async fn token(app: &TestApp, client_id: &str, secret: &str) -> reqwest::Response {
    let form = [("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", secret)];
    app.client.post(app.url("/api/v1/oauth/token")).form(&form).send().await.unwrap()
}

impl Partner {
    async fn new(app: &TestApp, client_id: &str, secret: &str) -> Partner {
        let res = token(app, client_id, secret).await;
        let body: Value = json(res).await;
        assert_eq!((body["token_type"].as_str(), body["expires_in"].as_i64()), (Some("Bearer"), Some(900)));
        Partner { app: app.clone(), token: body["access_token"].as_str().unwrap().to_string() }
    }

    async fn demo(app: &TestApp) -> Partner {
        Partner::new(app, DUI_CLIENT_ID, DUI_SECRET).await
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.app.client.request(method, self.app.url(path)).bearer_auth(&self.token)
    }

    async fn answer(req: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: not JSON: {text}")))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        Self::answer(self.request(reqwest::Method::GET, path)).await
    }

    async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        Self::answer(self.request(reqwest::Method::PUT, path).json(body)).await
    }

    async fn post(&self, path: &str, body: &Value, key: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.request(reqwest::Method::POST, path).json(body);
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        Self::answer(req).await
    }
}

async fn cle_of(pool: &PgPool, menage: Uuid) -> String {
    sqlx::query_scalar("SELECT cle FROM menages WHERE id = $1").bind(menage).fetch_one(pool).await.unwrap()
}

/// The seed's scenario: registration and habilitation on `/partenaires`, a ménage created and oriented over
/// the screens' server functions, then the partner's exchange.
#[sqlx::test(migrations = "../migrations")]
async fn the_seed_scenario_over_http(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let an = app.logged_in(&demo_email("admin.national")).await;

    // The Administrateur national registers the software for the entité Horizon, habilitates it on the CHRS,
    // generates a secret: shown once.
    let form = [
        ("form[nom]", "Logiciel Passerelle".to_string()),
        ("form[editeur]", "Passerelle SAS".to_string()),
        ("form[contact_nom]", "Alex Dupuis".to_string()),
        ("form[contact_courriel]", "alex@passerelle.example".to_string()),
        ("form[siren]", "123 456 782".to_string()),
    ];
    let id: Uuid = json(an.call("/api/partenaires/create", &form).await).await;
    let habilitation = [("id", id.to_string()), ("version", "1".to_string()), ("dispositifs[0]", CHRS.to_string())];
    json::<i32>(an.call("/api/partenaires/habilitation", &habilitation).await).await;
    json::<()>(an.call("/api/partenaires/secret", &[("id", id.to_string())]).await).await;
    let view: app::interop::model::PartenaireView =
        json(an.call("/api/partenaires/get", &[("id", id.to_string())]).await).await;
    let secret = view.nouveau_secret.clone().expect("the new secret, once");
    assert_eq!(view.line.habilitation, "1 dispositif(s)");
    let again: app::interop::model::PartenaireView =
        json(an.call("/api/partenaires/get", &[("id", id.to_string())]).await).await;
    assert_eq!(again.nouveau_secret, None, "never shown twice");
    // The Gestionnaire of the entité sees it; a Travailleur social does not reach the screen.
    let ge = app.logged_in(&demo_email("gestionnaire.horizon")).await;
    let lines: Vec<app::interop::model::PartenaireLine> = json(ge.call("/api/partenaires/list", &[]).await).await;
    assert!(lines.iter().any(|l| l.id == id));
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    assert_eq!(ts.call("/api/partenaires/list", &[]).await.status(), 403);

    // A TS creates a ménage (a mother and her son) and writes a demande; the SIAO orients it to the CHRS.
    let menage: Uuid = json(
        ts.call(
            "/api/menages/create",
            &[
                ("form[nom_naissance]", "Quéré".to_string()),
                ("form[prenoms]", "Gwenola".to_string()),
                ("form[date_naissance]", "1991-04-02".to_string()),
                ("form[sexe]", "FEMME".to_string()),
            ],
        )
        .await,
    )
    .await;
    let child = [
        ("menage_id", menage.to_string()),
        ("version", "1".to_string()),
        ("role", "enfant".to_string()),
        ("form[nom_naissance]", "Quéré".to_string()),
        ("form[prenoms]", "Yann".to_string()),
        ("form[date_naissance]", "2018-09-10".to_string()),
    ];
    let son: Uuid = json(ts.call("/api/menages/add-person", &child).await).await;
    let mother = app::menage::repo::load(&pool, menage).await.unwrap().unwrap().personnes[0].id;
    let cle = cle_of(&pool, menage).await;
    let partner = Partner::new(&app, &view.line.client_id, &secret).await;
    let (status, body) = partner.get(&format!("/api/v1/menages/{cle}")).await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (404, Some("CLE_INCONNUE")), "not oriented there yet");

    let mut form = vec![
        ("menage_id", menage.to_string()),
        ("form[personnes][0]", mother.to_string()),
        ("form[personnes][1]", son.to_string()),
        ("form[situation_demande]", "20".to_string()),
        ("form[motif_demande]", "204".to_string()),
        ("form[preconisations][0]", "400".to_string()),
    ];
    let demande: Uuid = json(ts.call("/api/demandes/create", &form).await).await;
    let version = async |client: &TestApp| -> i32 {
        let d: app::demande::model::DemandeView =
            json(client.call("/api/demandes/get", &[("id", demande.to_string())]).await).await;
        d.version
    };
    let step = |v: i32| vec![("id", demande.to_string()), ("version", v.to_string())];
    json::<()>(ts.call("/api/demandes/transmit", &step(version(&ts).await)).await).await;
    let os = app.logged_in(&demo_email("operateur.siao35")).await;
    json::<()>(os.call("/api/liste-attente/inscrire", &step(version(&os).await)).await).await;
    form = vec![
        ("demande_id", demande.to_string()),
        ("version", version(&os).await.to_string()),
        ("groupe_id", CHAMBRES_FAMILLES.to_string()),
    ];
    json::<Uuid>(os.call("/api/orientations/orient", &form).await).await;

    // The partner fetches the ménage by its clé, then each person.
    let (status, m) = partner.get(&format!("/api/v1/menages/{}", cle.to_lowercase())).await;
    assert_eq!(status, 200, "{m}");
    assert_eq!((m["cle"].as_str(), m["personnes"].as_array().unwrap().len()), (Some(cle.as_str()), 2));
    let persons: Vec<String> =
        m["personnes"].as_array().unwrap().iter().map(|p| p["cle"].as_str().unwrap().to_string()).collect();
    for p in &persons {
        let (status, body) = partner.get(&format!("/api/v1/personnes/{p}")).await;
        assert_eq!((status.as_u16(), body["menage"].as_str()), (200, Some(cle.as_str())), "{body}");
    }
    // It completes the ménage's situation and person 2 (état civil and situations).
    let update = j!({
        "version": m["version"],
        "situation": {"situation_logement": "20", "motif_demande": "204", "domiciliation": "CCAS de Rennes"},
        "personnes": persons,
    });
    let (status, body) = partner.put(&format!("/api/v1/menages/{cle}"), &update).await;
    assert_eq!(status, 200, "{body}");
    let (_, p2) = partner.get(&format!("/api/v1/personnes/{}", persons[1])).await;
    let mut etat_civil = p2["etat_civil"].clone();
    etat_civil["lieu_naissance"] = j!("Quimper");
    let update = j!({"version": p2["version"], "etat_civil": etat_civil, "situations": {"suivi_ase": "ACTIVE"}});
    let (status, body) = partner.put(&format!("/api/v1/personnes/{}", persons[1]), &update).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["version"].as_i64(), p2["version"].as_i64().map(|v| v + 2), "identity, then situations");
    let (_, p2) = partner.get(&format!("/api/v1/personnes/{}", persons[1])).await;
    assert_eq!(
        (p2["etat_civil"]["lieu_naissance"].as_str(), p2["situations"]["suivi_ase"].as_str()),
        (Some("Quimper"), Some("ACTIVE"))
    );
    // A note sociale about the son.
    let note = j!({"menage": cle, "personnes": [persons[1]], "titre": "Premier entretien",
                   "texte": "Arrivée prévue lundi.\n\nScolarité à organiser.", "statut": "publiee"});
    let (status, body) = partner.post("/api/v1/notes-sociales", &note, Some("scenario-1")).await;
    assert_eq!((status.as_u16(), body["statut"].as_str()), (201, Some("publiee")), "{body}");

    // The EA: a draft, then the final one (checked: what is missing is named first).
    let draft = j!({"menage": cle, "statut": "brouillon",
                    "personnes": [{"cle": persons[0], "situations": {"nationalite_statut": "x"}}]});
    let (status, body) = partner.post("/api/v1/evaluations", &draft, None).await;
    assert_eq!(
        (status.as_u16(), body["details"][0]["champ"].as_str()),
        (422, Some("personnes[0].situations.nationalite_statut")),
        "{body}"
    );
    let draft = j!({"menage": cle, "statut": "brouillon", "souhaits": "Un T2 à Rennes, près de l'école."});
    let (status, first) = partner.post("/api/v1/evaluations", &draft, Some("ea-1")).await;
    assert_eq!(status, 201, "{first}");
    let incomplete = j!({"menage": cle, "statut": "finale"});
    let (status, body) = partner.post("/api/v1/evaluations", &incomplete, None).await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (422, Some("DONNEES_INVALIDES")), "{body}");
    let champs: Vec<&str> = body["details"].as_array().unwrap().iter().map(|d| d["champ"].as_str().unwrap()).collect();
    assert_eq!(champs, ["besoins", "preconisation", "synthese"], "the wishes of the draft are kept");
    let finale = j!({"menage": cle, "statut": "finale", "besoins": ["acces_droits"], "preconisation": "400",
                     "synthese": "Famille prête pour un logement accompagné."});
    let (status, done) = partner.post("/api/v1/evaluations", &finale, Some("ea-2")).await;
    assert_eq!((status.as_u16(), done["statut"].as_str(), &done["id"]), (201, Some("finale"), &first["id"]), "{done}");
    // Later (six months on, when the EA is "à renouveler"), a new EA: a new draft.
    let (status, second) =
        partner.post("/api/v1/evaluations", &j!({"menage": cle, "statut": "brouillon"}), Some("ea-3")).await;
    assert_eq!(status, 201, "{second}");
    assert_ne!(second["id"], first["id"]);
    let series: Vec<app::evaluation::model::Resume> =
        json(ts.call("/api/evaluations/list", &[("menage_id", menage.to_string())]).await).await;
    assert_eq!(series.len(), 1, "the TS sees the final EA, not the partner's new draft: {series:?}");

    // The TS sees the changes in the fiche, with the partner as author, and the note.
    let (_, history): app::menage::server::FicheWithHistory =
        json(ts.call("/api/menages/get", &[("id", menage.to_string())]).await).await;
    let by_partner: Vec<&str> = history
        .iter()
        .filter(|(_, l)| l.author.as_deref().is_some_and(|a| a.contains("Partenaire DUI Logiciel Passerelle")))
        .map(|(section, _)| section.as_str())
        .collect();
    assert!(by_partner.contains(&"Ménage") && by_partner.iter().any(|s| s.contains("Yann")), "{history:?}");
    let notes: Vec<app::note::model::NoteView> =
        json(ts.call("/api/notes/list", &[("menage_id", menage.to_string())]).await).await;
    assert!(notes.iter().any(|n| n.titre == "Premier entretien"), "{notes:?}");
    // Every call is in the journal, as the partner.
    let calls: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE user_email LIKE $1 AND detail LIKE 'API DUI : %'")
            .bind(format!("{}@%", view.line.client_id))
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(calls >= 7, "{calls} lines");
}

#[sqlx::test(migrations = "../migrations")]
async fn each_rejection_answers_its_code(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let partner = Partner::demo(&app).await;
    let cle = cle_of(&pool, ADMIS).await;
    let path = format!("/api/v1/menages/{cle}");

    // No token, a bad token: 401, with the Bearer challenge.
    let res = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers().get("www-authenticate").is_some());
    let bad = Partner { app: app.clone(), token: "at_0000".into() };
    assert_eq!(bad.get(&path).await.1["code"], "NON_AUTHENTIFIE");
    // The token endpoint: wrong secret, wrong grant.
    let res = token(&app, DUI_CLIENT_ID, "sk_wrong").await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "invalid_client");
    let res = app.client.post(app.url("/api/v1/oauth/token")).form(&[("grant_type", "password")]).send().await.unwrap();
    assert_eq!(res.status(), 400);

    // A ménage that exists but is not oriented there answers exactly like a random key.
    let elsewhere = partner.get(&format!("/api/v1/menages/{}", cle_of(&pool, AILLEURS).await)).await;
    let random = partner.get("/api/v1/menages/M0123456789ABCDEF").await;
    let garbage = partner.get("/api/v1/menages/pas-une-cle").await;
    assert_eq!(elsewhere.0, 404);
    assert_eq!(elsewhere, random);
    assert_eq!(elsewhere, garbage);

    // Stale version: 409 with the current one; nothing written.
    let (_, m) = partner.get(&path).await;
    let version = m["version"].as_i64().unwrap();
    let stale = j!({"version": version - 1, "situation": {}});
    let (status, body) = partner.put(&path, &stale).await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str(), body["version_courante"].as_i64()),
        (409, Some("VERSION_PERIMEE"), Some(version))
    );
    // Validation: an unknown code, on its field.
    let invalid = j!({"version": version, "situation": {"motif_demande": "pas-un-code", "observations": "x"}});
    let (status, body) = partner.put(&path, &invalid).await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (422, Some("DONNEES_INVALIDES")), "{body}");
    assert_eq!(
        body["details"][0],
        j!({"champ": "situation.motif_demande", "code": "CODE_INCONNU", "message": "Choisissez une valeur de la liste."})
    );
    // Composition: adding or removing a person is the SI SIAO's.
    let fewer = j!({"version": version, "situation": {}, "personnes": [m["personnes"][0]["cle"]]});
    assert_eq!(partner.put(&path, &fewer).await.1["code"], "COMPOSITION_NON_MODIFIABLE");
    // Malformed JSON, unknown field, wrong type, oversized body, unknown address.
    let raw = |body: String| {
        partner.request(reqwest::Method::PUT, &path).header("content-type", "application/json").body(body)
    };
    let (status, body) = Partner::answer(raw("{\"version\": ".into())).await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (400, Some("JSON_INVALIDE")));
    let (status, body) =
        Partner::answer(raw(j!({"version": version, "situation": {}, "couleur": 1}).to_string())).await;
    assert_eq!((status.as_u16(), body["details"][0]["code"].as_str()), (400, Some("CHAMP_INCONNU")));
    let (status, body) = Partner::answer(raw(j!({"version": "deux", "situation": {}}).to_string())).await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (400, Some("REQUETE_INVALIDE")));
    let (status, body) = Partner::answer(raw(format!("{{\"x\": \"{}\"}}", "a".repeat(300 * 1024)))).await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (413, Some("TROP_VOLUMINEUX")));
    // A NUL character: in a code, an unknown code; in free text, refused on its field; never a 500.
    for (field, code) in [("motif_demande", "CODE_INCONNU"), ("observations", "VALEUR_INVALIDE")] {
        let body = j!({"version": version, "situation": {field: "a\u{0}b"}});
        let (status, body) = partner.put(&path, &body).await;
        assert_eq!((status.as_u16(), body["details"][0]["code"].as_str()), (422, Some(code)), "{body}");
    }
    assert_eq!(partner.get("/api/v1/nulle-part").await.1["code"], "RESSOURCE_INCONNUE");
    let (_, after) = partner.get(&path).await;
    assert_eq!(after["version"].as_i64(), Some(version), "no rejected update wrote anything");

    // Two updates of a person with the same version at once: exactly one wins.
    let p = m["personnes"][0]["cle"].as_str().unwrap().to_string();
    let (_, person) = partner.get(&format!("/api/v1/personnes/{p}")).await;
    let sends = (0..2).map(|i| {
        let mut etat_civil = person["etat_civil"].clone();
        etat_civil["lieu_naissance"] = j!(format!("Lieu {i}"));
        let body = j!({"version": person["version"], "etat_civil": etat_civil});
        let path = format!("/api/v1/personnes/{p}");
        let partner = &partner;
        async move { partner.put(&path, &body).await.0.as_u16() }
    });
    let mut statuses = futures::future::join_all(sends).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);

    // The same Idempotency-Key twice creates one note; with another body it is refused.
    let note = j!({"menage": cle, "titre": "Visite", "texte": "RAS", "statut": "brouillon"});
    let first = partner.post("/api/v1/notes-sociales", &note, Some("cle-1")).await;
    let second = partner.post("/api/v1/notes-sociales", &note, Some("cle-1")).await;
    assert_eq!(first.0, 201);
    assert_eq!(first, second);
    let notes: i64 = sqlx::query_scalar("SELECT count(*) FROM notes WHERE menage_id = $1 AND titre = 'Visite'")
        .bind(ADMIS)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(notes, 1);
    let other = j!({"menage": cle, "titre": "Autre", "texte": "RAS", "statut": "brouillon"});
    assert_eq!(partner.post("/api/v1/notes-sociales", &other, Some("cle-1")).await.1["code"], "IDEMPOTENCE_CONFLIT");
    // A note about a person of another ménage is refused on its field.
    let (status, body) = partner
        .post(
            "/api/v1/notes-sociales",
            &j!({"menage": cle, "personnes": ["P0123456789ABCDEF"], "titre": "T", "texte": "x", "statut": "brouillon"}),
            None,
        )
        .await;
    assert_eq!((status.as_u16(), body["details"][0]["champ"].as_str()), (422, Some("personnes")));

    // The annuaire: SIREN and SIRET each checked against its pattern (the SIRET's first 9 digits are its
    // SIREN); a bad one is refused, never ignored.
    let (_, found) = partner.get("/api/v1/offre/dispositifs?siret=12345678200017&departement=35").await;
    let noms: Vec<&str> = found["dispositifs"].as_array().unwrap().iter().filter_map(|d| d["nom"].as_str()).collect();
    assert!(noms.contains(&"CHRS Horizon") && !noms.contains(&"Pension de famille du Relais"), "{found}");
    for bad in ["siren=123456782&siret=1", "siren=123456782&siret=98765432400011", "siret=123 456 782 00017"] {
        let (status, body) = partner.get(&format!("/api/v1/offre/dispositifs?{bad}")).await;
        assert_eq!((status.as_u16(), body["code"].as_str()), (400, Some("PARAMETRE_INVALIDE")), "{bad}");
    }
    // A value the database cannot hold (NUL), wherever it goes: refused whole, never a 500.
    let (status, body) = partner.get("/api/v1/offre/dispositifs?nom=a%00b").await;
    assert_eq!((status.as_u16(), body["code"].as_str()), (400, Some("REQUETE_INVALIDE")), "{body}");

    // Rate limit: 429 with Retry-After.
    sqlx::query("UPDATE partenaires SET limite_minute = 1 WHERE client_id = $1")
        .bind(DUI_CLIENT_ID)
        .execute(&pool)
        .await
        .unwrap();
    let mut limited = None;
    for _ in 0..3 {
        let res = partner.request(reqwest::Method::GET, "/api/v1/referentiels").send().await.unwrap();
        if res.status() == 429 {
            limited = res.headers().get("retry-after").map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
            assert_eq!(res.json::<Value>().await.unwrap()["code"], "LIMITE_ATTEINTE");
            break;
        }
    }
    assert!(limited.is_some_and(|s| (1..=60).contains(&s)), "{limited:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn out_of_scope_is_unknown_on_every_flow(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let partner = Partner::demo(&app).await;
    let first_person = |menage: Uuid| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT p.cle FROM personnes p JOIN menage_membres mm ON mm.personne_id = p.id
                 WHERE mm.menage_id = $1 AND mm.jusqu_au IS NULL ORDER BY mm.id LIMIT 1",
            )
            .bind(menage)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // Every flow, on a ménage and a person: what it answers.
    let flows = async |m: &str, p: &str| {
        let note = j!({"menage": m, "personnes": [p], "titre": "t", "texte": "x", "statut": "publiee"});
        let update = j!({"version": 1, "situation": {}});
        let person = j!({"version": 1, "etat_civil": {"nom_naissance": "X", "prenoms": "Y", "date_naissance": "1980-01-01", "sexe": "HOMME"}});
        [
            partner.get(&format!("/api/v1/menages/{m}")).await,
            partner.get(&format!("/api/v1/personnes/{p}")).await,
            partner.put(&format!("/api/v1/menages/{m}"), &update).await,
            partner.put(&format!("/api/v1/personnes/{p}"), &person).await,
            partner.post("/api/v1/notes-sociales", &note, None).await,
            partner.post("/api/v1/evaluations", &j!({"menage": m, "statut": "brouillon"}), None).await,
        ]
    };
    let random = flows("M0123456789ABCDEF", "P0123456789ABCDEF").await;
    assert!(random.iter().all(|(status, body)| *status == 404 && body["code"] == "CLE_INCONNUE"), "{random:?}");
    // A ménage oriented elsewhere: the same answers, to the byte.
    let (m, p) = (cle_of(&pool, AILLEURS).await, first_person(AILLEURS).await);
    assert_eq!(flows(&m, &p).await, random);
    // The ménage admitted at the CHRS, once it has left: out of reach again.
    let (m, p) = (cle_of(&pool, ADMIS).await, first_person(ADMIS).await);
    assert_eq!(partner.get(&format!("/api/v1/personnes/{p}")).await.0, 200);
    sqlx::query(
        "UPDATE orientations SET statut = 'sortie', sortie_le = current_date, situation_sortie = 'logement'
         WHERE menage_id = $1 AND statut = 'admise'",
    )
    .bind(ADMIS)
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(flows(&m, &p).await, random);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_revoked_secret_and_its_tokens_get_401(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let partner = Partner::demo(&app).await;
    assert_eq!(partner.get("/api/v1/referentiels").await.0, 200);
    let an = app.logged_in(&demo_email("admin.national")).await;
    let (id, secret): (Uuid, Uuid) = sqlx::query_as(
        "SELECT p.id, s.id FROM partenaires p JOIN partenaire_secrets s ON s.partenaire_id = p.id WHERE p.client_id = $1",
    )
    .bind(DUI_CLIENT_ID)
    .fetch_one(&pool)
    .await
    .unwrap();
    json::<()>(an.call("/api/partenaires/revoke", &[("id", id.to_string()), ("secret_id", secret.to_string())]).await)
        .await;
    assert_eq!(token(&app, DUI_CLIENT_ID, DUI_SECRET).await.status(), 401);
    assert_eq!(partner.get("/api/v1/referentiels").await.1["code"], "NON_AUTHENTIFIE");
    // The API's public parts: the état des API and the contract.
    let etat: Value = json(app.get("/api/v1/etat").await).await;
    assert_eq!(etat["statut"], "disponible");
    let contract: Value = json(app.get("/api/v1/openapi.json").await).await;
    assert!(contract["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")));
    assert!(contract["paths"]["/api/v1/menages/{cle}"]["put"].is_object());
}
