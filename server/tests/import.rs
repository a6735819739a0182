//! The Temps 1 import over HTTP on a real database: the template, the dry run, the all-or-nothing
//! commit, the replacement of the previous import (never what was typed on screen), the ods variant,
//! the statuses by profile, and files that must change nothing.

mod common;

use common::{demo_email, seed, spawn_app, TestApp};
use sqlx::PgPool;

use app::offre::import::model::{ImportReport, SheetSpec, DISPOSITIFS, ENTITES, FINANCEMENTS};
use app::offre::import::{fixtures, repo, template, workbook};

fn rows(data: &[&[&str]]) -> Vec<Vec<String>> {
    data.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// A Temps 1 file of two entités, two dispositifs and a financement (`last`: its financement row).
fn file_rows(suffix: &str, last: &[&str]) -> Vec<(&'static SheetSpec, Vec<Vec<String>>)> {
    let escale = format!("Escale {suffix}");
    let phare = format!("Phare {suffix}");
    let (siren_a, siren_b) = if suffix == "A" { ("732829320", "552100554") } else { ("542051180", "775665011") };
    let mut financement: Vec<&str> = vec![&escale];
    financement.extend_from_slice(last);
    vec![
        (&ENTITES, rows(&[&[&escale, siren_a, "0299000000", "", "ccn_1966"], &[&phare, siren_b]])),
        (
            &DISPOSITIFS,
            rows(&[
                &[&escale, "CHRS Escale", "Hébergement", "CHRS", "Oui", "Familles; Hommes seuls"],
                &[&phare, "Maraude du Phare", "Veille sociale", "Maraude", "Non"],
            ]),
        ),
        (&FINANCEMENTS, rows(&[&financement])),
    ]
}

const GOOD_LINE: &[&str] = &["CHRS Escale", "BOP 177 (État)", "2026", "20", "125000"];

async fn xlsx(pool: &PgPool, sheets: &[(&SheetSpec, Vec<Vec<String>>)]) -> Vec<u8> {
    let lookups =
        repo::lookups(&mut pool.acquire().await.unwrap(), "35", chrono::Utc::now().date_naive()).await.unwrap();
    template::write(&lookups, sheets).unwrap()
}

async fn send(client: &TestApp, departement: &str, mode: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("departement", departement.to_string())
        .text("mode", mode.to_string())
        .part("fichier", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    client.client.post(client.url("/api/offre/import/fichier")).multipart(form).send().await.unwrap()
}

async fn report(res: reqwest::Response) -> ImportReport {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_template_downloads_and_a_file_is_checked_then_imported(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;

    let res = ddets.call("/api/offre/import/modele", &[]).await;
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let template = workbook::read(&res.bytes().await.unwrap()).unwrap();
    assert!(template.sheet("Annexes et guide").unwrap().rows.len() > 10, "the guide and the lists");

    let entites_before = count(&pool, "SELECT count(*) FROM entites").await;
    let file = xlsx(&pool, &file_rows("A", GOOD_LINE)).await;
    let dry = report(send(&ddets, "35", "verifier", "temps1.xlsx", file.clone()).await).await;
    assert!(dry.issues.is_empty(), "{:?}", dry.issues);
    assert_eq!((dry.applied, dry.created.entites, dry.created.dispositifs, dry.created.financements), (false, 2, 2, 1));
    assert_eq!(count(&pool, "SELECT count(*) FROM entites").await, entites_before, "a dry run writes nothing");

    let done = report(send(&ddets, "35", "importer", "temps1.xlsx", file).await).await;
    assert!(done.applied);
    let (statut, publics): (String, Vec<String>) = sqlx::query_as(
        "SELECT e.statut, d.publics FROM entites e JOIN dispositifs d ON d.entite_id = e.id WHERE e.nom = 'Escale A'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((statut.as_str(), publics), ("valide", vec!["familles".to_string(), "hommes_seuls".to_string()]));
    assert_eq!(count(&pool, "SELECT count(*) FROM historique WHERE action = 'Import'").await, 4);
    let history = ddets.call("/api/offre/import/historique", &[]).await.text().await.unwrap();
    assert!(history.contains("temps1.xlsx"), "{history}");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_error_on_the_last_row_creates_nothing_and_a_new_file_replaces_the_previous_import(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let ddets = app.logged_in(&demo_email("admin.ddets35")).await;
    let entites_before = count(&pool, "SELECT count(*) FROM entites").await;

    let bad = xlsx(&pool, &file_rows("A", &["CHRS Escale", "BOP 177 (État)", "2026", "vingt"])).await;
    let refused = report(send(&ddets, "35", "importer", "faux.xlsx", bad).await).await;
    assert!(!refused.applied);
    assert_eq!(refused.issues.len(), 1, "{:?}", refused.issues);
    let issue = &refused.issues[0];
    assert_eq!(
        (issue.sheet.as_str(), issue.row, issue.column.as_deref()),
        ("Financement", Some(2), Some("E (Places financées*)"))
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM entites").await, entites_before, "nothing was created");

    assert!(
        report(send(&ddets, "35", "importer", "a.xlsx", xlsx(&pool, &file_rows("A", GOOD_LINE)).await).await)
            .await
            .applied
    );
    // A groupe de places typed by hand in the first import's Escale: that entité stays.
    sqlx::query(
        "INSERT INTO groupes_places (dispositif_id, nom, canal)
         SELECT d.id, 'Saisi à la main', 'insertion' FROM dispositifs d JOIN entites e ON e.id = d.entite_id
         WHERE e.nom = 'Escale A'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let second =
        report(send(&ddets, "35", "importer", "b.xlsx", xlsx(&pool, &file_rows("B", GOOD_LINE)).await).await).await;
    assert!(second.applied, "{:?}", second.issues);
    assert_eq!((second.replaced.entites, second.replaced.dispositifs), (1, 1), "Phare A and its maraude");
    let names: Vec<String> =
        sqlx::query_scalar("SELECT nom FROM entites WHERE nom LIKE 'Escale%' OR nom LIKE 'Phare%' ORDER BY nom")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(names, ["Escale A", "Escale B", "Phare B"]);
    assert_eq!(count(&pool, "SELECT count(*) FROM entites").await, entites_before + 3, "the demo entités are kept");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_ods_file_by_a_siao_arrives_pre_validated_and_hostile_files_change_nothing(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let siao = app.logged_in(&demo_email("admin.siao35")).await;
    let sheets: Vec<(&str, Vec<Vec<String>>)> = file_rows("A", GOOD_LINE)
        .into_iter()
        .map(|(spec, data)| {
            let mut all = vec![spec.columns.iter().map(|c| c.header.to_string()).collect::<Vec<_>>()];
            all.extend(data);
            (spec.name, all)
        })
        .collect();
    let ods = fixtures::ods(&sheets).unwrap();
    let done = report(send(&siao, "35", "importer", "temps1.ods", ods).await).await;
    assert!(done.applied, "{:?}", done.issues);
    let statut: String =
        sqlx::query_scalar("SELECT statut FROM dispositifs WHERE nom = 'CHRS Escale'").fetch_one(&pool).await.unwrap();
    assert_eq!(statut, "prevalide", "the département validates what a SIAO imports");

    let entites = count(&pool, "SELECT count(*) FROM entites").await;
    let csv = report(send(&siao, "35", "importer", "offre.xlsx", b"Nom;SIREN\nEscale;1\n".to_vec()).await).await;
    assert!(!csv.applied && csv.issues[0].message.contains("CSV"), "{:?}", csv.issues);
    let big = send(&siao, "35", "importer", "gros.xlsx", vec![b'P'; 3 * 1024 * 1024]).await;
    assert_eq!(big.status(), 413);
    let not_multipart = siao.call("/api/offre/import/fichier", &[("departement", "35".into())]).await;
    assert_eq!(not_multipart.status(), 400, "a forged encoding is refused before the reader");
    // Another département: the matrix says no.
    assert_eq!(send(&siao, "13", "importer", "x.xlsx", vec![]).await.status(), 403);
    assert_eq!(count(&pool, "SELECT count(*) FROM entites").await, entites);
}
