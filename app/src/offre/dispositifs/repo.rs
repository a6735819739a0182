//! SQL of the dispositifs.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{
    DispositifDetail, DispositifFilter, DispositifForm, DispositifInput, DispositifListItem, DispositifOptions,
};
use crate::offre::entites::model::PAGE_SIZE;
use crate::offre::lifecycle::Statut;
use crate::rights::authorize::{Principal, Target};
use crate::rights::model::Scope;

/// Where a dispositif lies for the scope rules: its département, its entité, itself, its author.
pub async fn target_of(pool: &PgPool, id: Uuid) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query!("SELECT departement_code, entite_id, created_by FROM dispositifs WHERE id = $1", id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| Target {
        departements: vec![r.departement_code],
        entite_id: Some(r.entite_id),
        dispositifs: vec![id],
        owner: r.created_by,
    }))
}

pub async fn load(pool: &PgPool, id: Uuid) -> Result<Option<DispositifDetail>, sqlx::Error> {
    match load_in(&mut *pool.acquire().await?, id).await {
        Err(sqlx::Error::RowNotFound) => Ok(None),
        other => other.map(Some),
    }
}

/// The dispositif as the connection (or transaction) sees it; `RowNotFound` if there is none.
pub async fn load_in(conn: &mut PgConnection, id: Uuid) -> Result<DispositifDetail, sqlx::Error> {
    let r = sqlx::query!(
        r#"SELECT d.id, d.entite_id, e.nom AS entite_nom, d.nom, d.departement_code, d.nature_code, d.type_code,
                  d.finance_p177, d.publics, d.telephone, d.courriel, d.adresse, d.code_postal, d.commune,
                  d.statut, d.motif_renvoi, d.actif, d.version,
                  n.label AS "nature_label?", t.label AS "type_label?",
                  ARRAY(SELECT v.label FROM referentiel_valeurs v
                        WHERE v.referentiel = 'public_accueilli' AND v.code = ANY(d.publics)
                        ORDER BY v.position) AS "publics_labels!",
                  ARRAY(SELECT u.prenom || ' ' || u.nom FROM user_dispositifs ud JOIN users u ON u.id = ud.user_id
                        WHERE ud.dispositif_id = d.id AND u.profile = 'responsable_dispositif' AND u.active
                        ORDER BY u.nom) AS "responsables!"
           FROM dispositifs d
           JOIN entites e ON e.id = d.entite_id
           LEFT JOIN referentiel_valeurs n ON n.referentiel = 'nature_dispositif' AND n.code = d.nature_code
           LEFT JOIN referentiel_valeurs t ON t.referentiel = 'type_dispositif' AND t.code = d.type_code
           WHERE d.id = $1"#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(DispositifDetail {
        id: r.id,
        version: r.version,
        statut: Statut::from_code(&r.statut).unwrap_or(Statut::Valide),
        motif_renvoi: r.motif_renvoi,
        actif: r.actif,
        form: DispositifForm {
            entite_id: r.entite_id.to_string(),
            nom: r.nom,
            departement_code: r.departement_code,
            nature_code: r.nature_code.unwrap_or_default(),
            type_code: r.type_code.unwrap_or_default(),
            finance_p177: if r.finance_p177 { "oui".into() } else { String::new() },
            publics: r.publics,
            telephone: r.telephone.unwrap_or_default(),
            courriel: r.courriel.unwrap_or_default(),
            adresse: r.adresse.unwrap_or_default(),
            code_postal: r.code_postal.unwrap_or_default(),
            commune: r.commune.unwrap_or_default(),
        },
        entite_nom: r.entite_nom,
        nature_label: r.nature_label,
        type_label: r.type_label,
        publics_labels: r.publics_labels,
        responsables: r.responsables,
    })
}

