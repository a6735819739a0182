//! Demo data (DEMO_MODE=true only): one département (35) with its SIAO, a dozen entités and dispositifs
//! across the six natures of the nomenclature, and one account per profile, all with the same known
//! password; about thirty ménages created by the demo Travailleur social and Écoutant 115. Idempotent.

use sqlx::PgPool;
use uuid::Uuid;

use app::rights::model::Profile;

/// Password of every demo account (printed at start-up in demo mode only).
pub const DEMO_PASSWORD: &str = "siao-demo-2026";
pub const DEMO_DOMAIN: &str = "demo.si-siao.fr";

const SIAO: Uuid = Uuid::from_u128(0x35_0001);
const HORIZON: Uuid = Uuid::from_u128(0x35_0101);
const CHRS: Uuid = Uuid::from_u128(0x35_0201);
const MARAUDE: Uuid = Uuid::from_u128(0x35_0202);
/// The demo partner software (DUI) of the CHRS, and its credentials (printed at start-up in demo mode only).
const DUI_PARTENAIRE: Uuid = Uuid::from_u128(0x35_6000);
pub const DUI_CLIENT_ID: &str = "dui_chrshorizondemoabcde";
pub const DUI_SECRET: &str = "sk_demo_3d5f0c9e1b7a46c2a8e4d2f6b9c1e7a5d3f0b8c6e4a2d9f7b5c3e1a0f8d6b4c2";
/// The demo ménages admitted at the CHRS (the partner's way in), with their demandes.
const ADMIS: [(usize, u128); 2] = [(8, 0x35_4100), (9, 0x35_4101)];

/// The entités of the demo territory (id, nom, SIREN with a valid key, statut): a dozen, three of them
/// waiting in the validation circuit.
const ENTITES: [(u128, &str, &str, &str); 12] = [
    (0x35_0101, "Association Horizon", "123456782", "valide"),
    (0x35_0102, "Le Relais Breton", "987654324", "valide"),
    (0x35_0103, "Association Ker Avel", "350100012", "valide"),
    (0x35_0104, "Association Le Goéland", "350100020", "valide"),
    (0x35_0105, "Foyer des Lices", "350100038", "valide"),
    (0x35_0106, "Association Trait d'Union", "350100046", "valide"),
    (0x35_0107, "Résidences du Blosne", "350100053", "valide"),
    (0x35_0108, "Accueil de nuit Vilaine", "350100061", "valide"),
    (0x35_0109, "Association Émeraude Insertion", "350100079", "valide"),
    (0x35_0110, "Maison relais du Thabor", "350100087", "prevalide"),
    (0x35_0111, "Collectif Solidarité Redon", "350100095", "prevalide"),
    (0x35_0112, "Association Brocéliande Logement", "350100103", "brouillon"),
];

/// The dispositifs (id, entité, nom, P177, type of the nomenclature, statut): the six natures.
const DISPOSITIFS: [(u128, u128, &str, bool, &str, &str); 12] = [
    (0x35_0201, 0x35_0101, "CHRS Horizon", true, "hebergement.chrs", "valide"),
    (0x35_0202, 0x35_0101, "Maraude Horizon", true, "veille_sociale.maraude", "valide"),
    (0x35_0203, 0x35_0102, "Pension de famille du Relais", false, "logement_rs.pension_de_famille", "valide"),
    (0x35_0204, 0x35_0103, "Hôtel social Ker Avel", true, "hebergement.hotel", "valide"),
    (0x35_0205, 0x35_0104, "Accueil de jour du Goéland", true, "veille_sociale.accueil_de_jour", "valide"),
    (0x35_0206, 0x35_0105, "Résidence sociale des Lices", false, "logement_rs.residence_sociale_classique", "valide"),
    (0x35_0207, 0x35_0106, "Sous-location Trait d'Union", false, "logement_iml.location_sous_location", "valide"),
    (0x35_0208, 0x35_0106, "AVDL Trait d'Union", false, "accompagnement.avdl", "prevalide"),
    (0x35_0209, 0x35_0107, "Un Chez Soi d'Abord Rennes", true, "logement_iml.un_chez_soi_d_abord", "valide"),
    (0x35_0210, 0x35_0108, "Halte de nuit Vilaine", true, "veille_sociale.halte_de_nuit", "valide"),
    (0x35_0211, 0x35_0109, "Point d'accueil SPIP", false, "premier_accueil.spip", "valide"),
    (
        0x35_0212,
        0x35_0109,
        "Accompagnement emploi Émeraude",
        false,
        "accompagnement.accompagnement_emploi_emile_phc_cvg_coach_aava",
        "brouillon",
    ),
];

