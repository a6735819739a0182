//! SQL of the groupes de places and their places.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{
    Compte, GroupeDetail, GroupeForm, GroupeInput, GroupeListItem, Immobilisation, PlaceItem, PlaceStatut,
};
use crate::rights::authorize::Target;

/// Where a groupe lies for the scope rules: its dispositif's département, entité and itself, its author.
pub async fn target_of(pool: &PgPool, id: Uuid) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT d.departement_code, d.entite_id, d.id AS dispositif_id, g.created_by
         FROM groupes_places g JOIN dispositifs d ON d.id = g.dispositif_id WHERE g.id = $1",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Target {
        departements: vec![r.departement_code],
        entite_id: Some(r.entite_id),
        dispositifs: vec![r.dispositif_id],
        owner: r.created_by,
    }))
}

/// The groupe of a place and where it lies.
pub async fn place_target(pool: &PgPool, place_id: Uuid) -> Result<Option<(Uuid, Target)>, sqlx::Error> {
    let groupe =
        sqlx::query_scalar!("SELECT groupe_id FROM places WHERE id = $1", place_id).fetch_optional(pool).await?;
    let Some(groupe) = groupe else { return Ok(None) };
    Ok(target_of(pool, groupe).await?.map(|t| (groupe, t)))
}

/// What a new groupe needs of its dispositif: (statut, actif, nature).
pub async fn dispositif_state(
    pool: &PgPool,
    dispositif_id: Uuid,
) -> Result<Option<(String, bool, Option<String>)>, sqlx::Error> {
    let row = sqlx::query!("SELECT statut, actif, nature_code FROM dispositifs WHERE id = $1", dispositif_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| (r.statut, r.actif, r.nature_code)))
}

pub async fn load(pool: &PgPool, id: Uuid) -> Result<Option<GroupeDetail>, sqlx::Error> {
    match load_in(&mut *pool.acquire().await?, id).await {
        Err(sqlx::Error::RowNotFound) => Ok(None),
        other => other.map(Some),
    }
}

/// The groupe and its places as the connection (or transaction) sees them; `RowNotFound` if none.
pub async fn load_in(conn: &mut PgConnection, id: Uuid) -> Result<GroupeDetail, sqlx::Error> {
    let r = sqlx::query!(
        r#"SELECT g.id, g.dispositif_id, g.nom, g.canal, g.publics, g.adresse, g.code_postal, g.commune,
                  g.accessible_pmr, g.equipements, g.ephemere, g.date_debut AS "date_debut: NaiveDate", g.date_fin AS "date_fin: NaiveDate", g.actif, g.version,
                  d.nom AS dispositif_nom, d.departement_code, e.id AS entite_id, e.nom AS entite_nom,
                  ARRAY(SELECT v.label FROM referentiel_valeurs v
                        WHERE v.referentiel = 'public_accueilli' AND v.code = ANY(g.publics)
                        ORDER BY v.position) AS "publics_labels!"
           FROM groupes_places g
           JOIN dispositifs d ON d.id = g.dispositif_id
           JOIN entites e ON e.id = d.entite_id
           WHERE g.id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let places = places_in(conn, id).await?;
    let flag = |b: bool| if b { "oui".to_string() } else { String::new() };
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(GroupeDetail {
        id: r.id,
        version: r.version,
        actif: r.actif,
        form: GroupeForm {
            dispositif_id: r.dispositif_id.to_string(),
            nom: r.nom,
            canal: r.canal,
            nombre_places: places.len().to_string(),
            publics: r.publics,
            adresse: r.adresse.unwrap_or_default(),
            code_postal: r.code_postal.unwrap_or_default(),
            commune: r.commune.unwrap_or_default(),
            accessible_pmr: flag(r.accessible_pmr),
            equipements: r.equipements.unwrap_or_default(),
            ephemere: flag(r.ephemere),
            date_debut: day(r.date_debut),
            date_fin: day(r.date_fin),
        },
        dispositif_nom: r.dispositif_nom,
        entite_id: r.entite_id,
        entite_nom: r.entite_nom,
        departement_code: r.departement_code,
        publics_labels: r.publics_labels,
        places,
    })
}

async fn places_in(conn: &mut PgConnection, groupe_id: Uuid) -> Result<Vec<PlaceItem>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT p.id, p.numero, p.version, p.statut, m.label AS "motif_label?", p.immobilisee_du AS "immobilisee_du: NaiveDate",
                  p.immobilisee_au AS "immobilisee_au: NaiveDate"
           FROM places p
           LEFT JOIN referentiel_valeurs m ON m.referentiel = 'motif_immobilisation' AND m.code = p.motif_immobilisation
           WHERE p.groupe_id = $1 ORDER BY p.numero"#,
        groupe_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PlaceItem {
            id: r.id,
            numero: r.numero,
            version: r.version,
            statut: PlaceStatut::from_code(&r.statut).unwrap_or(PlaceStatut::Libre),
            motif_label: r.motif_label,
            du: r.immobilisee_du.map(|d| d.format("%d/%m/%Y").to_string()),
            au: r.immobilisee_au.map(|d| d.format("%d/%m/%Y").to_string()),
        })
        .collect())
}

pub async fn load_place_in(conn: &mut PgConnection, place_id: Uuid) -> Result<PlaceItem, sqlx::Error> {
    let groupe =
        sqlx::query_scalar!("SELECT groupe_id FROM places WHERE id = $1", place_id).fetch_one(&mut *conn).await?;
    places_in(conn, groupe).await?.into_iter().find(|p| p.id == place_id).ok_or(sqlx::Error::RowNotFound)
}

