//! Notes of a ménage on a real database: a draft read by its author only, published, never edited again,
//! completed by a new note; confidential notes; an alerte closed once; persons of another ménage refused;
//! the database itself refusing to change a published note; reads journaled.

mod common;

use common::{demo_email, error_of, field_of, seed, spawn_app, TestApp};
use sqlx::PgPool;
use uuid::Uuid;

use app::error::AppError;
use app::note::model::{NoteView, Statut};

/// A ménage of the demo TS (in the SIAO 35's territory), with its persons.
async fn menage_of_ts(pool: &PgPool) -> (Uuid, Vec<Uuid>) {
    let id: Uuid = sqlx::query_scalar(
        "SELECT m.id FROM menages m JOIN users u ON u.id = m.created_by WHERE u.email = $1
         ORDER BY (SELECT count(*) FROM menage_membres mm WHERE mm.menage_id = m.id) DESC, m.numero LIMIT 1",
    )
    .bind(demo_email("ts.chrs"))
    .fetch_one(pool)
    .await
    .unwrap();
    let persons =
        sqlx::query_scalar("SELECT personne_id FROM menage_membres WHERE menage_id = $1 AND jusqu_au IS NULL")
            .bind(id)
            .fetch_all(pool)
            .await
            .unwrap();
    (id, persons)
}

fn form(nature: &str, titre: &str, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut args = vec![
        ("form[nature]", nature.to_string()),
        ("form[titre]", titre.to_string()),
        ("form[corps]", format!("Premier paragraphe de « {titre} ».\n\nSecond paragraphe.")),
    ];
    args.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    args
}