/// (id, dispositif, nom, canal, éphémère, places, occupied, immobilised)
type DemoGroupe = (u128, u128, &'static str, &'static str, bool, i32, i32, i32);

/// The groupes de places (id, dispositif, nom, canal, éphémère, places, occupied, immobilised): both
/// channels, one éphémère (the winter plan of the current season), places in every status.
const GROUPES: [DemoGroupe; 6] = [
    (0x35_0301, 0x35_0201, "Chambres familles", "insertion", false, 12, 6, 1),
    (0x35_0302, 0x35_0201, "Places d'urgence", "urgence_115", false, 8, 5, 0),
    (0x35_0303, 0x35_0210, "Plan hiver", "urgence_115", true, 10, 3, 0),
    (0x35_0304, 0x35_0204, "Chambres d'hôtel", "mixte", false, 15, 10, 2),
    (0x35_0305, 0x35_0203, "Logements", "insertion", false, 20, 18, 0),
    (0x35_0306, 0x35_0209, "Appartements", "insertion", false, 25, 20, 1),
];

/// The financements of the current year (dispositif, source, places, euros).
const FINANCEMENTS: [(u128, &str, i32, i64); 6] = [
    (0x35_0201, "p177", 20, 450_000),
    (0x35_0210, "p177", 10, 120_000),
    (0x35_0204, "p177", 15, 210_000),
    (0x35_0203, "departement", 20, 160_000),
    (0x35_0209, "p177", 25, 375_000),
    (0x35_0207, "contingent_prefectoral", 10, 90_000),
];

/// (e-mail local part, prénom, nom, profile)
pub const ACCOUNTS: [(&str, &str, &str, Profile); 10] = [
    ("admin.national", "Nadia", "Nationale", Profile::AdminNational),
    ("admin.ddets35", "Denis", "Départemental", Profile::AdminDepartemental),
    ("analyste", "Anne", "Analyste", Profile::Analyste),
    ("admin.siao35", "Sophie", "Administratrice", Profile::AdminSiao),
    ("operateur.siao35", "Omar", "Opérateur", Profile::OperateurSiao),
    ("ecoutant.115", "Élise", "Écoutante", Profile::Ecoutant115),
    ("gestionnaire.horizon", "Gérard", "Gestionnaire", Profile::GestionnaireEntite),
    ("assistant.horizon", "Aline", "Assistante", Profile::Assistant),
    ("responsable.chrs", "Rémi", "Responsable", Profile::ResponsableDispositif),
    ("ts.chrs", "Théo", "Travailleur", Profile::TravailleurSocial),
];

pub fn email(local: &str) -> String {
    format!("{local}@{DEMO_DOMAIN}")
}

