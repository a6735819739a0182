//! Demo data (DEMO_MODE=true only): one département (35) with its SIAO, two entités, three
//! dispositifs, and one account per profile, all with the same known password. Idempotent.

use sqlx::PgPool;
use uuid::Uuid;

use app::rights::model::Profile;

/// Password of every demo account (printed at start-up in demo mode only).
pub const DEMO_PASSWORD: &str = "siao-demo-2026";
pub const DEMO_DOMAIN: &str = "demo.si-siao.fr";

const SIAO: Uuid = Uuid::from_u128(0x35_0001);
const HORIZON: Uuid = Uuid::from_u128(0x35_0101);
const RELAIS: Uuid = Uuid::from_u128(0x35_0102);
const CHRS: Uuid = Uuid::from_u128(0x35_0201);
const MARAUDE: Uuid = Uuid::from_u128(0x35_0202);
const PENSION: Uuid = Uuid::from_u128(0x35_0203);

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
    for (id, nom, siren) in [(HORIZON, "Association Horizon", "123456782"), (RELAIS, "Le Relais Breton", "987654324")] {
        sqlx::query!(
            "INSERT INTO entites (id, nom, siren, departement_code) VALUES ($1, $2, $3, '35') ON CONFLICT DO NOTHING",
            id,
            nom,
            siren
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!("INSERT INTO entite_departements VALUES ($1, '35') ON CONFLICT DO NOTHING", id)
            .execute(&mut *tx)
            .await?;
    }
    for (id, entite, nom, p177, nature, type_code) in [
        (CHRS, HORIZON, "CHRS Horizon", true, "hebergement", "hebergement.chrs"),
        (MARAUDE, HORIZON, "Maraude Horizon", true, "veille_sociale", "veille_sociale.maraude"),
        (PENSION, RELAIS, "Pension de famille du Relais", false, "logement_rs", "logement_rs.pension_de_famille"),
    ] {
        sqlx::query!(
            "INSERT INTO dispositifs (id, entite_id, nom, departement_code, finance_p177, nature_code, type_code)
             VALUES ($1, $2, $3, '35', $4, $5, $6) ON CONFLICT DO NOTHING",
            id,
            entite,
            nom,
            p177,
            nature,
            type_code
        )
        .execute(&mut *tx)
        .await?;
    }
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
        }
    }
    tx.commit().await?;
    Ok(())
}

pub fn print_accounts(base_url: &str) {
    println!("\nSI SIAO (démo) : {base_url}");
    println!("Comptes de démonstration, mot de passe commun : {DEMO_PASSWORD}");
    for (local, _, _, profile) in ACCOUNTS {
        println!("  {:<30} {}", profile.label(), email(local));
    }
    println!();
}
