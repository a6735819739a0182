//! Prestations on a real database: the 115 asks the maraude of the entité to visit a ménage; the maraude's
//! team takes it in charge and records it done; the requester is told; the maraude follows the ménage only
//! while the prestation is open; illegal steps, other teams and other requesters are refused.

mod common;

use common::builders::MenageBuilder;
use common::{demo_email, error_of, field_of, json, seed, spawn_app, user_id};
use sqlx::PgPool;
use uuid::Uuid;

use app::prestation::model::{PrestationView, Statut};

/// The demo's Maraude Horizon (veille sociale), run by the demo responsable of the CHRS.
const MARAUDE: Uuid = Uuid::from_u128(0x35_0202);

#[sqlx::test(migrations = "../migrations")]
async fn the_115_asks_a_maraude_which_takes_it_in_charge_and_does_it(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ecoutant = app.logged_in(&demo_email("ecoutant.115")).await;
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let ecoutant_id = user_id(&pool, &demo_email("ecoutant.115")).await;
    let (menage, _) =
        MenageBuilder::new("35", ecoutant_id).person("Roux", "Paul", Some("1970-05-05")).insert(&pool).await;
    let rd_scope = async || rd.call("/api/menages/get", &[("id", menage.to_string())]).await.status();
    assert_eq!(rd_scope().await, 403, "not yet followed by the maraude");

    // The form offers the département's veille sociale; a CHRS cannot be asked; type and dispositif needed.
    let options: app::prestation::model::PrestationOptions =
        json(ecoutant.call("/api/prestations/options", &[("menage_id", menage.to_string())]).await).await;
    assert!(options.dispositifs.iter().any(|(id, _)| *id == MARAUDE.to_string()), "{:?}", options.dispositifs);
    let ask = |dispositif: Uuid| {
        vec![
            ("menage_id", menage.to_string()),
            ("form[type_code]", "maraude".to_string()),
            ("form[dispositif_id]", dispositif.to_string()),
            ("form[besoin]", "Sous le pont Saint-Martin, après 21 h.".to_string()),
        ]
    };
    let (status, error) =
        error_of(ecoutant.call("/api/prestations/create", &ask(Uuid::from_u128(0x35_0201))).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["dispositif_id".to_string()]));
    let numero: i64 = json(ecoutant.call("/api/prestations/create", &ask(MARAUDE)).await).await;
    assert!(numero >= 30_000_001);

    // The maraude's team sees it on /prestations and now follows the ménage.
    let list: Vec<PrestationView> = json(rd.call("/api/prestations/list", &[]).await).await;
    let p = list.iter().find(|p| p.numero == numero).expect("addressed to the maraude").clone();
    assert!(p.equipe && !p.annulable);
    assert_eq!(rd_scope().await, 200);
    // The TS of the CHRS is not of the maraude's team: refused.
    let step =
        |v: i32, etape: &str| vec![("id", p.id.to_string()), ("version", v.to_string()), ("etape", etape.to_string())];
    assert_eq!(ts.call("/api/prestations/step", &step(p.version, "prendre")).await.status(), 403);
    // Done before taken: refused; taken, then done (a date in the future is refused).
    let (status, _) = error_of(rd.call("/api/prestations/step", &step(p.version, "realiser")).await).await;
    assert_eq!(status, 422);
    json::<()>(rd.call("/api/prestations/step", &step(p.version, "prendre")).await).await;
    let (status, _) = error_of(rd.call("/api/prestations/step", &step(p.version, "prendre")).await).await;
    assert_eq!(status, 422, "a stale version");
    // The requester can no longer cancel it once taken.
    let cancel = vec![("id", p.id.to_string()), ("version", (p.version + 1).to_string()), ("motif", "doublon".into())];
    assert_eq!(error_of(ecoutant.call("/api/prestations/cancel", &cancel).await).await.0, 422);
    let mut done = step(p.version + 1, "realiser");
    done.push(("date", "2099-01-01".into()));
    let (status, error) = error_of(rd.call("/api/prestations/step", &done).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["date".to_string()]));
    let mut done = step(p.version + 1, "realiser");
    done.push(("compte_rendu", "Rencontré, couverture et café ; rappellera le 115.".into()));
    json::<()>(rd.call("/api/prestations/step", &done).await).await;

    let list: Vec<PrestationView> =
        json(ecoutant.call("/api/prestations/of-menage", &[("menage_id", menage.to_string())]).await).await;
    assert_eq!(list[0].statut, Statut::Realisee);
    assert!(list[0].realisee_le.is_some() && list[0].prise_en_charge_par.is_some());
    // Closed: the maraude no longer follows the ménage; the requester was told.
    assert_eq!(rd_scope().await, 403);
    let told: i64 =
        sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1 AND titre LIKE 'Prestation n°%'")
            .bind(ecoutant_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(told, 2, "taken in charge, then done");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_requester_cancels_with_a_motif_and_only_his_own(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let rd = app.logged_in(&demo_email("responsable.chrs")).await;
    let ts_id = user_id(&pool, &demo_email("ts.chrs")).await;
    let (menage, _) = MenageBuilder::new("35", ts_id).person("Roux", "Lise", Some("1975-05-05")).insert(&pool).await;
    let form = [
        ("menage_id", menage.to_string()),
        ("form[type_code]", "alimentaire".to_string()),
        ("form[dispositif_id]", MARAUDE.to_string()),
    ];
    json::<i64>(ts.call("/api/prestations/create", &form).await).await;
    let list: Vec<PrestationView> =
        json(ts.call("/api/prestations/of-menage", &[("menage_id", menage.to_string())]).await).await;
    let p = &list[0];
    assert!(p.annulable && !p.equipe);
    let cancel =
        |motif: &str| vec![("id", p.id.to_string()), ("version", p.version.to_string()), ("motif", motif.to_string())];
    // The maraude's responsable did not ask it: he does not cancel it (he may say it was not done).
    assert_eq!(rd.call("/api/prestations/cancel", &cancel("doublon")).await.status(), 403);
    let (status, error) = error_of(ts.call("/api/prestations/cancel", &cancel("")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["motif".to_string()]));
    let (status, error) = error_of(ts.call("/api/prestations/cancel", &cancel("pas-un-motif")).await).await;
    assert_eq!((status, field_of(&error)), (422, vec!["motif".to_string()]));
    json::<()>(ts.call("/api/prestations/cancel", &cancel("besoin_couvert")).await).await;
    let list: Vec<PrestationView> =
        json(ts.call("/api/prestations/of-menage", &[("menage_id", menage.to_string())]).await).await;
    assert_eq!(list[0].statut, Statut::Annulee);
    assert!(list[0].motif_fin.as_deref().is_some_and(|m| m.contains("autrement")));
}