pub async fn seed(pool: &PgPool) -> Result<(), Box<dyn std::error::Error>> {
    let mut tx = pool.begin().await?;
    sqlx::query!("INSERT INTO siaos (id, nom) VALUES ($1, 'SIAO d''Ille-et-Vilaine') ON CONFLICT DO NOTHING", SIAO)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "INSERT INTO siao_departements (siao_id, departement_code) VALUES ($1, '35') ON CONFLICT DO NOTHING",
        SIAO
    )
    .execute(&mut *tx)
    .await?;
    for (id, nom, siren, statut) in ENTITES {
        let id = Uuid::from_u128(id);
        sqlx::query!(
            "INSERT INTO entites (id, nom, siren, departement_code, statut, telephone, convention_collective)
             VALUES ($1, $2, $3, '35', $4, '0299000000', 'ccn_1966') ON CONFLICT DO NOTHING",
            id,
            nom,
            siren,
            statut
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!("INSERT INTO entite_departements VALUES ($1, '35') ON CONFLICT DO NOTHING", id)
            .execute(&mut *tx)
            .await?;
    }
    for (id, entite, nom, p177, type_code, statut) in DISPOSITIFS {
        let nature = type_code.split('.').next().unwrap_or_default();
        sqlx::query!(
            "INSERT INTO dispositifs (id, entite_id, nom, departement_code, finance_p177, nature_code, type_code, statut)
             VALUES ($1, $2, $3, '35', $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            Uuid::from_u128(id),
            Uuid::from_u128(entite),
            nom,
            p177,
            nature,
            type_code,
            statut
        )
        .execute(&mut *tx)
        .await?;
    }
    seed_places(&mut tx).await?;
    let hash = app::auth::password::hash(DEMO_PASSWORD.to_string()).await?;
    for (local, prenom, nom, profile) in ACCOUNTS {
        use app::rights::model::ScopeKind::*;
        let (dep, siao, entite) = match profile.scope_kind() {
            National => (None, None, None),
            Departement => (Some("35"), None, None),
            Siao => (None, Some(SIAO), None),
            Entite | Dispositifs => (None, None, Some(HORIZON)),
        };
        let id = sqlx::query_scalar!(
            "INSERT INTO users (email, prenom, nom, profile, departement_code, siao_id, entite_id, password_hash,
                                password_changed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (email) DO NOTHING RETURNING id",
            email(local) as String,
            prenom,
            nom,
            profile.code(),
            dep,
            siao,
            entite,
            hash
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let (Some(id), Dispositifs) = (id, profile.scope_kind()) {
            sqlx::query!("INSERT INTO user_dispositifs VALUES ($1, $2)", id, CHRS).execute(&mut *tx).await?;
            // The responsable of the CHRS also runs the entité's maraude (prestations are asked of it).
            if local == "responsable.chrs" {
                sqlx::query!("INSERT INTO user_dispositifs VALUES ($1, $2)", id, MARAUDE).execute(&mut *tx).await?;
            }
        }
    }
    seed_menages(&mut tx).await?;
    tx.commit().await?;
    seed_demandes(pool).await?;
    seed_partenaire(pool).await?;
    Ok(())
}

/// The demo partner (habilitated on the CHRS, with a known secret) and two ménages admitted at the CHRS, in
/// places of its "Chambres familles" already counted as occupied (the free places do not change). Once.
async fn seed_partenaire(pool: &PgPool) -> Result<(), Box<dyn std::error::Error>> {
    let mut tx = pool.begin().await?;
    let exists = sqlx::query_scalar!("SELECT id FROM partenaires WHERE id = $1", DUI_PARTENAIRE)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Ok(());
    }
    let admin = sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email("admin.national"))
        .fetch_one(&mut *tx)
        .await?;
    let input = app::interop::model::PartenaireForm {
        nom: "SoliDUI (démo)".into(),
        editeur: "Éditions Solidaires".into(),
        contact_nom: "Camille Martin".into(),
        contact_courriel: "contact@solidui.example".into(),
        siren: "123456782".into(),
        limite_minute: "".into(),
    }
    .parse()
    .map_err(|e| format!("demo partner: {e:?}"))?;
    app::interop::repo::insert(&mut tx, DUI_PARTENAIRE, &input, HORIZON, DUI_CLIENT_ID, admin).await?;
    app::interop::repo::set_habilitation(&mut tx, DUI_PARTENAIRE, 1, false, &[CHRS]).await?;
    tx.commit().await?;
    let hash = app::interop::credentials::digest(DUI_SECRET);
    app::interop::repo::insert_secret(
        pool,
        DUI_PARTENAIRE,
        &hash,
        &app::interop::credentials::suffix(DUI_SECRET),
        None,
    )
    .await?;
    let ts = sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email("ts.chrs")).fetch_one(pool).await?;
    let groupe = Uuid::from_u128(GROUPES[0].0);
    for (i, demande) in ADMIS {
        let menage = Uuid::from_u128(0x35_1000 + i as u128);
        let Some(fiche) = app::menage::repo::load(pool, menage).await? else { continue };
        let members: Vec<_> = fiche.personnes.iter().map(|p| p.member()).collect();
        let composition = app::menage::model::Composition::of(&members);
        let personnes: Vec<Uuid> = fiche.personnes.iter().map(|p| p.id).collect();
        let mut tx = pool.begin().await?;
        sqlx::query!(
            "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, situation_demande,
                                   motif_demande, preconisations, composition_code, nb_adultes, nb_mineurs,
                                   prescripteur_dispositif_id, created_by, created_at, transmise_initiale_at,
                                   transmise_at, en_attente_depuis)
             VALUES ($1, 'insertion', $2, '35', $3, 'admise', '20', '204', '{400}', $4, $5, $6, $7, $8,
                     now() - interval '90 days', now() - interval '90 days', now() - interval '90 days',
                     now() - interval '80 days')",
            Uuid::from_u128(demande),
            menage,
            &personnes,
            composition.code,
            composition.adultes as i32,
            composition.mineurs as i32,
            CHRS,
            ts
        )
        .execute(&mut *tx)
        .await?;
        let orientation = Uuid::from_u128(demande + 0x100);
        sqlx::query!(
            "INSERT INTO orientations (id, demande_id, menage_id, groupe_id, dispositif_id, statut, nb_places,
                                       arrivee_le, created_by, decided_by, decided_at)
             VALUES ($1, $2, $3, $4, $5, 'admise', $6, current_date - 30, $7, $7, now() - interval '35 days')",
            orientation,
            Uuid::from_u128(demande),
            menage,
            groupe,
            CHRS,
            personnes.len() as i32,
            ts
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "UPDATE places SET orientation_id = $1
             WHERE id IN (SELECT id FROM places WHERE groupe_id = $2 AND statut = 'occupee' AND orientation_id IS NULL
                          ORDER BY id LIMIT $3)",
            orientation,
            groupe,
            personnes.len() as i64
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The demandes of the demo (ménage index, nature, statut, prioritaire): one to study, two on the waiting
/// list (one prioritaire), one before next week's commission, a 115 call on hold.
const DEMANDES: [(usize, &str, &str, bool); 5] = [
    (3, "insertion", "transmise", false),
    (4, "insertion", "en_attente", true),
    (6, "insertion", "en_attente", false),
    (7, "insertion", "en_commission", false),
    (5, "urgence_115", "en_attente", false),
];

