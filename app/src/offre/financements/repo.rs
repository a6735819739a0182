//! SQL of the financements.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{FinancementDetail, FinancementInput, FinancementItem};

/// The dispositif of a financement.
pub async fn dispositif_of(pool: &PgPool, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT dispositif_id FROM financements WHERE id = $1", id).fetch_optional(pool).await
}

/// The lines of a dispositif, newest year first (inactive ones last).
pub async fn of_dispositif(pool: &PgPool, dispositif_id: Uuid) -> Result<Vec<FinancementItem>, sqlx::Error> {
    let ids = sqlx::query_scalar!(
        "SELECT id FROM financements WHERE dispositif_id = $1 ORDER BY actif DESC, annee DESC, source_code",
        dispositif_id
    )
    .fetch_all(pool)
    .await?;
    let mut conn = pool.acquire().await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.push(load_in(&mut conn, id).await?.item);
    }
    Ok(items)
}

pub async fn load(pool: &PgPool, id: Uuid) -> Result<Option<FinancementDetail>, sqlx::Error> {
    match load_in(&mut *pool.acquire().await?, id).await {
        Err(sqlx::Error::RowNotFound) => Ok(None),
        other => other.map(Some),
    }
}

pub async fn load_in(conn: &mut PgConnection, id: Uuid) -> Result<FinancementDetail, sqlx::Error> {
    let r = sqlx::query!(
        r#"SELECT f.id, f.version, f.dispositif_id, f.source_code, s.label AS "source_label?", f.annee,
                  f.montant_centimes, f.places_financees, f.actif, d.nom AS dispositif_nom
           FROM financements f
           JOIN dispositifs d ON d.id = f.dispositif_id
           LEFT JOIN referentiel_valeurs s ON s.referentiel = 'source_financement' AND s.code = f.source_code
           WHERE f.id = $1"#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(FinancementDetail {
        item: FinancementItem {
            id: r.id,
            version: r.version,
            dispositif_id: r.dispositif_id,
            source_code: r.source_code,
            source_label: r.source_label,
            annee: r.annee,
            montant_centimes: r.montant_centimes,
            places_financees: r.places_financees,
            actif: r.actif,
        },
        dispositif_nom: r.dispositif_nom,
    })
}

pub async fn insert(conn: &mut PgConnection, f: &FinancementInput, created_by: Uuid) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO financements (dispositif_id, source_code, annee, montant_centimes, places_financees, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        f.dispositif_id,
        f.source_code,
        f.annee,
        f.montant_centimes,
        f.places_financees,
        created_by
    )
    .fetch_one(conn)
    .await
}

/// Saves the line if it is still at `version` (its dispositif never changes).
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    f: &FinancementInput,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE financements SET source_code = $3, annee = $4, montant_centimes = $5, places_financees = $6,
                                 version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        f.source_code,
        f.annee,
        f.montant_centimes,
        f.places_financees
    )
    .fetch_optional(conn)
    .await
}

pub async fn deactivate(conn: &mut PgConnection, id: Uuid, version: i32) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE financements SET actif = false, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version
    )
    .fetch_optional(conn)
    .await
}

pub async fn current_version(pool: &PgPool, id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM financements WHERE id = $1", id).fetch_one(pool).await
}
