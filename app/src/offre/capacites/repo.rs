//! SQL of the capacity view.

use sqlx::PgPool;

use super::model::CapaciteRow;
use crate::rights::authorize::Principal;
use crate::rights::model::Scope;

/// One row per dispositif that has financed or installed places, inside `scope` (and `departement`).
pub async fn par_dispositif(
    pool: &PgPool,
    actor: &Principal,
    scope: Scope,
    departement: Option<&str>,
    annee: i32,
) -> Result<Vec<CapaciteRow>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"WITH d AS MATERIALIZED (
               SELECT id, nom, departement_code FROM dispositifs d
               WHERE ($1 = 'all'
                      OR ($1 IN ('departement', 'siao') AND d.departement_code = ANY($2))
                      OR ($1 = 'entite' AND d.entite_id = $3)
                      OR ($1 = 'dispositifs' AND d.id = ANY($4)))
                 AND ($6::text IS NULL OR d.departement_code = $6))
           SELECT d.id AS "id!", d.nom AS "nom!", d.departement_code AS "departement_code!",
                  coalesce(f.financees, 0) AS "financees!", coalesce(i.installees, 0) AS "installees!",
                  coalesce(i.occupees, 0) AS "occupees!", coalesce(i.immobilisees, 0) AS "immobilisees!"
           FROM d
           -- The territory's ids, as an array, reach inside the grouped view and the financements
           -- (otherwise every place of the country is counted, then filtered).
           LEFT JOIN places_installees i ON i.dispositif_id = d.id AND i.dispositif_id = ANY(ARRAY(SELECT id FROM d))
           LEFT JOIN (SELECT dispositif_id, sum(places_financees)::bigint AS financees FROM financements
                      WHERE actif AND annee = $5 AND dispositif_id = ANY(ARRAY(SELECT id FROM d))
                      GROUP BY dispositif_id) f ON f.dispositif_id = d.id
           WHERE i.dispositif_id IS NOT NULL OR f.dispositif_id IS NOT NULL
           ORDER BY d.departement_code, d.nom
           LIMIT 5000"#,
        scope.code(),
        &actor.departements,
        actor.entite_id,
        &actor.dispositifs,
        annee,
        departement,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CapaciteRow {
            label: format!("{} ({})", r.nom, r.departement_code),
            href: Some(format!("/offre/dispositifs/{}", r.id)),
            financees: r.financees,
            installees: r.installees,
            occupees: r.occupees,
            immobilisees: r.immobilisees,
        })
        .collect())
}

/// One row per département (the national view).
pub async fn par_departement(pool: &PgPool, annee: i32) -> Result<Vec<CapaciteRow>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT dep.code, dep.nom,
                  coalesce(sum(f.financees), 0)::bigint AS "financees!", coalesce(sum(i.installees), 0)::bigint AS "installees!",
                  coalesce(sum(i.occupees), 0)::bigint AS "occupees!", coalesce(sum(i.immobilisees), 0)::bigint AS "immobilisees!"
           FROM departements dep
           JOIN dispositifs d ON d.departement_code = dep.code
           LEFT JOIN places_installees i ON i.dispositif_id = d.id
           LEFT JOIN (SELECT dispositif_id, sum(places_financees)::bigint AS financees FROM financements
                      WHERE actif AND annee = $1 GROUP BY dispositif_id) f ON f.dispositif_id = d.id
           GROUP BY dep.code, dep.nom
           ORDER BY dep.code"#,
        annee
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CapaciteRow {
            label: format!("{} – {}", r.code, r.nom),
            href: Some(format!("/offre/capacites?departement={}", r.code)),
            financees: r.financees,
            installees: r.installees,
            occupees: r.occupees,
            immobilisees: r.immobilisees,
        })
        .collect())
}