/// The demo demandes and next week's commission session, once (fixed ids).
async fn seed_demandes(pool: &PgPool) -> Result<(), Box<dyn std::error::Error>> {
    let ts = sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email("ts.chrs")).fetch_one(pool).await?;
    let ecoutant =
        sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email("ecoutant.115")).fetch_one(pool).await?;
    let commission = Uuid::from_u128(0x35_5000);
    let mut tx = pool.begin().await?;
    let created = sqlx::query_scalar!(
        "INSERT INTO commissions (id, departement_code, date_seance, intitule, lieu, created_by)
         VALUES ($1, '35', current_date + 7, 'Commission insertion — Rennes', 'SIAO 35, salle du conseil', $2)
         ON CONFLICT DO NOTHING RETURNING id",
        commission,
        ts
    )
    .fetch_optional(&mut *tx)
    .await?;
    if created.is_none() {
        return Ok(());
    }
    for (k, (i, nature, statut, priorite)) in DEMANDES.into_iter().enumerate() {
        let menage = Uuid::from_u128(0x35_1000 + i as u128);
        let Some(fiche) = app::menage::repo::load(pool, menage).await? else { continue };
        let members: Vec<_> = fiche.personnes.iter().map(|p| p.member()).collect();
        let composition = app::menage::model::Composition::of(&members);
        let personnes: Vec<Uuid> = fiche.personnes.iter().map(|p| p.id).collect();
        let id = Uuid::from_u128(0x35_4000 + k as u128);
        let insertion = nature == "insertion";
        let days = 40 - 6 * k as i32;
        sqlx::query!(
            "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, situation_demande,
                                   motif_demande, preconisations, composition_code, nb_adultes, nb_mineurs, priorite,
                                   prescripteur_dispositif_id, appel_at, motif_appel, vulnerabilites, created_by,
                                   created_at, transmise_initiale_at, transmise_at, en_attente_depuis)
             VALUES ($1, $2, $3, '35', $4, $5, CASE WHEN $6 THEN '20' END, CASE WHEN $6 THEN '204' END,
                     CASE WHEN $6 THEN '{400}'::text[] ELSE '{}' END, $7, $8, $9, $10,
                     CASE WHEN $6 THEN $14::uuid END, CASE WHEN NOT $6 THEN now() - interval '2 hours' END,
                     CASE WHEN NOT $6 THEN 'hebergement_nuit' END,
                     CASE WHEN NOT $6 THEN 'Dehors depuis trois nuits, sans solution ce soir.' END,
                     CASE WHEN $6 THEN $11::uuid ELSE $12::uuid END, now() - make_interval(days => $13),
                     CASE WHEN $6 THEN now() - make_interval(days => $13) END,
                     CASE WHEN $6 THEN now() - make_interval(days => $13) END,
                     CASE WHEN $5 <> 'transmise' THEN now() - make_interval(days => $13) END)",
            id,
            nature,
            menage,
            &personnes,
            statut,
            insertion,
            composition.code,
            composition.adultes as i32,
            composition.mineurs as i32,
            priorite,
            ts,
            ecoutant,
            days,
            CHRS
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "INSERT INTO demande_evenements (demande_id, at, by_user, evenement, vers)
             SELECT $1, created_at, created_by, 'creer', statut FROM demandes WHERE id = $1",
            id
        )
        .execute(&mut *tx)
        .await?;
        if statut == "en_commission" {
            sqlx::query!(
                "INSERT INTO commission_demandes (commission_id, demande_id, rang) VALUES ($1, $2, 1)",
                commission,
                id
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The planted likely duplicates: (index of the ménage whose demandeur principal is copied, nom, prénoms).
const DUPLICATES: [(usize, &str, &str); 3] = [(0, "MARTIN", "Sofie"), (1, "Benalli", "Karim"), (2, "Le Gal", "Marie")];

/// The demandeur principal's resources, and for some a charge or a debt, and social-security rights.
async fn seed_budget(tx: &mut sqlx::PgConnection, i: usize, personne: Uuid, author: Uuid) -> Result<(), sqlx::Error> {
    // (nature, SI SIAO code, cents): RSA socle, wages, AAH, allocation pour demandeur d'asile; rent, phone; rent arrears.
    const RESOURCES: [(&str, &str, i64); 4] = [
        ("ressource", "60", 60_775),
        ("ressource", "10", 142_000),
        ("ressource", "80", 101_600),
        ("ressource", "130", 20_460),
    ];
    const OTHERS: [(&str, &str, i64); 3] =
        [("charge", "10", 35_000), ("charge", "110", 2_000), ("dette", "10", 180_000)];
    let mut lines = vec![RESOURCES[i % RESOURCES.len()]];
    if i.is_multiple_of(2) {
        lines.push(OTHERS[i / 2 % OTHERS.len()]);
    }
    for (k, (nature, code, cents)) in lines.into_iter().enumerate() {
        sqlx::query!(
            "INSERT INTO budget_lignes (id, personne_id, nature, type_code, montant_centimes, created_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
            Uuid::from_u128(0x35_3000 + (i * 4 + k) as u128),
            personne,
            nature,
            code,
            cents,
            author
        )
        .execute(&mut *tx)
        .await?;
    }
    let rights = serde_json::json!({ "droit_securite_sociale": if i % 4 == 3 { "10" } else { "50" } });
    sqlx::query!(
        "INSERT INTO situations_personnes (personne_id, data, updated_by) VALUES ($1, $2, $3)",
        personne,
        rights,
        author
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// About thirty ménages in Ille-et-Vilaine, two thirds created by the demo Travailleur social, one third
/// by the Écoutant 115, three of them likely duplicates of others (a typo, a doubled letter, a missing one).
async fn seed_menages(tx: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    use crate::fake::{menage, Rng};
    let ts = sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email("ts.chrs")).fetch_one(&mut *tx).await?;
    let ecoutant =
        sqlx::query_scalar!("SELECT id FROM users WHERE email = $1", email("ecoutant.115")).fetch_one(&mut *tx).await?;
    let today = chrono::Utc::now().date_naive();
    let mut rng = Rng::new(35);
    let mut menages: Vec<_> = (0..27).map(|_| menage(&mut rng, today)).collect();
    // The first three are a woman, a man and a woman of frequent names, to be copied by the duplicates.
    let seeds = [
        ("Martin", "Sophie", "FEMME", 1990, 3, 2),
        ("Benali", "Karim", "HOMME", 1985, 6, 15),
        ("Le Gall", "Marie", "FEMME", 1978, 11, 30),
    ];
    for (m, (nom, prenom, sexe, y, mo, d)) in menages.iter_mut().zip(seeds) {
        let p = &mut m.personnes[0];
        (p.nom_naissance, p.prenoms, p.sexe) = (nom.to_string(), prenom.to_string(), sexe);
        p.date_naissance = chrono::NaiveDate::from_ymd_opt(y, mo, d);
    }
    for (from, nom, prenom) in DUPLICATES {
        let mut copy = menage(&mut rng, today);
        let original = menages[from].personnes[0].clone();
        copy.personnes.truncate(1);
        let p = &mut copy.personnes[0];
        (p.nom_naissance, p.prenoms, p.sexe, p.date_naissance) =
            (nom.to_string(), prenom.to_string(), original.sexe, original.date_naissance);
        menages.push(copy);
    }
    for (i, m) in menages.iter().enumerate() {
        let id = Uuid::from_u128(0x35_1000 + i as u128);
        let author = if i % 3 == 2 { ecoutant } else { ts };
        let created = sqlx::query_scalar!(
            "INSERT INTO menages (id, cle, departement_code, situation_logement, motif_demande, duree_errance,
                                  created_by, updated_by, created_at, updated_at)
             VALUES ($1, $2, '35', $3, $4, $5, $6, $6, now() - make_interval(days => $7), now() - make_interval(days => $7))
             ON CONFLICT DO NOTHING RETURNING id",
            id,
            m.cle,
            m.situation_logement,
            m.motif_demande,
            m.duree_errance,
            author,
            (60 - 2 * i) as i32,
        )
        .fetch_optional(&mut *tx)
        .await?;
        if created.is_none() {
            continue;
        }
        for (j, p) in m.personnes.iter().enumerate() {
            let pid = Uuid::from_u128(0x35_2000 + (i * 16 + j) as u128);
            sqlx::query!(
                "INSERT INTO personnes (id, cle, nom_naissance, nom_usage, prenoms, date_naissance, sexe, nationalite,
                                        created_by, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
                pid,
                p.cle,
                p.nom_naissance,
                p.nom_usage,
                p.prenoms,
                p.date_naissance as _,
                p.sexe,
                p.nationalite,
                author
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query!(
                "INSERT INTO menage_membres (menage_id, personne_id, role, added_by) VALUES ($1, $2, $3, $4)",
                id,
                pid,
                p.role.code(),
                author
            )
            .execute(&mut *tx)
            .await?;
            if j == 0 {
                seed_budget(tx, i, pid, author).await?;
            }
        }
        sqlx::query!(
            "INSERT INTO historique (object, object_id, version, action, user_id, comment)
             VALUES ('menage', $1, 1, 'Création', $2, 'Données de démonstration')",
            id.to_string(),
            author
        )
        .execute(&mut *tx)
        .await?;
        seed_notes(tx, i, id, author).await?;
        if i == 0 {
            seed_evaluation(tx, id, author).await?;
        }
    }
    Ok(())
}

/// A final évaluation approfondie of seven months ago on the first ménage: to be renewed.
async fn seed_evaluation(tx: &mut sqlx::PgConnection, menage: Uuid, author: Uuid) -> Result<(), sqlx::Error> {
    use app::evaluation::model::Contenu;
    let contenu = Contenu {
        souhaits: "Hébergée chez des tiers depuis un an. Souhaite un logement à Rennes, près de l'école de sa fille.".into(),
        besoins: vec!["acces_droits".into(), "logement".into()],
        preconisation: "400".into(),
        synthese: "Situation instable chez des tiers ; droits à ouvrir. Une orientation en CHRS permettrait de stabiliser la situation avant le logement.".into(),
        ..Default::default()
    };
    sqlx::query!(
        "INSERT INTO evaluations (id, menage_id, statut, contenu, created_by, created_at, finalisee_at)
         VALUES ($1, $2, 'finale', $3, $4, now() - interval '7 months 3 days', now() - interval '7 months')",
        Uuid::from_u128(0x35_5000),
        menage,
        sqlx::types::Json(&contenu) as _,
        author
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The notes of the first ménages, by their author: (nature, titre, corps, published).
const NOTES: [&[(&str, &str, &str, bool)]; 3] = [
    &[
        ("entretien", "Premier entretien au CHRS", "Madame se présente seule. Elle est hébergée chez une amie depuis trois semaines et doit partir à la fin du mois.\n\nElle souhaite un logement autonome à Rennes, près de l'école de sa fille. Ouverture des droits à vérifier avec la CAF.", true),
        ("note_sociale", "Synthèse de la situation", "Ressources stables (RSA). Pas de dette locative. Demande d'hébergement d'insertion à transmettre au SIAO une fois l'évaluation faite.", true),
        ("note", "Pièces à demander", "Avis d'imposition, attestation CAF, justificatif de domiciliation.", false),
    ],
    &[("alerte", "Ne pas orienter vers le quartier de la gare", "Monsieur a signalé un conflit avec un ancien voisin hébergé dans ce secteur : à éviter pour toute orientation.", true)],
    &[("note", "Appel au 115", "Appel de Madame à 22 h : pas de solution chez des tiers ce soir. Mise à l'abri proposée.", true)],
];

async fn seed_notes(tx: &mut sqlx::PgConnection, i: usize, menage: Uuid, author: Uuid) -> Result<(), sqlx::Error> {
    for (k, (nature, titre, corps, published)) in NOTES.get(i).copied().unwrap_or_default().iter().enumerate() {
        let days = (20 - 5 * k) as i32;
        sqlx::query!(
            "INSERT INTO notes (id, menage_id, nature, titre, corps, date_entretien, statut, created_by, created_at,
                                publiee_at)
             VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'entretien' THEN current_date - $6::int END,
                     CASE WHEN $7 THEN 'publiee' ELSE 'brouillon' END, $8, now() - make_interval(days => $6::int),
                     CASE WHEN $7 THEN now() - make_interval(days => $6::int) END)",
            Uuid::from_u128(0x35_4000 + (i * 8 + k) as u128),
            menage,
            nature,
            titre,
            corps,
            days,
            published,
            author
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// The groupes de places, their places and the financements of the current year.
async fn seed_places(tx: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    // The winter plan of the current season: 1 November to 31 March.
    let winter = if today.month() >= 11 { today.year() } else { today.year() - 1 };
    let (debut, fin) = (
        chrono::NaiveDate::from_ymd_opt(winter, 11, 1).unwrap_or(today),
        chrono::NaiveDate::from_ymd_opt(winter + 1, 3, 31).unwrap_or(today),
    );
    for (id, dispositif, nom, canal, ephemere, places, occupees, immobilisees) in GROUPES {
        let id = Uuid::from_u128(id);
        let created = sqlx::query_scalar!(
            "INSERT INTO groupes_places (id, dispositif_id, nom, canal, ephemere, date_debut, date_fin, publics)
             VALUES ($1, $2, $3, $4, $5, $6, $7,
                     CASE WHEN $4 = 'insertion' THEN '{familles}'::text[] ELSE '{tout_public}'::text[] END)
             ON CONFLICT DO NOTHING RETURNING id",
            id,
            Uuid::from_u128(dispositif),
            nom,
            canal,
            ephemere,
            ephemere.then_some(debut) as _,
            ephemere.then_some(fin) as _,
        )
        .fetch_optional(&mut *tx)
        .await?;
        if created.is_none() {
            continue;
        }
        sqlx::query!(
            "INSERT INTO places (groupe_id, numero, statut, motif_immobilisation, immobilisee_du)
             SELECT $1, n,
                    CASE WHEN n <= $3 THEN 'occupee' WHEN n <= $3 + $4 THEN 'immobilisee' ELSE 'libre' END,
                    CASE WHEN n > $3 AND n <= $3 + $4 THEN 'travaux' END,
                    CASE WHEN n > $3 AND n <= $3 + $4 THEN $5::date END
             FROM generate_series(1, $2) AS n",
            id,
            places,
            occupees,
            immobilisees,
            (today - chrono::Duration::days(10)) as _,
        )
        .execute(&mut *tx)
        .await?;
    }
    for (dispositif, source, places, euros) in FINANCEMENTS {
        sqlx::query!(
            "INSERT INTO financements (dispositif_id, source_code, annee, places_financees, montant_centimes)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            Uuid::from_u128(dispositif),
            source,
            today.year(),
            places,
            euros * 100
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

pub fn print_accounts(base_url: &str) {
    println!("\nSI SIAO (démo) : {base_url}");
    println!("Comptes de démonstration, mot de passe commun : {DEMO_PASSWORD}");
    for (local, _, _, profile) in ACCOUNTS {
        println!("  {:<30} {}", profile.label(), email(local));
    }
    println!("Partenaire DUI de démonstration (API {base_url}/api/v1/docs) :");
    println!("  client_id      {DUI_CLIENT_ID}");
    println!("  client_secret  {DUI_SECRET}");
    println!();
}
