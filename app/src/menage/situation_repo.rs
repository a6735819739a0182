//! SQL of the persons' situations and of the budget lines.

use sqlx::types::Json;
use sqlx::PgConnection;
use uuid::Uuid;

use super::situation::{Budget, BudgetLine, BudgetLineInput, Euros, Nature, SituationPersonne, Values, CHAMPS};
use chrono::NaiveDate;

/// The situations of each current member of the ménage, with the labels of their codes.
pub async fn situations(conn: &mut PgConnection, menage: Uuid) -> Result<Vec<SituationPersonne>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT p.id, upper(coalesce(p.nom_usage, p.nom_naissance)) || ' ' || p.prenoms AS "nom!", p.version,
                  s.data AS "data?: Json<Values>"
           FROM menage_membres mm
           JOIN personnes p ON p.id = mm.personne_id
           LEFT JOIN situations_personnes s ON s.personne_id = p.id
           WHERE mm.menage_id = $1 AND mm.jusqu_au IS NULL
           ORDER BY mm.role <> 'demandeur_principal', p.date_naissance NULLS LAST, mm.id"#,
        menage
    )
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let (keys, lists): (Vec<String>, Vec<String>) = CHAMPS
        .iter()
        .filter_map(|c| match c.kind {
            super::situation::Kind::Liste(l) => Some((c.key.to_string(), l.to_string())),
            _ => None,
        })
        .unzip();
    let labels = sqlx::query!(
        r#"SELECT s.personne_id, f.key AS "key!", v.label
           FROM situations_personnes s
           JOIN unnest($2::text[], $3::text[]) AS f (key, list) ON s.data ? f.key
           JOIN referentiel_valeurs v ON v.referentiel = f.list AND v.code = s.data ->> f.key
           WHERE s.personne_id = ANY($1)"#,
        &ids,
        &keys,
        &lists
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SituationPersonne {
            labels: labels.iter().filter(|l| l.personne_id == r.id).map(|l| (l.key.clone(), l.label.clone())).collect(),
            personne_id: r.id,
            nom: r.nom,
            version: r.version,
            values: r.data.map(|d| d.0).unwrap_or_default(),
        })
        .collect())
}

/// Writes a person's situations (the caller has bumped the person's version).
pub async fn save_situations(
    conn: &mut PgConnection,
    personne: Uuid,
    values: &Values,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO situations_personnes (personne_id, data, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (personne_id) DO UPDATE SET data = EXCLUDED.data, updated_by = EXCLUDED.updated_by, updated_at = now()",
        personne,
        Json(values) as _,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The next version of a person, if it is still `version` (any version when none is given).
pub async fn bump_personne(
    conn: &mut PgConnection,
    id: Uuid,
    version: Option<i32>,
    user: Uuid,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE personnes SET version = version + 1, updated_at = now(), updated_by = $3
         WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING version",
        id,
        version,
        user
    )
    .fetch_optional(conn)
    .await
}

/// The budget lines of the ménage's current members (removed lines left out) and their number.
pub async fn budget(conn: &mut PgConnection, menage: Uuid) -> Result<Budget, sqlx::Error> {
    let (natures, lists): (Vec<String>, Vec<String>) =
        Nature::ALL.iter().map(|n| (n.code().to_string(), n.list().to_string())).unzip();
    let rows = sqlx::query!(
        r#"SELECT b.id, b.personne_id, upper(coalesce(p.nom_usage, p.nom_naissance)) || ' ' || p.prenoms AS "personne!",
                  b.nature, b.type_code, coalesce(v.label, b.type_code) AS "type_label!", b.montant_centimes,
                  b.fin AS "fin: NaiveDate", b.commentaire
           FROM budget_lignes b
           JOIN menage_membres mm ON mm.personne_id = b.personne_id AND mm.jusqu_au IS NULL
           JOIN personnes p ON p.id = b.personne_id
           JOIN unnest($2::text[], $3::text[]) AS n (nature, list) ON n.nature = b.nature
           LEFT JOIN referentiel_valeurs v ON v.referentiel = n.list AND v.code = b.type_code
           WHERE mm.menage_id = $1 AND b.removed_at IS NULL
           ORDER BY array_position($2::text[], b.nature), b.created_at, b.id"#,
        menage,
        &natures,
        &lists
    )
    .fetch_all(&mut *conn)
    .await?;
    let persons = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM menage_membres WHERE menage_id = $1 AND jusqu_au IS NULL"#,
        menage
    )
    .fetch_one(conn)
    .await?;
    let lines = rows
        .into_iter()
        .map(|r| BudgetLine {
            id: r.id,
            personne_id: r.personne_id,
            personne: r.personne,
            nature: Nature::from_code(&r.nature).unwrap_or(Nature::Charge),
            type_code: r.type_code,
            type_label: r.type_label,
            montant: Euros(r.montant_centimes),
            fin: r.fin,
            commentaire: r.commentaire,
        })
        .collect();
    Ok(Budget { lines, persons })
}

pub async fn add_budget_line(
    conn: &mut PgConnection,
    id: Uuid,
    l: &BudgetLineInput,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO budget_lignes (id, personne_id, nature, type_code, montant_centimes, fin, commentaire, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        id,
        l.personne_id,
        l.nature.code(),
        l.type_code,
        l.montant.0,
        l.fin as _,
        l.commentaire,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The person of a budget line (removed or not: the rights are decided before the state).
pub async fn budget_line_personne(conn: &mut PgConnection, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT personne_id FROM budget_lignes WHERE id = $1", id).fetch_optional(conn).await
}

/// Marks a line removed (kept for the history); false if it already was.
pub async fn remove_budget_line(conn: &mut PgConnection, id: Uuid, user: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE budget_lignes SET removed_at = now(), removed_by = $2 WHERE id = $1 AND removed_at IS NULL",
        id,
        user
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