/// The groupes of a dispositif with the count of their places by status.
pub async fn of_dispositif(pool: &PgPool, dispositif_id: Uuid) -> Result<Vec<GroupeListItem>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT g.id, g.nom, g.canal, g.ephemere, g.actif,
                  count(p.id) FILTER (WHERE p.statut = 'libre') AS "libres!",
                  count(p.id) FILTER (WHERE p.statut = 'occupee') AS "occupees!",
                  count(p.id) FILTER (WHERE p.statut = 'immobilisee') AS "immobilisees!"
           FROM groupes_places g LEFT JOIN places p ON p.groupe_id = g.id
           WHERE g.dispositif_id = $1
           GROUP BY g.id ORDER BY g.actif DESC, g.nom"#,
        dispositif_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| GroupeListItem {
            id: r.id,
            nom: r.nom,
            canal: r.canal,
            ephemere: r.ephemere,
            actif: r.actif,
            compte: Compte { libres: r.libres, occupees: r.occupees, immobilisees: r.immobilisees },
        })
        .collect())
}

/// Creates the groupe and its places, numbered from 1.
pub async fn insert(conn: &mut PgConnection, g: &GroupeInput, created_by: Uuid) -> Result<Uuid, sqlx::Error> {
    let id = sqlx::query_scalar!(
        "INSERT INTO groupes_places (dispositif_id, nom, canal, publics, adresse, code_postal, commune, accessible_pmr,
                                     equipements, ephemere, date_debut, date_fin, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        g.dispositif_id,
        g.nom,
        g.canal.code(),
        &g.publics,
        g.adresse,
        g.code_postal,
        g.commune,
        g.accessible_pmr,
        g.equipements,
        g.periode.is_some(),
        g.periode.map(|p| p.debut) as _,
        g.periode.map(|p| p.fin) as _,
        created_by,
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!("INSERT INTO places (groupe_id, numero) SELECT $1, generate_series(1, $2)", id, g.nombre_places)
        .execute(conn)
        .await?;
    Ok(id)
}

/// Saves the groupe if it is still at `version` (its dispositif never changes; its size: `resize`).
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    g: &GroupeInput,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE groupes_places SET nom = $3, canal = $4, publics = $5, adresse = $6, code_postal = $7, commune = $8,
                                   accessible_pmr = $9, equipements = $10, ephemere = $11, date_debut = $12,
                                   date_fin = $13, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        g.nom,
        g.canal.code(),
        &g.publics,
        g.adresse,
        g.code_postal,
        g.commune,
        g.accessible_pmr,
        g.equipements,
        g.periode.is_some(),
        g.periode.map(|p| p.debut) as _,
        g.periode.map(|p| p.fin) as _,
    )
    .fetch_optional(conn)
    .await
}

/// Brings the groupe to `n` places: new ones are numbered after the last; removed ones are the free
/// places with the highest numbers. `Err(libres)` when there are not enough free places to remove.
pub async fn resize(conn: &mut PgConnection, id: Uuid, n: i32) -> Result<Result<(), i64>, sqlx::Error> {
    let (count, last) = {
        let r = sqlx::query!(
            r#"SELECT count(*) AS "count!", coalesce(max(numero), 0) AS "last!" FROM places WHERE groupe_id = $1"#,
            id
        )
        .fetch_one(&mut *conn)
        .await?;
        (r.count as i32, r.last)
    };
    if n > count {
        sqlx::query!(
            "INSERT INTO places (groupe_id, numero) SELECT $1, generate_series($2 + 1, $2 + $3)",
            id,
            last,
            n - count
        )
        .execute(conn)
        .await?;
    } else if n < count {
        let removed = sqlx::query!(
            "DELETE FROM places WHERE id IN (SELECT id FROM places WHERE groupe_id = $1 AND statut = 'libre'
                                             AND orientation_id IS NULL ORDER BY numero DESC LIMIT $2)",
            id,
            i64::from(count - n)
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if removed < (count - n) as u64 {
            let libres = sqlx::query_scalar!(
                r#"SELECT count(*) AS "n!" FROM places WHERE groupe_id = $1 AND statut = 'libre' AND orientation_id IS NULL"#,
                id
            )
            .fetch_one(conn)
            .await?;
            return Ok(Err(libres + removed as i64));
        }
    }
    Ok(Ok(()))
}

pub async fn set_actif(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    actif: bool,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE groupes_places SET actif = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        actif
    )
    .fetch_optional(conn)
    .await
}

pub async fn current_version(pool: &PgPool, id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM groupes_places WHERE id = $1", id).fetch_one(pool).await
}

/// Immobilises the place (`Some`) or frees it (`None`) if it is still at `version`.
pub async fn set_immobilisation(
    conn: &mut PgConnection,
    place_id: Uuid,
    version: i32,
    immobilisation: Option<&Immobilisation>,
) -> Result<Option<i32>, sqlx::Error> {
    let statut = if immobilisation.is_some() { PlaceStatut::Immobilisee } else { PlaceStatut::Libre };
    sqlx::query_scalar!(
        "UPDATE places SET statut = $3, motif_immobilisation = $4, immobilisee_du = $5, immobilisee_au = $6,
                           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND orientation_id IS NULL RETURNING version",
        place_id,
        version,
        statut.code(),
        immobilisation.map(|i| i.motif.clone()),
        immobilisation.map(|i| i.du) as _,
        immobilisation.and_then(|i| i.au) as _,
    )
    .fetch_optional(conn)
    .await
}

pub async fn place_version(pool: &PgPool, place_id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM places WHERE id = $1", place_id).fetch_one(pool).await
}
