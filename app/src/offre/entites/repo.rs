//! SQL of the entités.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{EntiteDetail, EntiteFilter, EntiteForm, EntiteInput, EntiteListItem, EntiteOptions, PAGE_SIZE};
use crate::offre::lifecycle::Statut;
use crate::rights::authorize::{Principal, Target};
use crate::rights::model::Scope;

/// Where an entité lies for the scope rules: its départements, itself, its dispositifs, its author.
pub async fn target_of(pool: &PgPool, id: Uuid) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT e.created_by,
                  ARRAY(SELECT departement_code FROM entite_departements WHERE entite_id = e.id) AS "departements!",
                  ARRAY(SELECT id FROM dispositifs WHERE entite_id = e.id) AS "dispositifs!"
           FROM entites e WHERE e.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Target {
        departements: r.departements,
        entite_id: Some(id),
        dispositifs: r.dispositifs,
        owner: r.created_by,
    }))
}

pub async fn load(pool: &PgPool, id: Uuid) -> Result<Option<EntiteDetail>, sqlx::Error> {
    match load_in(&mut *pool.acquire().await?, id).await {
        Err(sqlx::Error::RowNotFound) => Ok(None),
        other => other.map(Some),
    }
}

/// The entité as the connection (or transaction) sees it; `RowNotFound` if there is none.
pub async fn load_in(conn: &mut PgConnection, id: Uuid) -> Result<EntiteDetail, sqlx::Error> {
    let r = sqlx::query!(
        r#"SELECT e.id, e.nom, e.siren, e.telephone, e.courriel, e.convention_collective, e.idcc, e.adresse,
                  e.code_postal, e.commune, e.departement_code, e.statut, e.motif_renvoi, e.actif, e.version,
                  v.label AS "convention_label?",
                  ARRAY(SELECT departement_code FROM entite_departements d WHERE d.entite_id = e.id
                        ORDER BY d.departement_code = e.departement_code DESC, d.departement_code) AS "departements!"
           FROM entites e
           LEFT JOIN referentiel_valeurs v
                  ON v.referentiel = 'convention_collective' AND v.code = e.convention_collective
           WHERE e.id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let dispositifs = sqlx::query!("SELECT id, nom FROM dispositifs WHERE entite_id = $1 ORDER BY nom", id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d.nom))
        .collect();
    let home = r.departement_code.clone().unwrap_or_default();
    Ok(EntiteDetail {
        id: r.id,
        version: r.version,
        statut: Statut::from_code(&r.statut).unwrap_or(Statut::Valide),
        motif_renvoi: r.motif_renvoi,
        actif: r.actif,
        form: EntiteForm {
            nom: r.nom,
            siren: r.siren,
            telephone: r.telephone.unwrap_or_default(),
            courriel: r.courriel.unwrap_or_default(),
            convention_collective: r.convention_collective.unwrap_or_default(),
            idcc: r.idcc.unwrap_or_default(),
            adresse: r.adresse.unwrap_or_default(),
            code_postal: r.code_postal.unwrap_or_default(),
            commune: r.commune.unwrap_or_default(),
            autres_departements: r.departements.iter().filter(|d| **d != home).cloned().collect::<Vec<_>>().join(", "),
            departement_code: home,
        },
        convention_label: r.convention_label,
        departements: r.departements,
        dispositifs,
    })
}

