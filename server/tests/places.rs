//! Groupes de places, places, financements and the capacity view on a real database: who does what
//! (matrix notes), the rules of the places (immobilise a free place only, remove free places only),
//! versions, the history, and the capacity arithmetic on the demo territory.

mod common;

use common::{demo_email, error_of, field_of, seed, spawn_app, TestApp};
use sqlx::PgPool;
use uuid::Uuid;

use app::history::repo as history;
use app::offre::capacites::model::Capacites;
use app::offre::groupes::model::{GroupeDetail, PlaceStatut};
use app::offre::groupes::repo;
use app::rights::model::Object;

async fn dispositif(pool: &PgPool, nom: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM dispositifs WHERE nom = $1").bind(nom).fetch_one(pool).await.unwrap()
}

fn groupe_form(dispositif: Uuid, nom: &str, places: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[dispositif_id]", dispositif.to_string()),
        ("form[nom]", nom.to_string()),
        ("form[canal]", "urgence_115".to_string()),
        ("form[nombre_places]", places.to_string()),
    ]
}

async fn load(pool: &PgPool, id: Uuid) -> GroupeDetail {
    repo::load(pool, id).await.unwrap().unwrap()
}

async fn immobiliser(client: &TestApp, place: Uuid, version: i32, motif: &str) -> reqwest::Response {
    let args = [
        ("id", place.to_string()),
        ("version", version.to_string()),
        ("form[motif]", motif.to_string()),
        ("form[du]", "23/11/2026".to_string()),
    ];
    client.call("/api/offre/groupes/immobiliser", &args).await
}

#[sqlx::test(migrations = "../migrations")]
async fn a_gestionnaire_creates_a_groupe_and_manages_its_places(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ge = app.logged_in(&demo_email("gestionnaire.horizon")).await;
    let chrs = dispositif(&pool, "CHRS Horizon").await;

    let res = ge.call("/api/offre/groupes/create", &groupe_form(chrs, "Plan grand froid", "3")).await;
    assert_eq!(res.status(), 200);
    let id: Uuid = res.json().await.unwrap();
    let groupe = load(&pool, id).await;
    assert_eq!(
        groupe.places.iter().map(|p| (p.numero, p.statut)).collect::<Vec<_>>(),
        [(1, PlaceStatut::Libre), (2, PlaceStatut::Libre), (3, PlaceStatut::Libre)]
    );
    // A postcode the database would refuse is a field error, not a 500.
    let mut bad_postcode = groupe_form(chrs, "Autre groupe", "1");
    bad_postcode.push(("form[code_postal]", "ABCDE".to_string()));
    let (status, error) = error_of(ge.call("/api/offre/groupes/create", &bad_postcode).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["code_postal".to_string()]));
    // The name is unique in the dispositif.
    let (status, error) =
        error_of(ge.call("/api/offre/groupes/create", &groupe_form(chrs, "Plan grand froid", "1")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["nom".to_string()]));

    // Immobilise place 3 (a motif of the référentiel), then free it; each step in the groupe's history.
    let place = groupe.places[2].clone();
    let (status, error) = error_of(immobiliser(&ge, place.id, place.version, "inconnu").await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["motif".to_string()]));
    assert_eq!(immobiliser(&ge, place.id, place.version, "travaux").await.status(), 200);
    let immobilised = load(&pool, id).await.places[2].clone();
    assert_eq!((immobilised.statut, immobilised.motif_label.as_deref()), (PlaceStatut::Immobilisee, Some("Travaux")));
    // A stale version is refused: the place changed meanwhile.
    assert_eq!(immobiliser(&ge, place.id, place.version, "travaux").await.status(), 409);
    let free = [("id", place.id.to_string()), ("version", immobilised.version.to_string())];
    assert_eq!(ge.call("/api/offre/groupes/desimmobiliser", &free).await.status(), 200);
    assert_eq!(load(&pool, id).await.places[2].statut, PlaceStatut::Libre);
    let lines = history::of(&pool, Object::GroupePlaces, &id.to_string()).await.unwrap();
    let actions: Vec<&str> = lines.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, ["Désimmobilisation de la place 3", "Immobilisation de la place 3", "Création"]);
    assert!(lines[1]
        .changes
        .iter()
        .any(|c| c.label == "Motif d'immobilisation" && c.after.as_deref() == Some("Travaux")));

    // An occupied place is not immobilised (occupation comes from arrivals and departures).
    let familles = sqlx::query_scalar::<_, Uuid>("SELECT id FROM groupes_places WHERE nom = 'Chambres familles'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let occupied = load(&pool, familles).await.places.into_iter().find(|p| p.statut == PlaceStatut::Occupee).unwrap();
    let (status, error) = error_of(immobiliser(&ge, occupied.id, occupied.version, "travaux").await).await;
    assert_eq!((status, error.code()), (422, "refused"));

    // Fewer places: only free ones go. Chambres familles has 12 places, 5 free.
    let detail = load(&pool, familles).await;
    let mut update = vec![("id", familles.to_string()), ("version", detail.version.to_string())];
    update.extend(groupe_form(chrs, "Chambres familles", "6"));
    let (status, error) = error_of(ge.call("/api/offre/groupes/update", &update).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["nombre_places".to_string()]));
    assert_eq!(load(&pool, familles).await.places.len(), 12, "nothing was removed");
    update[5].1 = "14".into();
    assert_eq!(ge.call("/api/offre/groupes/update", &update).await.status(), 200);
    let grown = load(&pool, familles).await;
    assert_eq!((grown.places.len(), grown.places.last().unwrap().numero), (14, 14));

    // A groupe with occupied places is not deactivated.
    let deactivate = [("id", familles.to_string()), ("version", grown.version.to_string())];
    let (status, error) = error_of(ge.call("/api/offre/groupes/deactivate", &deactivate).await).await;
    assert_eq!((status, error.code()), (422, "refused"));
}