/// One page of the dispositifs inside `scope` of `actor`, filtered, and the total count.
pub async fn list(
    pool: &PgPool,
    actor: &Principal,
    scope: Scope,
    filter: &DispositifFilter,
    statuts: Option<&[&str]>,
) -> Result<(Vec<DispositifListItem>, i64), sqlx::Error> {
    let some = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let mut wanted: Vec<String> = statuts.unwrap_or_default().iter().map(|s| s.to_string()).collect();
    if let Some(s) = some(&filter.statut) {
        wanted = vec![s];
    }
    let p177 = some(&filter.p177).map(|p| p == "oui");
    let offset = (filter.page.unwrap_or(1).max(1) - 1) * PAGE_SIZE;
    let rows = sqlx::query!(
        r#"SELECT d.id, d.nom, e.nom AS entite_nom, d.departement_code, t.label AS "type_label?", d.finance_p177,
                  d.statut, count(*) OVER () AS "total!"
           FROM dispositifs d
           JOIN entites e ON e.id = d.entite_id
           LEFT JOIN referentiel_valeurs t ON t.referentiel = 'type_dispositif' AND t.code = d.type_code
           WHERE ($1 = 'all'
                  OR ($1 IN ('departement', 'siao') AND d.departement_code = ANY($2))
                  OR ($1 = 'entite' AND d.entite_id = $3)
                  OR ($1 = 'dispositifs' AND d.id = ANY($4)))
             AND ($5::text IS NULL OR d.nom ILIKE '%' || $5 || '%' OR e.nom ILIKE '%' || $5 || '%')
             AND ($6::text IS NULL OR d.departement_code = $6)
             AND ($7::text IS NULL OR d.nature_code = $7)
             AND (cardinality($8::text[]) = 0 OR d.statut = ANY($8))
             AND ($9::boolean IS NULL OR d.finance_p177 = $9)
           ORDER BY d.nom, d.id
           LIMIT $10 OFFSET $11"#,
        scope.code(),
        &actor.departements,
        actor.entite_id,
        &actor.dispositifs,
        some(&filter.q),
        some(&filter.departement),
        some(&filter.nature),
        &wanted,
        p177,
        PAGE_SIZE,
        offset,
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let items = rows
        .into_iter()
        .map(|r| DispositifListItem {
            id: r.id,
            nom: r.nom,
            entite_nom: r.entite_nom,
            departement_code: r.departement_code,
            type_label: r.type_label,
            finance_p177: r.finance_p177,
            statut: r.statut,
        })
        .collect();
    Ok((items, total))
}

pub async fn insert(
    conn: &mut PgConnection,
    d: &DispositifInput,
    statut: Statut,
    created_by: Uuid,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO dispositifs (entite_id, nom, departement_code, nature_code, type_code, finance_p177, publics,
                                  telephone, courriel, adresse, code_postal, commune, statut, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        d.entite_id,
        d.nom,
        d.departement_code,
        d.nature_code,
        d.type_code,
        d.finance_p177,
        &d.publics,
        d.telephone.as_ref().map(|t| t.as_str()),
        d.courriel,
        d.adresse,
        d.code_postal,
        d.commune,
        statut.code(),
        created_by,
    )
    .fetch_one(conn)
    .await
}

/// Saves the dispositif if it is still at `version` (its entité never changes).
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    d: &DispositifInput,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE dispositifs SET nom = $3, departement_code = $4, nature_code = $5, type_code = $6, finance_p177 = $7,
                                publics = $8, telephone = $9, courriel = $10, adresse = $11, code_postal = $12,
                                commune = $13, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        d.nom,
        d.departement_code,
        d.nature_code,
        d.type_code,
        d.finance_p177,
        &d.publics,
        d.telephone.as_ref().map(|t| t.as_str()),
        d.courriel,
        d.adresse,
        d.code_postal,
        d.commune,
    )
    .fetch_optional(conn)
    .await
}

pub async fn set_statut(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    statut: Statut,
    motif: Option<&str>,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE dispositifs SET statut = $3, motif_renvoi = $4, version = version + 1, updated_at = now()
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
    sqlx::query_scalar!("SELECT version FROM dispositifs WHERE id = $1", id).fetch_one(pool).await
}

/// The départements of an entité (none: no such entité).
pub async fn entite_departements(pool: &PgPool, entite_id: Uuid) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar!("SELECT departement_code FROM entite_departements WHERE entite_id = $1", entite_id)
        .fetch_all(pool)
        .await
}