/// One page of the entités inside `scope` of `actor`, filtered, and the total count.
pub async fn list(
    pool: &PgPool,
    actor: &Principal,
    scope: Scope,
    filter: &EntiteFilter,
    statuts: Option<&[&str]>,
) -> Result<(Vec<EntiteListItem>, i64), sqlx::Error> {
    let q = filter.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let departement = filter.departement.as_deref().filter(|s| !s.is_empty());
    let mut wanted: Vec<String> = statuts.unwrap_or_default().iter().map(|s| s.to_string()).collect();
    if let Some(s) = filter.statut.as_deref().filter(|s| !s.is_empty()) {
        wanted = vec![s.to_string()];
    }
    let offset = (filter.page.unwrap_or(1).max(1) - 1) * PAGE_SIZE;
    let rows = sqlx::query!(
        r#"SELECT e.id, e.nom, e.siren, e.departement_code, e.statut, e.actif,
                  (SELECT count(*) FROM dispositifs d WHERE d.entite_id = e.id) AS "dispositifs!",
                  count(*) OVER () AS "total!"
           FROM entites e
           WHERE ($1 = 'all'
                  OR ($1 IN ('departement', 'siao') AND EXISTS (
                        SELECT 1 FROM entite_departements ed WHERE ed.entite_id = e.id AND ed.departement_code = ANY($2)))
                  OR ($1 = 'entite' AND e.id = $3)
                  OR ($1 = 'dispositifs' AND EXISTS (
                        SELECT 1 FROM dispositifs d WHERE d.entite_id = e.id AND d.id = ANY($4))))
             AND ($5::text IS NULL OR e.nom ILIKE '%' || $5 || '%' OR e.siren = replace($5, ' ', ''))
             AND ($6::text IS NULL OR EXISTS (
                   SELECT 1 FROM entite_departements ed WHERE ed.entite_id = e.id AND ed.departement_code = $6))
             AND (cardinality($7::text[]) = 0 OR e.statut = ANY($7))
           ORDER BY e.nom
           LIMIT $8 OFFSET $9"#,
        scope.code(),
        &actor.departements,
        actor.entite_id,
        &actor.dispositifs,
        q,
        departement,
        &wanted,
        PAGE_SIZE,
        offset,
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let items = rows
        .into_iter()
        .map(|r| EntiteListItem {
            id: r.id,
            nom: r.nom,
            siren: r.siren,
            departement_code: r.departement_code,
            statut: r.statut,
            actif: r.actif,
            dispositifs: r.dispositifs,
        })
        .collect();
    Ok((items, total))
}

async fn set_departements(conn: &mut PgConnection, id: Uuid, departements: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "DELETE FROM entite_departements WHERE entite_id = $1 AND departement_code <> ALL($2)",
        id,
        departements
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO entite_departements (entite_id, departement_code) SELECT $1, unnest($2::text[])
         ON CONFLICT DO NOTHING",
        id,
        departements
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert(
    conn: &mut PgConnection,
    e: &EntiteInput,
    statut: Statut,
    created_by: Uuid,
) -> Result<Uuid, sqlx::Error> {
    let id = sqlx::query_scalar!(
        "INSERT INTO entites (nom, siren, telephone, courriel, convention_collective, idcc, adresse, code_postal,
                              commune, departement_code, statut, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        e.nom,
        e.siren.as_str(),
        e.telephone.as_ref().map(|t| t.as_str()),
        e.courriel,
        e.convention_collective,
        e.idcc,
        e.adresse,
        e.code_postal,
        e.commune,
        e.departement_code,
        statut.code(),
        created_by,
    )
    .fetch_one(&mut *conn)
    .await?;
    set_departements(conn, id, &e.departements).await?;
    Ok(id)
}

/// Saves the entité if it is still at `version`; `None` if somebody changed it meanwhile.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    e: &EntiteInput,
) -> Result<Option<i32>, sqlx::Error> {
    let new_version = sqlx::query_scalar!(
        "UPDATE entites SET nom = $3, siren = $4, telephone = $5, courriel = $6, convention_collective = $7,
                            idcc = $8, adresse = $9, code_postal = $10, commune = $11, departement_code = $12,
                            version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        e.nom,
        e.siren.as_str(),
        e.telephone.as_ref().map(|t| t.as_str()),
        e.courriel,
        e.convention_collective,
        e.idcc,
        e.adresse,
        e.code_postal,
        e.commune,
        e.departement_code,
    )
    .fetch_optional(&mut *conn)
    .await?;
    if new_version.is_some() {
        set_departements(conn, id, &e.departements).await?;
    }
    Ok(new_version)
}

/// Moves the entité in the validation circuit if it is still at `version`.
pub async fn set_statut(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    statut: Statut,
    motif: Option<&str>,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE entites SET statut = $3, motif_renvoi = $4, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        statut.code(),
        motif
    )
    .fetch_optional(conn)
    .await
}

pub async fn current_version(pool: &PgPool, id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM entites WHERE id = $1", id).fetch_one(pool).await
}

/// Conventions collectives offered today, and the départements the actor may choose (all of them for
/// the national profiles).
pub async fn options(pool: &PgPool, actor: &Principal) -> Result<EntiteOptions, sqlx::Error> {
    let departements = sqlx::query!(
        "SELECT code, nom FROM departements WHERE cardinality($1::text[]) = 0 OR code = ANY($1) ORDER BY code",
        &actor.departements
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|d| (d.code, d.nom))
    .collect();
    let conventions = crate::referentiel::repo::options(pool, "convention_collective").await?;
    Ok(EntiteOptions { conventions, departements })
}

/// The départements among `codes` that do not exist.
pub async fn unknown_departements(pool: &PgPool, codes: &[String]) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT c AS "c!" FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM departements WHERE code = c)"#,
        codes
    )
    .fetch_all(pool)
    .await
}

/// Activates or deactivates the entité if it is still at `version`.
pub async fn set_actif(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    actif: bool,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE entites SET actif = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        actif
    )
    .fetch_optional(conn)
    .await
}

/// How many active dispositifs the entité has.
pub async fn active_dispositifs(pool: &PgPool, id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM dispositifs WHERE entite_id = $1 AND actif"#, id)
        .fetch_one(pool)
        .await
}