#[sqlx::test(migrations = "../migrations")]
async fn places_go_where_the_dispositif_takes_people_in_and_the_responsable_only_moves_places(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ge = app.logged_in(&demo_email("gestionnaire.horizon")).await;
    let horizon: Uuid =
        sqlx::query_scalar("SELECT id FROM entites WHERE nom = 'Association Horizon'").fetch_one(&pool).await.unwrap();
    let accueil: Uuid = sqlx::query_scalar(
        "INSERT INTO dispositifs (entite_id, nom, departement_code, nature_code, type_code)
         VALUES ($1, 'Accueil SPIP Horizon', '35', 'premier_accueil', 'premier_accueil.spip') RETURNING id",
    )
    .bind(horizon)
    .fetch_one(&pool)
    .await
    .unwrap();
    let (status, error) =
        error_of(ge.call("/api/offre/groupes/create", &groupe_form(accueil, "Places", "2")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["dispositif_id".to_string()]));
    let draft = dispositif(&pool, "Maraude Horizon").await;
    sqlx::query("UPDATE dispositifs SET statut = 'brouillon' WHERE id = $1").bind(draft).execute(&pool).await.unwrap();
    let (status, error) =
        error_of(ge.call("/api/offre/groupes/create", &groupe_form(draft, "Places", "2")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["dispositif_id".to_string()]));

    // The Responsable de dispositif frees a place but does not edit the groupe.
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let familles: Uuid = sqlx::query_scalar("SELECT id FROM groupes_places WHERE nom = 'Chambres familles'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let detail = load(&pool, familles).await;
    let immobilised = detail.places.iter().find(|p| p.statut == PlaceStatut::Immobilisee).unwrap();
    let free = [("id", immobilised.id.to_string()), ("version", immobilised.version.to_string())];
    assert_eq!(rd.call("/api/offre/groupes/desimmobiliser", &free).await.status(), 200);
    let mut update = vec![("id", familles.to_string()), ("version", detail.version.to_string())];
    update.extend(groupe_form(dispositif(&pool, "CHRS Horizon").await, "Renommé", "12"));
    assert_eq!(rd.call("/api/offre/groupes/update", &update).await.status(), 403);
    assert_eq!(load(&pool, familles).await.form.nom, "Chambres familles");
}

fn financement(dispositif: Uuid, source: &str, places: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[dispositif_id]", dispositif.to_string()),
        ("form[source_code]", source.to_string()),
        ("form[annee]", "2027".to_string()),
        ("form[places_financees]", places.to_string()),
        ("form[montant]", "125 000,50".to_string()),
    ]
}