async fn create(client: &TestApp, menage: Uuid, args: Vec<(&'static str, String)>) -> Uuid {
    let mut all = vec![("menage_id", menage.to_string())];
    all.extend(args);
    let res = client.call("/api/notes/create", &all).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn notes(client: &TestApp, menage: Uuid) -> Vec<NoteView> {
    let res = client.call("/api/notes/list", &[("menage_id", menage.to_string())]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn titles(client: &TestApp, menage: Uuid) -> Vec<String> {
    notes(client, menage).await.into_iter().map(|n| n.titre).collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_draft_is_the_authors_until_published_then_never_edited_but_completed(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let (menage, persons) = menage_of_ts(&pool).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;

    let person = persons[0].to_string();
    let id = create(&ts, menage, form("note_sociale", "Premier entretien", &[("form[personnes][0]", &person)])).await;
    let mine = notes(&ts, menage).await;
    let draft = mine.iter().find(|n| n.id == id).unwrap();
    assert_eq!((draft.statut, draft.version, draft.mine), (Statut::Brouillon, 1, true));
    assert_eq!(draft.personnes.len(), 1);
    assert_eq!(draft.corps, "Premier paragraphe de « Premier entretien ».\n\nSecond paragraphe.");
    // The Opérateur SIAO reads the ménage's notes, not another's draft; nor may he publish it.
    assert!(!titles(&operateur, menage).await.contains(&"Premier entretien".to_string()));
    let publish = |v: i32| vec![("id", id.to_string()), ("version", v.to_string())];
    assert_eq!(operateur.call("/api/notes/publish", &publish(1)).await.status(), 403);

    // The author edits the draft; an edit on the version before is refused, his text kept by the form.
    let mut edit = vec![("id", id.to_string()), ("version", "1".to_string())];
    edit.extend(form("note_sociale", "Premier entretien (revu)", &[]));
    assert_eq!(ts.call("/api/notes/update", &edit).await.status(), 200);
    let (status, error) = error_of(ts.call("/api/notes/update", &edit).await).await;
    assert_eq!(status, 409);
    assert!(matches!(error, AppError::Stale { current_version: 2, .. }), "{error:?}");

    // Published: the opérateur reads it; nobody edits, deletes or publishes it again.
    assert_eq!(ts.call("/api/notes/publish", &publish(2)).await.status(), 200);
    assert!(titles(&operateur, menage).await.contains(&"Premier entretien (revu)".to_string()));
    let mut edit = vec![("id", id.to_string()), ("version", "3".to_string())];
    edit.extend(form("note_sociale", "Réécriture", &[]));
    for (path, args) in
        [("/api/notes/update", edit), ("/api/notes/delete", publish(3)), ("/api/notes/publish", publish(3))]
    {
        let (status, error) = error_of(ts.call(path, &args).await).await;
        assert_eq!(status, 422, "{path}");
        assert!(matches!(error, AppError::Refused(_)), "{path}: {error:?}");
    }
    // The database refuses it too, whatever the caller.
    let tampered = sqlx::query("UPDATE notes SET corps = 'Réécrit' WHERE id = $1").bind(id).execute(&pool).await;
    assert!(tampered.is_err());
    assert!(sqlx::query("DELETE FROM notes WHERE id = $1").bind(id).execute(&pool).await.is_err());

    // The opérateur completes it: a new note, linked, published at once.
    let complement = create(&operateur, menage, {
        let mut args = form("note", "Complément SIAO", &[("form[publier]", "oui")]);
        args.push(("complete", id.to_string()));
        args
    })
    .await;
    let read = notes(&ts, menage).await;
    let complement = read.iter().find(|n| n.id == complement).unwrap();
    assert_eq!((complement.complete_note_id, complement.statut), (Some(id), Statut::Publiee));
    // A draft cannot be completed, and another draft of the TS can be deleted by him only.
    let other = create(&ts, menage, form("note", "Brouillon jetable", &[])).await;
    let mut amend = form("note", "Complément d'un brouillon", &[]);
    amend.push(("complete", other.to_string()));
    amend.push(("menage_id", menage.to_string()));
    assert_eq!(operateur.call("/api/notes/create", &amend).await.status(), 404);
    let delete = [("id", other.to_string()), ("version", "1".to_string())];
    assert_eq!(operateur.call("/api/notes/delete", &delete).await.status(), 403);
    assert_eq!(ts.call("/api/notes/delete", &delete).await.status(), 200);
    assert!(!titles(&ts, menage).await.contains(&"Brouillon jetable".to_string()));

    // Every reading is a nominative line of the journal.
    let reads: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE object = 'note' AND action = 'consulter' AND nominative AND object_id = $1",
    )
    .bind(menage.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(reads >= 5, "{reads}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_confidential_note_stays_with_its_authors_siao_or_dispositifs(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let (menage, _) = menage_of_ts(&pool).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let operateur = app.logged_in(&demo_email("operateur.siao35")).await;
    let ecoutant = app.logged_in(&demo_email("ecoutant.115")).await;
    let published = [("form[publier]", "oui"), ("form[confidentielle]", "oui")];
    create(&ts, menage, form("note", "Confidence du TS", &published)).await;
    create(&operateur, menage, form("note", "Confidence du SIAO", &published)).await;
    create(&ts, menage, form("note", "Note ouverte", &[("form[publier]", "oui")])).await;

    let ts_reads = titles(&ts, menage).await;
    assert!(ts_reads.contains(&"Confidence du TS".into()) && !ts_reads.contains(&"Confidence du SIAO".into()));
    for siao in [&operateur, &ecoutant] {
        let read = titles(siao, menage).await;
        assert!(read.contains(&"Confidence du SIAO".into()) && read.contains(&"Note ouverte".into()));
        assert!(!read.contains(&"Confidence du TS".into()), "{read:?}");
    }
    // An amendment of a confidential note is confidential too.
    let id = notes(&operateur, menage).await.into_iter().find(|n| n.titre == "Confidence du SIAO").unwrap().id;
    let mut args = form("note", "Suite de la confidence", &[("form[publier]", "oui")]);
    args.push(("complete", id.to_string()));
    create(&ecoutant, menage, args).await;
    assert!(!titles(&ts, menage).await.contains(&"Suite de la confidence".into()));
    assert!(titles(&operateur, menage).await.contains(&"Suite de la confidence".into()));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_alerte_is_open_until_closed_once_with_a_reason(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let (menage, _) = menage_of_ts(&pool).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let ecoutant = app.logged_in(&demo_email("ecoutant.115")).await;
    let id =
        create(&ts, menage, form("alerte", "Ne pas orienter vers Rennes centre", &[("form[publier]", "oui")])).await;
    let alerte = notes(&ecoutant, menage).await.into_iter().find(|n| n.id == id).unwrap();
    assert!(alerte.is_open_alerte());

    let close = |motif: &str| vec![("id", id.to_string()), ("motif", motif.to_string())];
    let (status, error) = error_of(ecoutant.call("/api/notes/close-alert", &close("  ")).await).await;
    assert_eq!(status, 422);
    assert_eq!(error.field_message("motif").as_deref(), Some("Indiquez pourquoi l'alerte est close."));
    assert_eq!(ecoutant.call("/api/notes/close-alert", &close("Situation réglée avec le ménage")).await.status(), 200);
    let closed = notes(&ts, menage).await.into_iter().find(|n| n.id == id).unwrap();
    let cloture = closed.cloture.clone().expect("closed");
    assert_eq!((cloture.par.as_str(), cloture.motif.as_str()), ("Élise Écoutante", "Situation réglée avec le ménage"));
    assert!(!closed.is_open_alerte());
    let (status, error) = error_of(ts.call("/api/notes/close-alert", &close("Encore")).await).await;
    assert_eq!(status, 422);
    assert!(matches!(error, AppError::Refused(m) if m.contains("déjà close")));
    // A note is not an alerte.
    let note = create(&ts, menage, form("note", "Simple note", &[("form[publier]", "oui")])).await;
    let args = vec![("id", note.to_string()), ("motif", "x".to_string())];
    assert_eq!(ts.call("/api/notes/close-alert", &args).await.status(), 422);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_note_names_only_persons_of_its_menage_and_an_entretien_its_date(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let (menage, _) = menage_of_ts(&pool).await;
    let stranger: Uuid =
        sqlx::query_scalar("SELECT personne_id FROM menage_membres WHERE menage_id <> $1 AND jusqu_au IS NULL LIMIT 1")
            .bind(menage)
            .fetch_one(&pool)
            .await
            .unwrap();
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let mut args = vec![("menage_id", menage.to_string())];
    let stranger = stranger.to_string();
    args.extend(form(
        "entretien",
        "Entretien",
        &[("form[personnes][0]", &stranger), ("form[date_entretien]", "2025-06-01")],
    ));
    let (status, error) = error_of(ts.call("/api/notes/create", &args).await).await;
    assert_eq!(status, 422);
    assert_eq!(field_of(&error), ["personnes"]);
    let mut args = vec![("menage_id", menage.to_string())];
    args.extend(form("entretien", "Entretien", &[]));
    let (status, error) = error_of(ts.call("/api/notes/create", &args).await).await;
    assert_eq!(status, 422);
    assert_eq!(error.field_message("date_entretien").as_deref(), Some("Indiquez la date de l'entretien."));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_note_is_shown_as_text_never_as_markup(pool: PgPool) {
    seed(&pool).await;
    let app = spawn_app(pool.clone()).await;
    let (menage, _) = menage_of_ts(&pool).await;
    let ts = app.logged_in(&demo_email("ts.chrs")).await;
    let hostile = "<img src=x onerror=alert(1)>";
    let args = vec![
        ("form[nature]", "alerte".to_string()),
        ("form[titre]", hostile.to_string()),
        ("form[corps]", format!("{hostile}\n\n</p><script>alert(2)</script>")),
        ("form[publier]", "oui".to_string()),
    ];
    create(&ts, menage, args).await;
    let page = ts.get(&format!("/menages/{menage}?onglet=notes")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(!html.contains(hostile) && !html.contains("<script>alert(2)"), "markup from a note reached the page");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the text is shown, escaped (header alert and tab)");
}