/// The choices of the form: the entités the actor sees (active ones), the nomenclature valid today, the
/// publics.
pub async fn options(pool: &PgPool, actor: &Principal, scope: Scope) -> Result<DispositifOptions, sqlx::Error> {
    let entites = sqlx::query!(
        r#"SELECT e.id, e.nom,
                  ARRAY(SELECT departement_code FROM entite_departements WHERE entite_id = e.id) AS "departements!"
           FROM entites e
           WHERE e.actif AND ($1 = 'all'
                  OR ($1 IN ('departement', 'siao') AND EXISTS (
                        SELECT 1 FROM entite_departements ed WHERE ed.entite_id = e.id AND ed.departement_code = ANY($2)))
                  OR ($1 = 'entite' AND e.id = $3))
           ORDER BY e.nom
           LIMIT 2000"#,
        scope.code(),
        &actor.departements,
        actor.entite_id,
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|e| (e.id, e.nom, e.departements))
    .collect();
    let today = chrono::Utc::now().date_naive();
    let types = crate::referentiel::repo::values(pool, "type_dispositif")
        .await?
        .into_iter()
        .filter(|v| v.usable_on(today))
        .map(|v| (v.code, v.label, v.parent_code.unwrap_or_default()))
        .collect();
    Ok(DispositifOptions {
        entites,
        natures: crate::referentiel::repo::options(pool, "nature_dispositif").await?,
        types,
        publics: crate::referentiel::repo::options(pool, "public_accueilli").await?,
    })
}

/// Activates or deactivates the dispositif if it is still at `version`.
pub async fn set_actif(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    actif: bool,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE dispositifs SET actif = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        actif
    )
    .fetch_optional(conn)
    .await
}

/// How many places of the dispositif are occupied.
pub async fn occupied_places(pool: &PgPool, id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM places p JOIN groupes_places g ON g.id = p.groupe_id
           WHERE g.dispositif_id = $1 AND p.statut = 'occupee'"#,
        id
    )
    .fetch_one(pool)
    .await
}

/// A validated, active dispositif as the annuaire of the offre describes it to partner software.
pub struct AnnuaireLine {
    pub id: Uuid,
    pub nom: String,
    pub entite: String,
    pub siren: String,
    pub departement_code: String,
    pub nature_code: Option<String>,
    pub type_code: Option<String>,
    pub publics: Vec<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
}

/// Criteria of the annuaire (each optional); `siren` is the entité's.
pub struct AnnuaireCriteria<'a> {
    pub departement: Option<&'a str>,
    pub nom: Option<&'a str>,
    pub siren: Option<&'a str>,
    pub nature: Option<&'a str>,
    pub type_code: Option<&'a str>,
}

/// The annuaire of the offre: validated and active dispositifs matching `c`, by name, one page, and the total.
pub async fn annuaire(
    pool: &PgPool,
    c: &AnnuaireCriteria<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AnnuaireLine>, i64), sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT d.id, d.nom, e.nom AS entite, e.siren, d.departement_code, d.nature_code, d.type_code, d.publics,
                  d.adresse, d.code_postal, d.commune, d.telephone, d.courriel, count(*) OVER () AS "total!"
           FROM dispositifs d JOIN entites e ON e.id = d.entite_id
           WHERE d.statut = 'valide' AND d.actif
             AND ($1::text IS NULL OR d.departement_code = $1)
             AND ($2::text IS NULL OR d.nom ILIKE '%' || $2 || '%')
             AND ($3::text IS NULL OR e.siren = $3)
             AND ($4::text IS NULL OR d.nature_code = $4)
             AND ($5::text IS NULL OR d.type_code = $5)
           ORDER BY d.nom, d.id
           LIMIT $6 OFFSET $7"#,
        c.departement,
        c.nom,
        c.siren,
        c.nature,
        c.type_code,
        limit,
        offset
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let lines = rows
        .into_iter()
        .map(|r| AnnuaireLine {
            id: r.id,
            nom: r.nom,
            entite: r.entite,
            siren: r.siren,
            departement_code: r.departement_code,
            nature_code: r.nature_code,
            type_code: r.type_code,
            publics: r.publics,
            adresse: r.adresse,
            code_postal: r.code_postal,
            commune: r.commune,
            telephone: r.telephone,
            courriel: r.courriel,
        })
        .collect();
    Ok((lines, total))
}