#[sqlx::test(migrations = "../migrations")]
async fn each_administrator_records_its_sources_of_financement(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let siao = app.logged_in(&demo_email("admin.siao35")).await;
    let relais = dispositif(&pool, "Pension de famille du Relais").await;

    let res = ddets.call("/api/offre/financements/create", &financement(relais, "p177", "8")).await;
    assert_eq!(res.status(), 200);
    let id: Uuid = res.json().await.unwrap();
    let montant: Option<i64> = sqlx::query_scalar("SELECT montant_centimes FROM financements WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(montant, Some(12_500_050));
    // The département does not record an ARS line; the SIAO does, and not a P177 one.
    assert_eq!(ddets.call("/api/offre/financements/create", &financement(relais, "ars", "2")).await.status(), 403);
    assert_eq!(siao.call("/api/offre/financements/create", &financement(relais, "ars", "2")).await.status(), 200);
    assert_eq!(siao.call("/api/offre/financements/create", &financement(relais, "p177", "2")).await.status(), 403);
    // One active line per source and year.
    let (status, error) =
        error_of(ddets.call("/api/offre/financements/create", &financement(relais, "p177", "1")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["annee".to_string()]));

    // Deactivated, the line leaves the count but stays with its history; a new one may replace it.
    let deactivate = [("id", id.to_string()), ("version", "1".to_string())];
    assert_eq!(ddets.call("/api/offre/financements/deactivate", &deactivate).await.status(), 200);
    assert_eq!(ddets.call("/api/offre/financements/create", &financement(relais, "p177", "9")).await.status(), 200);
    let lines = history::of(&pool, Object::Financement, &id.to_string()).await.unwrap();
    assert_eq!(lines.iter().map(|l| l.action.as_str()).collect::<Vec<_>>(), ["Désactivation", "Création"]);
}

async fn capacites(client: &TestApp, args: &[(&str, String)]) -> Capacites {
    let res = client.call("/api/offre/capacites/get", args).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_capacity_view_counts_financed_installed_occupied_and_immobilised_places(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let view = capacites(&ddets, &[]).await;
    assert!(!view.par_departement);
    let chrs = view.rows.iter().find(|r| r.label.starts_with("CHRS Horizon")).expect("CHRS Horizon row");
    // Demo: 20 P177 places financed; Chambres familles (12: 6 occupied, 1 immobilised) and Places
    // d'urgence (8: 5 occupied).
    assert_eq!(
        (chrs.financees, chrs.installees, chrs.occupees, chrs.immobilisees, chrs.disponibles()),
        (20, 20, 11, 1, 8)
    );
    assert!(view.rows.iter().all(|r| r.label.ends_with("(35)")), "the département's dispositifs only");
    // A deactivated groupe no longer counts as installed; an éphémère one counts during its period only.
    sqlx::query("UPDATE groupes_places SET actif = false WHERE nom = 'Places d''urgence'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE groupes_places SET date_debut = current_date - 30, date_fin = current_date - 1 WHERE nom = 'Plan hiver'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let view = capacites(&ddets, &[]).await;
    let row = |name: &str| view.rows.iter().find(|r| r.label.starts_with(name)).cloned().unwrap_or_default();
    assert_eq!((row("CHRS Horizon").installees, row("CHRS Horizon").occupees), (12, 6));
    assert_eq!((row("Halte de nuit Vilaine").financees, row("Halte de nuit Vilaine").installees), (10, 0));

    // Nationally: one row per département; the département's filter gives its dispositifs.
    let national = app.logged_in(&demo_email("admin.national")).await;
    let view = capacites(&national, &[]).await;
    assert!(view.par_departement);
    let sud = view.rows.iter().find(|r| r.label.starts_with("13")).unwrap();
    assert_eq!((sud.financees, sud.installees, sud.immobilisees), (4, 4, 1));
    let view = capacites(&national, &[("filter[departement]", "13".into())]).await;
    assert_eq!(view.rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["CHRS Sud (13)"]);
    // Who does not see the financements does not see the capacity.
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    assert_eq!(ts.call("/api/offre/capacites/get", &[]).await.status(), 403);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_departement_deactivates_an_empty_dispositif_then_its_entite(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let version = |table: &'static str, id: Uuid| {
        let pool = pool.clone();
        async move {
            let sql = format!("SELECT version FROM {table} WHERE id = $1");
            sqlx::query_scalar::<_, i32>(&sql).bind(id).fetch_one(&pool).await.unwrap().to_string()
        }
    };
    let chrs = dispositif(&pool, "CHRS Horizon").await;
    let args =
        |id: Uuid, v: String, actif: &str| vec![("id", id.to_string()), ("version", v), ("actif", actif.to_string())];
    // Occupied places: the dispositif stays open.
    let res =
        ddets.call("/api/offre/dispositifs/activation", &args(chrs, version("dispositifs", chrs).await, "false")).await;
    let (status, error) = error_of(res).await;
    assert_eq!((status, error.code()), (422, "refused"));
    // The Gestionnaire d'entité does not close its offer (matrix: the État).
    let ge = app.logged_in(&demo_email("gestionnaire.horizon")).await;
    let maraude = dispositif(&pool, "Maraude Horizon").await;
    let v = version("dispositifs", maraude).await;
    assert_eq!(ge.call("/api/offre/dispositifs/activation", &args(maraude, v.clone(), "false")).await.status(), 403);
    assert_eq!(ddets.call("/api/offre/dispositifs/activation", &args(maraude, v, "false")).await.status(), 200);
    let lines = history::of(&pool, Object::Dispositif, &maraude.to_string()).await.unwrap();
    assert_eq!(lines[0].action, "Désactivation");
    // The entité still has its CHRS: refused; without it, it closes.
    let horizon: Uuid =
        sqlx::query_scalar("SELECT id FROM entites WHERE nom = 'Association Horizon'").fetch_one(&pool).await.unwrap();
    let res =
        ddets.call("/api/offre/entites/activation", &args(horizon, version("entites", horizon).await, "false")).await;
    assert_eq!(error_of(res).await.0, 422);
    sqlx::query("UPDATE places SET statut = 'libre' WHERE statut = 'occupee'").execute(&pool).await.unwrap();
    let res =
        ddets.call("/api/offre/dispositifs/activation", &args(chrs, version("dispositifs", chrs).await, "false")).await;
    assert_eq!(res.status(), 200);
    let view = capacites(&ddets, &[]).await;
    assert!(view.rows.iter().find(|r| r.label.starts_with("CHRS Horizon")).is_none_or(|r| r.installees == 0));
    let res =
        ddets.call("/api/offre/entites/activation", &args(horizon, version("entites", horizon).await, "false")).await;
    assert_eq!(res.status(), 200);
    let actif: bool =
        sqlx::query_scalar("SELECT actif FROM entites WHERE id = $1").bind(horizon).fetch_one(&pool).await.unwrap();
    assert!(!actif);
}
