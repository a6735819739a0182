//! SQL of the prestations. A step is one `UPDATE ... WHERE statut = <from> AND version = <seen>`.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Etape, PrestationInput, PrestationView, Statut};

/// What the rules need of a stored prestation.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: Uuid,
    pub numero: i64,
    pub menage_id: Uuid,
    pub departement_code: String,
    pub statut: Statut,
    pub dispositif_id: Uuid,
    pub entite_id: Uuid,
    pub created_by: Uuid,
    pub version: i32,
}

pub async fn stored(pool: &PgPool, id: Uuid) -> Result<Option<Stored>, sqlx::Error> {
    let r = sqlx::query!(
        "SELECT p.numero, p.menage_id, p.departement_code, p.statut, p.dispositif_id, d.entite_id, p.created_by,
                p.version
         FROM prestations p JOIN dispositifs d ON d.id = p.dispositif_id WHERE p.id = $1",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(r.and_then(|r| {
        Some(Stored {
            id,
            numero: r.numero,
            menage_id: r.menage_id,
            departement_code: r.departement_code,
            statut: Statut::from_code(&r.statut)?,
            dispositif_id: r.dispositif_id,
            entite_id: r.entite_id,
            created_by: r.created_by,
            version: r.version,
        })
    }))
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    menage: Uuid,
    departement: &str,
    input: &PrestationInput,
    demandeur_dispositif: Option<Uuid>,
    user: Uuid,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO prestations (id, menage_id, departement_code, type_code, statut, besoin, dispositif_id,
                                  demandeur_dispositif_id, created_by)
         VALUES ($1, $2, $3, $4, 'demandee', $5, $6, $7, $8) RETURNING numero",
        id,
        menage,
        departement,
        input.type_code,
        input.besoin,
        input.dispositif_id,
        demandeur_dispositif,
        user
    )
    .fetch_one(conn)
    .await
}

/// What a step records.
#[derive(Clone, Debug, Default)]
pub struct StepDetails<'a> {
    pub realisee_le: Option<NaiveDate>,
    pub compte_rendu: Option<&'a str>,
    pub motif_fin: Option<&'a str>,
}

/// One step if the prestation is still at `version` in `from`: false when someone moved it meanwhile.
pub async fn step(
    conn: &mut PgConnection,
    p: &Stored,
    version: i32,
    etape: Etape,
    to: Statut,
    details: &StepDetails<'_>,
    user: Uuid,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!(
        "UPDATE prestations SET statut = $4, version = version + 1, updated_at = now(),
                prise_en_charge_by = CASE WHEN $5 = 'prendre' THEN $6 ELSE prise_en_charge_by END,
                prise_en_charge_at = CASE WHEN $5 = 'prendre' THEN now() ELSE prise_en_charge_at END,
                realisee_le = coalesce($7, realisee_le), compte_rendu = coalesce($8, compte_rendu),
                motif_fin = coalesce($9, motif_fin)
         WHERE id = $1 AND version = $2 AND statut = $3",
        p.id,
        version,
        p.statut.code(),
        to.code(),
        etape.code(),
        user,
        details.realisee_le as _,
        details.compte_rendu,
        details.motif_fin
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Which prestations a list shows.
pub enum Filter<'a> {
    /// All those of a ménage.
    Menage(Uuid),
    /// The open ones addressed to these dispositifs or asked from them.
    Dispositifs(&'a [Uuid]),
    /// The open ones of these départements.
    Departements(&'a [String]),
}

pub async fn views(pool: &PgPool, filter: Filter<'_>) -> Result<Vec<PrestationView>, sqlx::Error> {
    let (menage, dispositifs, departements) = match filter {
        Filter::Menage(m) => (Some(m), None, None),
        Filter::Dispositifs(d) => (None, Some(d.to_vec()), None),
        Filter::Departements(d) => (None, None, Some(d.to_vec())),
    };
    let rows = sqlx::query!(
        r#"SELECT p.id, p.numero, p.menage_id, m.numero AS menage_numero,
                  coalesce((SELECT pe.prenoms || ' ' || coalesce(pe.nom_usage, pe.nom_naissance)
                            FROM menage_membres mm JOIN personnes pe ON pe.id = mm.personne_id
                            WHERE mm.menage_id = m.id AND mm.jusqu_au IS NULL AND mm.role = 'demandeur_principal'
                            LIMIT 1), '—') AS "demandeur!",
                  coalesce(t.label, p.type_code) AS "type_label!", p.statut, p.besoin, p.dispositif_id,
                  d.nom AS dispositif, u.prenom || ' ' || u.nom AS "auteur!", p.created_at AS "created_at: DateTime<Utc>",
                  pu.prenom || ' ' || pu.nom AS "prise_en_charge_par?", p.realisee_le AS "realisee_le: NaiveDate",
                  p.compte_rendu, mf.label AS "motif_fin?", p.version, p.created_by
           FROM prestations p
           JOIN menages m ON m.id = p.menage_id
           JOIN dispositifs d ON d.id = p.dispositif_id
           JOIN users u ON u.id = p.created_by
           LEFT JOIN users pu ON pu.id = p.prise_en_charge_by
           LEFT JOIN referentiel_valeurs t ON t.referentiel = 'type_prestation' AND t.code = p.type_code
           LEFT JOIN referentiel_valeurs mf ON mf.referentiel = 'motif_fin_prestation' AND mf.code = p.motif_fin
           WHERE ($1::uuid IS NULL OR p.menage_id = $1)
             AND ($2::uuid[] IS NULL OR ((p.dispositif_id = ANY ($2) OR p.demandeur_dispositif_id = ANY ($2))
                                         AND p.statut IN ('demandee', 'prise_en_charge')))
             AND ($3::text[] IS NULL OR (p.departement_code = ANY ($3) AND p.statut IN ('demandee', 'prise_en_charge')))
           ORDER BY p.created_at DESC
           LIMIT 500"#,
        menage,
        dispositifs.as_deref(),
        departements.as_deref()
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PrestationView {
            id: r.id,
            numero: r.numero,
            menage_id: r.menage_id,
            menage_numero: r.menage_numero,
            demandeur: r.demandeur,
            type_label: r.type_label,
            statut: Statut::from_code(&r.statut).unwrap_or(Statut::Annulee),
            besoin: r.besoin,
            dispositif_id: r.dispositif_id,
            dispositif: r.dispositif,
            auteur: r.auteur,
            created_at: r.created_at,
            prise_en_charge_par: r.prise_en_charge_par,
            realisee_le: r.realisee_le,
            compte_rendu: r.compte_rendu,
            motif_fin: r.motif_fin,
            version: r.version,
            created_by: r.created_by,
            // Set by the server, which knows the reader.
            equipe: false,
            annulable: false,
        })
        .collect())
}

/// The dispositifs a prestation can be asked of in a département: active, validated, of the veille
/// sociale (maraudes, accueils de jour, haltes de nuit...) or of the accompagnement. (id, name).
pub async fn dispositifs_for(pool: &PgPool, departement: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, nom FROM dispositifs
         WHERE departement_code = $1 AND actif AND statut = 'valide'
           AND nature_code IN ('veille_sociale', 'accompagnement')
         ORDER BY nom",
        departement
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id.to_string(), r.nom)).collect())
}

/// The active users attached to a dispositif (its team), to notify.
pub async fn team(conn: &mut PgConnection, dispositif: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT u.id FROM users u JOIN user_dispositifs ud ON ud.user_id = u.id WHERE ud.dispositif_id = $1 AND u.active",
        dispositif
    )
    .fetch_all(conn)
    .await
}
